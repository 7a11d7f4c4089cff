package app.dukkan.catalog.category;

import app.dukkan.catalog.product.ProductInputs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Catalog", description = "Categories, products and search")
class CategoryController {

    record CreateCategory(
            @NotBlank @Size(max = 120) String name,
            @Nullable @Size(max = 120) String slug,
            @Nullable @Size(max = 120) String parent,
            @Nullable @Min(0) @Max(100000) Integer position) {}

    record UpdateCategory(
            @Nullable
            @Size(min = 1, max = 120)
            @Pattern(regexp = ProductInputs.NOT_BLANK, message = "must not be blank")
            String name,

            @Nullable @Size(max = 120) String slug,
            @Nullable @Size(max = 120) String parent,
            @Nullable @Min(0) @Max(100000) Integer position) {}

    record CategoryResponse(
            String slug, String name, @Nullable String parent, int position) {}

    private final Categories categories;

    CategoryController(Categories categories) {
        this.categories = categories;
    }

    @GetMapping("/api/v1/categories")
    @Operation(summary = "The category tree", description = "Roots in display order, each with its children.")
    List<CategoryTree.Node> tree() {
        return categories.tree().roots();
    }

    @PostMapping("/api/v1/admin/categories")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            summary = "Create a category (admins)",
            description = "The slug is generated from the name unless given; `parent` is a category slug.")
    CategoryResponse create(@Valid @RequestBody CreateCategory request) {
        Category created = categories.create(
                request.name(), request.slug(), request.parent(), request.position() == null ? 0 : request.position());
        return response(created);
    }

    @PatchMapping("/api/v1/admin/categories/{slug}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Rename, re-slug or move a category (admins)", description = "Absent fields stay as they are.")
    CategoryResponse update(@PathVariable String slug, @Valid @RequestBody UpdateCategory request) {
        return response(categories.update(slug, request.name(), request.slug(), request.parent(), request.position()));
    }

    private CategoryResponse response(Category category) {
        String parent =
                categories.tree().byId(category.parentId()).map(Category::slug).orElse(null);
        return new CategoryResponse(category.slug(), category.name(), parent, category.position());
    }
}
