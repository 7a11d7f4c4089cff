package app.dukkan.platform;

import java.util.Optional;

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

    static boolean isPrivate(String key) {
        return key.startsWith(PRIVATE_PREFIX);
    }
}
