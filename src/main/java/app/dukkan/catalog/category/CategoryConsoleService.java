package app.dukkan.catalog.category;

import app.dukkan.catalog.CategoryConsole;
import app.dukkan.catalog.config.CatalogChanges;
import app.dukkan.platform.AuditLog;
import app.dukkan.platform.ProblemException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The console's category editor over {@link Categories}, each change audited in its transaction. */
@Service
class CategoryConsoleService implements CategoryConsole {

    private static final int MAX_NAME = 120;

    private final Categories categories;
    private final CategoryRepository repository;
    private final CatalogChanges changes;
    private final AuditLog audit;
    private final Clock clock;

    CategoryConsoleService(
            Categories categories, CategoryRepository repository, CatalogChanges changes, AuditLog audit, Clock clock) {
        this.categories = categories;
        this.repository = repository;
        this.changes = changes;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public List<Node> tree() {
        return nodes(fresh());
    }

    @Override
    @Transactional
    public Node create(String name, @Nullable String slug, @Nullable UUID parentId) {
        String checked = checkedName(name);
        CategoryTree tree = forChange();
        String parentSlug = null;
        int position = 0;
        if (parentId != null) {
            Category parent =
                    tree.byId(parentId).orElseThrow(() -> ProblemException.invalid("parent", "unknown category"));
            parentSlug = parent.slug();
            position = nextPosition(tree.children(parentId));
        } else {
            position = nextPosition(roots(tree));
        }
        Category created =
                categories.create(checked, slug == null || slug.isBlank() ? null : slug.strip(), parentSlug, position);
        audit.record(
                "category.created",
                "category",
                created.id().toString(),
                null,
                parentSlug == null
                        ? Map.of("slug", created.slug(), "name", created.name())
                        : Map.of("slug", created.slug(), "name", created.name(), "parent", parentSlug));
        return nodes(fresh()).stream()
                .filter(n -> n.id().equals(created.id()))
                .findFirst()
                .orElseThrow();
    }

    @Override
    @Transactional
    public void rename(UUID id, String name) {
        String checked = checkedName(name);
        Category existing = existing(forChange(), id);
        if (existing.name().equals(checked)) {
            return;
        }
        repository.update(
                new Category(existing.id(), existing.parentId(), existing.slug(), checked, existing.position()),
                clock.instant());
        audit.record(
                "category.renamed", "category", id.toString(), null, Map.of("from", existing.name(), "to", checked));
        changes.changed();
    }

    @Override
    @Transactional
    public void move(UUID id, @Nullable UUID parentId) {
        CategoryTree tree = forChange();
        Category existing = existing(tree, id);
        if (parentId != null) {
            tree.byId(parentId).orElseThrow(() -> ProblemException.invalid("parent", "unknown category"));
            if (tree.selfAndDescendants(id).contains(parentId)) {
                throw ProblemException.invalid("parent", "a category cannot move below itself");
            }
        }
        if (java.util.Objects.equals(existing.parentId(), parentId)) {
            return;
        }
        int position = nextPosition(parentId == null ? roots(tree) : tree.children(parentId));
        repository.update(
                new Category(existing.id(), parentId, existing.slug(), existing.name(), position), clock.instant());
        Map<String, Object> details = new HashMap<>();
        details.put("from", tree.byId(existing.parentId()).map(Category::slug).orElse(""));
        details.put("to", tree.byId(parentId).map(Category::slug).orElse(""));
        audit.record("category.moved", "category", id.toString(), null, details);
        changes.changed();
    }

    @Override
    @Transactional
    public void reorder(UUID id, boolean up) {
        CategoryTree tree = forChange();
        Category existing = existing(tree, id);
        List<Category> siblings =
                new ArrayList<>(existing.parentId() == null ? roots(tree) : tree.children(existing.parentId()));
        int index = indexOf(siblings, id);
        int other = up ? index - 1 : index + 1;
        if (other < 0 || other >= siblings.size()) {
            return;
        }
        siblings.add(other, siblings.remove(index));
        // positions 0..n-1 in the new order: ties in stored positions no longer decide anything
        for (int i = 0; i < siblings.size(); i++) {
            Category sibling = siblings.get(i);
            if (sibling.position() != i) {
                repository.update(
                        new Category(sibling.id(), sibling.parentId(), sibling.slug(), sibling.name(), i),
                        clock.instant());
            }
        }
        audit.record("category.reordered", "category", id.toString(), null, Map.of("position", other));
        changes.changed();
    }

    /** Read from the table, not the cache: an editor sees its own change at once. */
    private CategoryTree fresh() {
        return new CategoryTree(repository.findAll());
    }

    /** The tree a change decides on: fresh, and under the tree's lock until the change commits. */
    private CategoryTree forChange() {
        return new CategoryTree(repository.findAllForChange());
    }

    private static List<Node> nodes(CategoryTree tree) {
        List<Node> nodes = new ArrayList<>();
        add(tree, roots(tree), 0, nodes);
        return nodes;
    }

    private static void add(CategoryTree tree, List<Category> level, int depth, List<Node> nodes) {
        for (int i = 0; i < level.size(); i++) {
            Category category = level.get(i);
            nodes.add(new Node(
                    category.id(),
                    category.parentId(),
                    category.slug(),
                    category.name(),
                    depth,
                    i == 0,
                    i == level.size() - 1));
            add(tree, tree.children(category.id()), depth + 1, nodes);
        }
    }

    private static List<Category> roots(CategoryTree tree) {
        return tree.roots().stream()
                .map(node -> tree.bySlug(node.slug()).orElseThrow())
                .toList();
    }

    private static int nextPosition(List<Category> siblings) {
        return siblings.stream().mapToInt(Category::position).max().orElse(-1) + 1;
    }

    private static int indexOf(List<Category> siblings, UUID id) {
        for (int i = 0; i < siblings.size(); i++) {
            if (siblings.get(i).id().equals(id)) {
                return i;
            }
        }
        throw new IllegalStateException("not among its siblings: " + id);
    }

    private static Category existing(CategoryTree tree, UUID id) {
        return tree.byId(id).orElseThrow(() -> ProblemException.notFound("category", id));
    }

    private static String checkedName(String name) {
        String stripped = name == null ? "" : name.strip();
        if (stripped.isEmpty() || stripped.length() > MAX_NAME) {
            throw ProblemException.invalid("name", "must be 1 to " + MAX_NAME + " characters");
        }
        return stripped;
    }
}
