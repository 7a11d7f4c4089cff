package app.dukkan.community;

import app.dukkan.catalog.ShopCatalog;
import app.dukkan.identity.UserId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.InputStreamSource;

/**
 * Posts: plain text with up to four pictures and four tagged products, written, edited (keeping
 * the earlier texts) and deleted by their authors, and liked once per member. A viewer sees a post
 * while it is visible, or always when it is their own and hidden by moderation; never across a
 * block. Writes are counted against {@code dukkan.community.limits.*} before they begin.
 */
public interface Posts {

    int MAX_TEXT = 2_000;
    int MAX_IMAGES = 4;
    int MAX_PRODUCTS = 4;

    /** How a member appears next to what they wrote. */
    record Byline(
            String handle, String displayName, @Nullable String avatarUrl) {}

    /**
     * A picture of a post.
     *
     * @param srcset its renditions for the pages' {@code srcset} attribute
     */
    record Image(UUID id, String url, int width, int height, String srcset) {}

    /**
     * A product tagged in a post, as the shop shows it today.
     *
     * @param variantId the variant an add-to-cart form buys: the product's only variant, or its first
     *     in stock; null when the product has several and none is in stock
     */
    record TaggedProduct(
            UUID id, ShopCatalog.ProductCard card, @Nullable UUID variantId) {}

    /**
     * A post as a viewer sees it.
     *
     * @param hidden hidden by moderation: only its author sees it
     * @param mine the viewer wrote it
     */
    record Post(
            UUID id,
            Byline author,
            String text,
            List<Image> images,
            List<TaggedProduct> products,
            int likeCount,
            boolean likedByMe,
            int commentCount,
            boolean hidden,
            boolean mine,
            Instant createdAt,
            @Nullable Instant editedAt) {}

    /** What a member writes: text, ids of their unused uploads, ids of active products. */
    record Draft(String text, List<UUID> imageIds, List<UUID> productIds) {}

    /** An uploaded picture, usable in one post of its uploader until it expires unused. */
    record Upload(UUID id, String url, int width, int height, String srcset) {}

    /** An earlier text of a post and when it was replaced. */
    record Edit(String text, Instant replacedAt) {}

    /** A post's like count after a like or an unlike. */
    record Likes(UUID post, int likeCount, boolean likedByMe) {}

    /**
     * Writes a post, screened by moderation, and publishes {@link PostPublished} unless moderation
     * hid it (then an operator's first restore does).
     *
     * @param clientAddress counted with the author against the posts limit
     * @throws app.dukkan.platform.ProblemException 400 text empty or too long, too many pictures or
     *     products; 422 {@code unusable-image} for an upload that is not the author's unused one, 422
     *     {@code product-unavailable} naming a product that is not on sale; 429 past the limit
     */
    Post create(UserId author, String clientAddress, Draft draft);

    /** Stores an uploaded picture for a later post (pictures pipeline, area {@code community/posts}). */
    Upload upload(UserId owner, String clientAddress, long size, InputStreamSource content);

    /** The post as the viewer (null: a stranger) sees it; 404 when they may not. */
    Post get(UUID id, @Nullable UserId viewer);

    /**
     * Changes a post's text, keeping the earlier one; 403 for someone else's post.
     *
     * @param clientAddress counted with the author against the edits limit (429 past it)
     */
    Post edit(UserId author, String clientAddress, UUID id, String text);

    /** Deletes the author's post: gone from every page and feed. 403 for someone else's. */
    void delete(UserId author, UUID id);

    /**
     * The post's earlier texts that readers saw, newest first, for anyone who may see it: a text
     * replaced while the post was hidden pending review is not among them.
     */
    List<Edit> history(UUID id, @Nullable UserId viewer);

    /** Likes a post the member may see (idempotent); {@link PostLiked} once per member and post. */
    Likes like(UserId member, String clientAddress, UUID id);

    /** Takes a like back (idempotent). */
    Likes unlike(UserId member, String clientAddress, UUID id);
}
