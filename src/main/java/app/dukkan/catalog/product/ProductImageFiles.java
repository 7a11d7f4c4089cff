package app.dukkan.catalog.product;

import app.dukkan.catalog.product.ProductImageRepository.ImageRow;
import app.dukkan.platform.Pictures;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Removes uploaded pictures' files once no picture uses them: after the commit that deleted the
 * row, or after an upload whose row was never written. Keys are the source's hash, so the same
 * file uploaded twice shares its renditions, and they stay while either row does.
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
        images.find(productId, imageId).filter(row -> row.contentHash() != null).ifPresent(row -> {
            if (TransactionSynchronizationManager.isSynchronizationActive()) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        deleteUnused(row);
                    }
                });
            } else {
                deleteUnused(row);
            }
        });
    }

    void deleteUnused(ImageRow row) {
        if (row.contentHash() != null) {
            deleteUnused(row.contentHash(), row.renditions());
        }
    }

    /** Deletes the renditions' files unless a picture still uses this source's files. */
    void deleteUnused(String contentHash, List<Pictures.Rendition> renditions) {
        pictures.deleteUnused(contentHash, renditions, images::hashInUse);
    }
}
