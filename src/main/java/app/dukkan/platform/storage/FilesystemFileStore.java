package app.dukkan.platform.storage;

import app.dukkan.platform.FileStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/** Keeps files in a local directory and serves them under {@code /files/}. */
@Component
@EnableConfigurationProperties(FilesystemFileStore.StorageProperties.class)
class FilesystemFileStore implements FileStore {

    /** @param directory where files are kept */
    @ConfigurationProperties("dukkan.storage")
    record StorageProperties(@DefaultValue("var/files") String directory) {}

    static final String URL_PREFIX = "/files/";
    private static final Pattern SAFE_KEY = Pattern.compile("^[a-z0-9][a-z0-9._-]*(/[a-z0-9][a-z0-9._-]*)*$");

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
        Path target = resolve(key);
        try {
            Files.createDirectories(target.getParent());
            Path temporary = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
            Files.write(temporary, content);
            // Readers never see a half-written file.
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store " + key, e);
        }
        return URL_PREFIX + key;
    }

    Path root() {
        return root;
    }

    Path resolve(String key) {
        if (key.length() > 300 || !SAFE_KEY.matcher(key).matches() || key.contains("..")) {
            throw new IllegalArgumentException("Unsafe file key: " + key);
        }
        return root.resolve(key).normalize();
    }
}
