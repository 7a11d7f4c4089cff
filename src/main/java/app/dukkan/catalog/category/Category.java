package app.dukkan.catalog.category;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A stored category row. */
public record Category(UUID id, @Nullable UUID parentId, String slug, String name, int position) {}
