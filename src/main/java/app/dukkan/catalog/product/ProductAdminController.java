package app.dukkan.catalog.product;

import app.dukkan.catalog.product.ProductInputs.CreateProduct;
import app.dukkan.catalog.product.ProductInputs.NewMedia;
import app.dukkan.catalog.product.ProductInputs.NewVariant;
import app.dukkan.catalog.product.ProductInputs.UpdateProduct;
import app.dukkan.catalog.product.ProductInputs.UpdateVariant;
import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin/products")
@PreAuthorize("hasAnyRole('ADMIN', 'SELLER')")
@Tag(name = "Admin: catalog", description = "Product, variant and media management for admins and sellers")
class ProductAdminController {

    record ProductSummary(UUID id, String slug, String name, String status, UUID sellerId, boolean inStock) {}

    record ProductList(List<ProductSummary> items, int page, int size, long total) {}

    private final ProductAdmin admin;
    private final ProductRepository repository;
    private final CurrentUser currentUser;

    ProductAdminController(ProductAdmin admin, ProductRepository repository, CurrentUser currentUser) {
        this.admin = admin;
        this.repository = repository;
        this.currentUser = currentUser;
    }

    @GetMapping
    @Operation(
            summary = "List products you may edit",
            description = "Admins see all products, sellers their own; every status unless `status` is given.")
    ProductList list(
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        AuthenticatedUser actor = currentUser.require();
        UUID seller = actor.isAdmin() ? null : actor.id().value();
        ProductStatus filter = status == null ? null : ProductStatus.parse("status", status);
        List<ProductSummary> items = repository.page(seller, filter, page, size).stream()
                .map(p -> new ProductSummary(
                        p.id(), p.slug(), p.name(), p.status().code(), p.sellerId(), p.inStock()))
                .toList();
        return new ProductList(items, page, size, repository.count(seller, filter));
    }

    @GetMapping("/{id}")
    @Operation(summary = "A product with all variants, in any status")
    ProductDetail get(@PathVariable UUID id) {
        return admin.get(currentUser.require(), id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Create a product",
            description = "Status defaults to draft; an active product needs a variant. The slug is generated from the"
                    + " name (kept unique) unless given. `category` is a category slug. Prices are in the shop's"
                    + " currency.")
    ProductDetail create(@Valid @RequestBody CreateProduct request) {
        return admin.create(currentUser.require(), request);
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Update a product", description = "Absent fields stay as they are.")
    ProductDetail update(@PathVariable UUID id, @Valid @RequestBody UpdateProduct request) {
        return admin.update(currentUser.require(), id, request);
    }

    @PostMapping("/{id}/archive")
    @Operation(summary = "Archive a product", description = "Hides it from shoppers; idempotent.")
    ProductDetail archive(@PathVariable UUID id) {
        return admin.archive(currentUser.require(), id);
    }

    @PostMapping("/{id}/variants")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a variant", description = "SKUs are unique across the shop, ignoring case.")
    ProductDetail addVariant(@PathVariable UUID id, @Valid @RequestBody NewVariant request) {
        return admin.addVariant(currentUser.require(), id, request);
    }

    @PatchMapping("/{id}/variants/{variantId}")
    @Operation(
            summary = "Update a variant",
            description = "Price, stock, name, attributes, or `active: false` to withdraw it.")
    ProductDetail updateVariant(
            @PathVariable UUID id, @PathVariable UUID variantId, @Valid @RequestBody UpdateVariant request) {
        return admin.updateVariant(currentUser.require(), id, variantId, request);
    }

    @PostMapping("/{id}/media")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Attach an image", description = "An http(s) URL or a /files/ path, with alt text.")
    ProductDetail addMedia(@PathVariable UUID id, @Valid @RequestBody NewMedia request) {
        return admin.addMedia(currentUser.require(), id, request);
    }

    @DeleteMapping("/{id}/media/{mediaId}")
    @Operation(summary = "Remove an image")
    ProductDetail removeMedia(@PathVariable UUID id, @PathVariable UUID mediaId) {
        return admin.removeMedia(currentUser.require(), id, mediaId);
    }
}
