package app.dukkan.catalog;

import app.dukkan.identity.AuthenticatedUser;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.InputStreamSource;

/**
 * A product's pictures for the people who edit it: uploads processed into renditions (see ADR
 * 0027), alt texts, order and removal. Admins touch every product, sellers their own; a seller who
 * names another seller's product gets 403 and the attempt is audited. Every change is audited and
 * drops the catalog's caches, so the shop shows it at once.
 */
public interface ProductImages {

    /** One stored rendition of an uploaded picture. */
    record Rendition(int width, int height, String url) {}

    /**
     * A picture of a product.
     *
     * @param url what pages show without {@code srcset}: an uploaded picture's widest rendition
     * @param width the picture's own width when known (an upload's original, upright)
     * @param uploaded whether the shop made and keeps its files (else it was added by URL)
     * @param renditions an upload's renditions, narrowest first; empty for a picture added by URL
     */
    record Image(
            UUID id,
            String url,
            String alt,
            @Nullable Integer width,
            @Nullable Integer height,
            int position,
            boolean uploaded,
            List<Rendition> renditions) {}

    /** A product's pictures in their order, and how many it may have. */
    record Gallery(UUID productId, String slug, String name, List<Image> images, int maxImages) {

        public boolean full() {
            return images.size() >= maxImages;
        }
    }

    enum Move {
        UP,
        DOWN
    }

    Gallery gallery(AuthenticatedUser actor, UUID productId);

    Image image(AuthenticatedUser actor, UUID productId, UUID imageId);

    /**
     * Processes and stores an uploaded file as the product's last picture.
     *
     * @param size the file's size as received, checked before it is read
     * @throws app.dukkan.platform.ProblemException a refused file (types {@code not-an-image},
     *     {@code unsupported-image-type}, {@code image-too-large}, {@code image-dimensions},
     *     {@code image-too-many-pixels}, {@code corrupt-image}, {@code empty-file}), with nothing
     *     stored
     */
    Image upload(AuthenticatedUser actor, UUID productId, long size, InputStreamSource content, @Nullable String alt);

    Image changeAlt(AuthenticatedUser actor, UUID productId, UUID imageId, String alt);

    void move(AuthenticatedUser actor, UUID productId, UUID imageId, Move move);

    /** Removes the picture and, when no other picture uses them, its stored files. */
    void delete(AuthenticatedUser actor, UUID productId, UUID imageId);

    /** The largest file an upload takes, in bytes. */
    long maxFileSize();
}
