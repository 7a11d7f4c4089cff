package app.dukkan.catalog;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a sitemap lists: the active products, in chunks of a fixed size, and the categories, each
 * with the time its content last changed. Drafts and archived products are never listed.
 */
public interface CatalogSitemap {

    /**
     * The chunks of active products at {@code chunkSize} products each (ordered by id, so a chunk
     * keeps its products while none is added or removed); none when there are no products.
     */
    List<Chunk> productChunks(int chunkSize);

    /** Streams the active products of one chunk to {@code sink}, without holding them all in memory. */
    void products(int chunk, int chunkSize, Consumer<Entry> sink);

    /** Every category; its last change is the latest of its own and its active products'. */
    List<Entry> categories();

    /** @param index zero-based */
    record Chunk(int index, long count, Instant lastModified) {}

    record Entry(String slug, Instant lastModified) {}
}
