package app.dukkan.catalog.category;

import app.dukkan.catalog.config.CatalogCache;
import app.dukkan.catalog.config.CatalogChanges;
import app.dukkan.platform.Ids;
import app.dukkan.platform.ProblemException;
import app.dukkan.platform.Slugs;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads the category tree (kept in memory until the catalog changes) and writes categories. */
@Service
public class Categories {

    private final CategoryRepository repository;
    private final CatalogChanges changes;
    private final Clock clock;
    private final CatalogCache<String, CategoryTree> tree;

    Categories(CategoryRepository repository, CatalogChanges changes, Clock clock, MeterRegistry registry) {
        this.repository = repository;
        this.changes = changes;
        this.clock = clock;
        this.tree = new CatalogCache<>("catalog.categories", 1, changes, registry);
    }

    public CategoryTree tree() {
        return tree.get("tree", key -> new CategoryTree(repository.findAll()));
    }

    /** Resolves a slug the client sent in the named field; a 400 naming that field if unknown. */
    public Category require(String field, String slug) {
        return tree().bySlug(slug)
                .orElseThrow(() -> ProblemException.invalid(field, "unknown category '" + slug + "'"));
    }

    @Transactional
    public Category create(String name, @Nullable String slug, @Nullable String parentSlug, int position) {
        CategoryTree current = new CategoryTree(repository.findAllForChange());
        String finalSlug = slug != null
                ? checkedSlug(slug)
                : Slugs.candidates(name, 87).stream()
                        .filter(candidate -> current.bySlug(candidate).isEmpty())
                        .findFirst()
                        .orElse(Slugs.slugify(name, 80));
        if (current.bySlug(finalSlug).isPresent()) {
            throw ProblemException.conflict("slug", "category '" + finalSlug + "' already exists");
        }
        UUID parentId =
                parentSlug == null ? null : parentIn(current, parentSlug).id();
        Category category = new Category(Ids.newId(clock), parentId, finalSlug, name.strip(), position);
        repository.insert(category, clock.instant());
        changes.changed();
        return category;
    }

    @Transactional
    public Category update(
            String slug,
            @Nullable String name,
            @Nullable String newSlug,
            @Nullable String parentSlug,
            @Nullable Integer position) {
        CategoryTree current = new CategoryTree(repository.findAllForChange());
        Category existing = current.bySlug(slug).orElseThrow(() -> ProblemException.notFound("category", slug));
        String finalSlug = existing.slug();
        if (newSlug != null && !newSlug.equals(existing.slug())) {
            finalSlug = checkedSlug(newSlug);
            if (current.bySlug(finalSlug).isPresent()) {
                throw ProblemException.conflict("slug", "category '" + finalSlug + "' already exists");
            }
        }
        UUID parentId = existing.parentId();
        if (parentSlug != null) {
            Category parent = parentIn(current, parentSlug);
            if (current.selfAndDescendants(existing.id()).contains(parent.id())) {
                throw ProblemException.invalid("parent", "a category cannot move below itself");
            }
            parentId = parent.id();
        }
        Category updated = new Category(
                existing.id(),
                parentId,
                finalSlug,
                name != null ? name.strip() : existing.name(),
                position != null ? position : existing.position());
        repository.update(updated, clock.instant());
        changes.changed();
        return updated;
    }

    private static Category parentIn(CategoryTree tree, String parentSlug) {
        return tree.bySlug(parentSlug)
                .orElseThrow(() -> ProblemException.invalid("parent", "unknown category '" + parentSlug + "'"));
    }

    private static String checkedSlug(String slug) {
        if (!Slugs.isValid(slug)) {
            throw ProblemException.invalid("slug", "use lower-case letters, digits and single hyphens");
        }
        return slug;
    }
}
