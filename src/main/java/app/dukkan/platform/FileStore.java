package app.dukkan.platform;

import app.dukkan.platform.storage.FileStores;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.springframework.core.env.Environment;

/**
 * Stores files (images, receipts) and tells where clients can fetch them. Keys under {@link
 * #PRIVATE_PREFIX} are never served publicly: hand them out with {@link SignedUrls}.
 */
public interface FileStore {

    /** Keys starting with this are private: only a signed URL serves them. */
    String PRIVATE_PREFIX = "private/";

    /**
     * Stores the content under the key, replacing what was there.
     *
     * @param key a relative path of safe segments, e.g. {@code products/red-mug-1.svg}
     * @return the public URL of the stored file; for a private key the key itself (it has no public URL)
     */
    String store(String key, byte[] content);

    /** The stored content, if there is a file under the key. Meant for small files (receipts, images). */
    Optional<byte[]> read(String key);

    /**
     * Removes the file under the key; nothing happens when there is none.
     *
     * @return whether a file was there
     */
    boolean delete(String key);

    /**
     * Stores a local file's content under the key, for files too large to hold in memory (backups).
     *
     * @return as {@link #store(String, byte[])}
     */
    String store(String key, Path file);

    /**
     * Copies the file under the key to a local file, replacing it.
     *
     * @return whether a file was there
     */
    boolean copyTo(String key, Path file);

    /** The keys of the files whose keys start with the prefix, in key order. */
    List<String> list(String prefix);

    /**
     * The file store the settings describe, for a command that works without the application
     * (a restore when the shop's database is gone).
     */
    static FileStore open(Environment settings) {
        return FileStores.open(settings);
    }

    static boolean isPrivate(String key) {
        return key.startsWith(PRIVATE_PREFIX);
    }
}
