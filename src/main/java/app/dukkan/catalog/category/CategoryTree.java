package app.dukkan.catalog.category;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An immutable snapshot of all categories, with the look-ups listings need. */
public final class CategoryTree {

    /** A category with its children, as the API shows it. */
    public record Node(String slug, String name, List<Node> children) {}

    private final Map<UUID, Category> byId = new HashMap<>();
    private final Map<String, Category> bySlug = new HashMap<>();
    private final Map<UUID, List<Category>> children = new HashMap<>();
    private final List<Node> roots;

    CategoryTree(List<Category> categories) {
        Comparator<Category> order = Comparator.comparingInt(Category::position).thenComparing(Category::name);
        for (Category category : categories) {
            byId.put(category.id(), category);
            bySlug.put(category.slug(), category);
        }
        for (Category category : categories) {
            if (category.parentId() != null) {
                children.computeIfAbsent(category.parentId(), id -> new ArrayList<>())
                        .add(category);
            }
        }
        children.values().forEach(list -> list.sort(order));
        this.roots = categories.stream()
                .filter(c -> c.parentId() == null)
                .sorted(order)
                .map(this::node)
                .toList();
    }

    private Node node(Category category) {
        return new Node(
                category.slug(),
                category.name(),
                children.getOrDefault(category.id(), List.of()).stream()
                        .map(this::node)
                        .toList());
    }

    public List<Node> roots() {
        return roots;
    }

    public Optional<Category> bySlug(String slug) {
        return Optional.ofNullable(bySlug.get(slug));
    }

    public Optional<Category> byId(@Nullable UUID id) {
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
    }

    /** The category's children in display order. */
    public List<Category> children(UUID id) {
        return List.copyOf(children.getOrDefault(id, List.of()));
    }

    /** The category and everything below it. */
    public Set<UUID> selfAndDescendants(UUID id) {
        Set<UUID> result = new LinkedHashSet<>();
        Deque<UUID> pending = new ArrayDeque<>(List.of(id));
        while (!pending.isEmpty()) {
            UUID next = pending.pop();
            if (result.add(next)) {
                children.getOrDefault(next, List.of()).forEach(child -> pending.push(child.id()));
            }
        }
        return result;
    }

    /** From the root down to the category itself. */
    public List<Category> path(UUID id) {
        List<Category> path = new ArrayList<>();
        Category current = byId.get(id);
        while (current != null && path.size() <= byId.size()) {
            path.add(0, current);
            current = current.parentId() == null ? null : byId.get(current.parentId());
        }
        return path;
    }
}
