package app.dukkan.platform.storage;

import app.dukkan.platform.FileStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/**
 * Keeps files in a local directory and serves the public ones under {@code /files/}; keys under
 * {@code private/} are served only through signed URLs. Used unless an S3 bucket is configured.
 */
@Component
@ConditionalOnExpression("'${dukkan.storage.s3.bucket:}'.isBlank()")
class FilesystemFileStore implements FileStore {

    static final String URL_PREFIX = "/files/";

    private final Path root;

    FilesystemFileStore(StorageProperties properties) {
        this.root = Path.of(properties.directory()).toAbsolutePath().normalize();
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the file store at " + root, e);
        }
    }

    @Override
    public String store(String key, byte[] content) {
        return store(key, temporary -> Files.write(temporary, content));
    }

    @Override
    public String store(String key, Path file) {
        return store(key, temporary -> Files.copy(file, temporary, StandardCopyOption.REPLACE_EXISTING));
    }

    private interface Writer {
        void writeTo(Path temporary) throws IOException;
    }

    private String store(String key, Writer writer) {
        Path target = resolve(key);
        Path temporary = null;
        try {
            Files.createDirectories(target.getParent());
            temporary = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
            writer.writeTo(temporary);
            // Readers never see a half-written file.
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            // a failed write (a full disk) leaves no hidden file behind that list() would never show
            deleteQuietly(temporary, e);
            throw e instanceof IOException io
                    ? new UncheckedIOException("Could not store " + key, io)
                    : (RuntimeException) e;
        }
        return FileStore.isPrivate(key) ? key : URL_PREFIX + key;
    }

    private static void deleteQuietly(@Nullable Path temporary, Exception failure) {
        if (temporary == null) {
            return;
        }
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public boolean copyTo(String key, Path file) {
        Path source = resolve(key);
        if (!Files.isRegularFile(source)) {
            return false;
        }
        try {
            Files.copy(source, file, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not copy " + key, e);
        }
    }

    @Override
    public List<String> list(String prefix) {
        // the prefix's directory part is walked; the rest filters the names
        int slash = prefix.lastIndexOf('/');
        Path directory = slash < 0 ? root : resolve(prefix.substring(0, slash));
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> root.relativize(file).toString().replace('\\', '/'))
                    .filter(key -> key.startsWith(prefix) && !key.contains("/.upload-"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list " + prefix, e);
        }
    }

    @Override
    public Optional<byte[]> read(String key) {
        Path file = resolve(key);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + key, e);
        }
    }

    @Override
    public boolean delete(String key) {
        try {
            return Files.deleteIfExists(resolve(key));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + key, e);
        }
    }

    Path root() {
        return root;
    }

    /** Where private files live: never served by the public handler. */
    Path privateRoot() {
        return root.resolve(PRIVATE_PREFIX).normalize();
    }

    Path resolve(String key) {
        return root.resolve(FileKeys.requireSafe(key)).normalize();
    }
}
