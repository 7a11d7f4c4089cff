package app.dukkan.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The filesystem store: what it stores it reads back and deletes; keys stay inside its directory. */
class FilesystemFileStoreTests {

    @TempDir
    Path directory;

    @Test
    void storesReadsAndDeletes() {
        FilesystemFileStore store = new FilesystemFileStore(new StorageProperties(
                directory.toString(), null, new StorageProperties.S3(null, null, null, false, null)));
        byte[] content = "jpeg".getBytes(StandardCharsets.US_ASCII);

        assertThat(store.store("products/images/ab/abc-320.jpg", content))
                .isEqualTo("/files/products/images/ab/abc-320.jpg");
        assertThat(store.read("products/images/ab/abc-320.jpg")).hasValue(content);

        assertThat(store.delete("products/images/ab/abc-320.jpg")).isTrue();
        assertThat(Files.exists(directory.resolve("products/images/ab/abc-320.jpg")))
                .isFalse();
        assertThat(store.read("products/images/ab/abc-320.jpg")).isEmpty();
        assertThat(store.delete("products/images/ab/abc-320.jpg")).isFalse();
    }

    @Test
    void refusesKeysOutsideItsDirectory() {
        FilesystemFileStore store = new FilesystemFileStore(new StorageProperties(
                directory.toString(), null, new StorageProperties.S3(null, null, null, false, null)));
        assertThatThrownBy(() -> store.delete("../outside.jpg")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFailedStoreLeavesNoHiddenFileBehind() throws Exception {
        FilesystemFileStore store = new FilesystemFileStore(new StorageProperties(
                directory.toString(), null, new StorageProperties.S3(null, null, null, false, null)));

        // the source vanishes mid-way, as a full disk would fail the copy
        assertThatThrownBy(() -> store.store("private/backups/b.dump", directory.resolve("missing.dump")))
                .isInstanceOf(UncheckedIOException.class);

        try (Stream<Path> files = Files.walk(directory)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }
}
