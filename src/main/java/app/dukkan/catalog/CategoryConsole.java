package app.dukkan.catalog;

import app.dukkan.platform.ProblemException;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The category tree as admins edit it: create, rename, move below another category (never below
 * itself or its own descendants) and reorder among siblings. Each change is audited ({@code
 * category.created}, {@code category.renamed}, {@code category.moved}, {@code category.reordered}).
 */
public interface CategoryConsole {

    /**
     * A category in the tree read depth first: its depth (0 for roots), its parent, and whether it is
     * the first or last among its siblings.
     */
    record Node(UUID id, @Nullable UUID parentId, String slug, String name, int depth, boolean first, boolean last) {}

    /** Every category, depth first, siblings in display order. */
    List<Node> tree();

    /** @throws ProblemException 400 naming {@code name}, {@code slug} or {@code parent}; 409 for a taken slug */
    Node create(String name, @Nullable String slug, @Nullable UUID parentId);

    /** @throws ProblemException 404; 400 naming {@code name} */
    void rename(UUID id, String name);

    /** Moves it below {@code parentId} (null: to the roots), last among its new siblings. @throws ProblemException 400 naming {@code parent} for a cycle */
    void move(UUID id, @Nullable UUID parentId);

    /** Swaps it with its sibling before ({@code up}) or after it; nothing at either end. */
    void reorder(UUID id, boolean up);
}
