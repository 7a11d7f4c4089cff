package app.dukkan.platform;

import java.util.List;
import java.util.function.Predicate;
import org.springframework.core.io.InputStreamSource;

/**
 * Uploaded pictures made safe to show (ADR 0027): the type told by the content, size and pixel
 * limits checked before decoding, EXIF orientation applied and every piece of metadata dropped,
 * JPEG renditions in the widths the pages offer in {@code srcset}, stored through the {@link
 * FileStore} under keys made of the upload's hash. Products, avatars and posts use the same.
 */
public interface Pictures {

    /** One stored rendition: its file key beside its public URL. */
    record Rendition(int width, int height, String key, String url) {}

    /**
     * A stored upload.
     *
     * @param sha256 hex SHA-256 of the uploaded bytes: the same file gets the same keys
     * @param format the source's format: jpeg, png or webp
     * @param width the picture's width as shown (after its orientation is applied)
     * @param renditions narrowest first
     */
    record Picture(String sha256, String format, int width, int height, List<Rendition> renditions) {

        public Rendition widest() {
            return renditions.get(renditions.size() - 1);
        }

        public Rendition narrowest() {
            return renditions.get(0);
        }
    }

    /** The largest file an upload takes, in bytes. */
    long maxFileSize();

    /** An upload checked and processed but not stored yet: its renditions wait in memory. */
    interface Prepared {

        /** Hex SHA-256 of the uploaded bytes. */
        String sha256();
    }

    /**
     * Reads, checks and processes the upload (a few at a time per instance; others wait their turn,
     * then 503 {@code busy}). Needs no transaction: the work holds no connection.
     *
     * @param size the file's size as received, checked before it is read
     * @throws ProblemException a refused file (types {@code not-an-image}, {@code
     *     unsupported-image-type}, {@code image-too-large}, {@code image-dimensions}, {@code
     *     image-too-many-pixels}, {@code corrupt-image}, {@code empty-file}; field {@code file})
     */
    Prepared prepare(long size, InputStreamSource content);

    /**
     * Stores the renditions under {@code area/ab/abcdef…-640.jpg}, within the transaction that
     * writes the row using them. Until that transaction ends, {@link #deleteUnused} waits before
     * it looks at the same hash, so a concurrent delete of another row with the same file cannot
     * remove the files this row is about to use. When the transaction rolls back, the files are
     * removed unless {@code inUse} says a stored row still uses the hash.
     *
     * @throws IllegalStateException outside a transaction
     */
    Picture store(String area, Prepared prepared, Predicate<String> inUse);

    /**
     * Removes the renditions' files unless {@code inUse} says a stored row still uses the hash (the
     * same file uploaded twice shares its files). Called within a transaction, it does so after that
     * transaction commits, and not at all if it rolls back. A file that cannot be removed is logged
     * and left.
     */
    void deleteUnused(String sha256, List<Rendition> renditions, Predicate<String> inUse);
}
