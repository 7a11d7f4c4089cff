package app.dukkan.platform;

/** Stores files (images, receipts) and tells where clients can fetch them. */
public interface FileStore {

    /**
     * Stores the content under the key, replacing what was there.
     *
     * @param key a relative path of safe segments, e.g. {@code products/red-mug-1.svg}
     * @return the public URL of the stored file
     */
    String store(String key, byte[] content);
}
