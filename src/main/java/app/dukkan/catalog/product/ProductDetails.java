package app.dukkan.catalog.product;

import app.dukkan.catalog.category.Categories;
import app.dukkan.catalog.category.Category;
import app.dukkan.catalog.category.CategoryTree;
import app.dukkan.catalog.product.ProductDetail.CategoryRef;
import app.dukkan.catalog.product.ProductRepository.MediaRow;
import app.dukkan.catalog.product.ProductRepository.ProductRow;
import app.dukkan.catalog.product.ProductRepository.VariantRow;
import app.dukkan.catalog.rating.JdbcProductRatings;
import app.dukkan.platform.Money;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Loads products with their variants, media and category path. */
@Component
public class ProductDetails {

    private final ProductRepository repository;
    private final Categories categories;
    private final JdbcProductRatings ratings;

    ProductDetails(ProductRepository repository, Categories categories, JdbcProductRatings ratings) {
        this.repository = repository;
        this.categories = categories;
        this.ratings = ratings;
    }

    /** The product as shoppers see it: only active products, only active variants. */
    public Optional<ProductDetail> activeBySlug(String slug) {
        return repository.findActiveBySlug(slug).map(this::assemble).map(ProductDetail::forShoppers);
    }

    Optional<ProductDetail> byId(UUID id) {
        return repository.findById(id).map(this::assemble);
    }

    ProductDetail assemble(ProductRow row) {
        List<VariantRow> variants = repository.variantsOf(row.id());
        List<MediaRow> media = repository.mediaOf(row.id());
        CategoryTree tree = categories.tree();
        List<CategoryRef> breadcrumbs = row.categoryId() == null
                ? List.of()
                : tree.path(row.categoryId()).stream().map(ProductDetails::ref).toList();
        CategoryRef category =
                tree.byId(row.categoryId()).map(ProductDetails::ref).orElse(null);
        ProductDetail.PriceRange price = row.minPrice() == null || row.maxPrice() == null
                ? null
                : new ProductDetail.PriceRange(
                        Money.ofMinor(row.minPrice(), row.currency()), Money.ofMinor(row.maxPrice(), row.currency()));
        return new ProductDetail(
                row.id(),
                row.slug(),
                row.name(),
                row.description(),
                row.attributes(),
                row.status().code(),
                row.sellerId(),
                category,
                breadcrumbs,
                price,
                row.inStock(),
                row.featured(),
                variants.stream()
                        .map(v -> new ProductDetail.Variant(
                                v.id(),
                                v.sku(),
                                v.name(),
                                v.attributes(),
                                Money.ofMinor(v.priceMinor(), v.currency()),
                                v.stock(),
                                v.stock() - v.reserved() > 0,
                                v.active(),
                                v.reserved(),
                                v.stock() - v.reserved()))
                        .toList(),
                media.stream()
                        .map(m -> new ProductDetail.Media(m.id(), m.url(), m.alt(), m.width(), m.height(), m.srcset()))
                        .toList(),
                row.createdAt(),
                row.updatedAt(),
                ratings.of(row.id()));
    }

    private static CategoryRef ref(Category category) {
        return new CategoryRef(category.slug(), category.name());
    }
}
