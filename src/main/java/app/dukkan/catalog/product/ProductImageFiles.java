package app.dukkan.catalog.product;

import app.dukkan.catalog.product.ProductImageRepository.ImageRow;
import app.dukkan.platform.Pictures;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Removes uploaded pictures' files once no picture uses them. Keys are the source's hash, so the
 * same file uploaded twice shares its renditions, and they stay while either row does.
 */
@Component
class ProductImageFiles {

    private final Pictures pictures;
    private final ProductImageRepository images;

    ProductImageFiles(Pictures pictures, ProductImageRepository images) {
        this.pictures = pictures;
        this.images = images;
    }

    /** Within the transaction that deletes the picture: its files go after the commit. */
    void deleteAfterCommit(UUID productId, UUID imageId) {
        images.find(productId, imageId).ifPresent(this::deleteUnused);
    }

    /** After the row is deleted, or within the transaction that deletes it (then after its commit). */
    void deleteUnused(ImageRow row) {
        if (row.contentHash() != null) {
            pictures.deleteUnused(row.contentHash(), row.renditions(), images::hashInUse);
        }
    }
}
