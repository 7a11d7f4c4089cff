package app.dukkan.catalog.product;

import app.dukkan.catalog.ProductImages;
import app.dukkan.catalog.config.CatalogChanges;
import app.dukkan.catalog.product.ProductImageRepository.ImageRow;
import app.dukkan.catalog.product.ProductRepository.ProductRow;
import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.platform.AuditLog;
import app.dukkan.platform.Ids;
import app.dukkan.platform.Pictures;
import app.dukkan.platform.Pictures.Picture;
import app.dukkan.platform.ProblemException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.InputStreamSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Uploads run outside any transaction until their files are stored ({@link Pictures}). Then one
 * transaction writes the row, the audit entry and the catalog change; if it fails the files just
 * stored are removed again.
 */
@Service
class ProductImageService implements ProductImages {

    static final int MAX_IMAGES = 20;
    private static final int MAX_ALT = 300;

    private final ProductRepository products;
    private final ProductImageRepository images;
    private final ProductImageFiles imageFiles;
    private final Pictures pictures;
    private final CatalogChanges changes;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final AccessRefusals refusals;

    ProductImageService(
            ProductRepository products,
            ProductImageRepository images,
            ProductImageFiles imageFiles,
            Pictures pictures,
            CatalogChanges changes,
            AuditLog audit,
            AccessRefusals refusals,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.products = products;
        this.images = images;
        this.imageFiles = imageFiles;
        this.pictures = pictures;
        this.changes = changes;
        this.audit = audit;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.refusals = refusals;
    }

    @Override
    public Gallery gallery(AuthenticatedUser actor, UUID productId) {
        ProductRow product = visible(actor, productId, "image.list");
        return new Gallery(
                product.id(),
                product.slug(),
                product.name(),
                images.imagesOf(productId).stream()
                        .map(ProductImageService::view)
                        .toList(),
                MAX_IMAGES);
    }

    @Override
    public Image image(AuthenticatedUser actor, UUID productId, UUID imageId) {
        visible(actor, productId, "image.read");
        return view(existing(productId, imageId));
    }

    @Override
    public long maxFileSize() {
        return pictures.maxFileSize();
    }

    @Override
    public Image upload(
            AuthenticatedUser actor, UUID productId, long size, InputStreamSource content, @Nullable String alt) {
        visible(actor, productId, "image.upload");
        String altText = checkedAlt(alt);
        if (images.count(productId) >= MAX_IMAGES) {
            throw full();
        }
        Pictures.Prepared prepared = pictures.prepare(size, content);
        return transaction.execute(status -> {
            products.lockById(productId).orElseThrow(() -> ProblemException.notFound("product", productId));
            if (images.count(productId) >= MAX_IMAGES) {
                throw full();
            }
            Picture picture = pictures.store("products/images", prepared, images::hashInUse);
            Pictures.Rendition widest = picture.widest();
            ImageRow row = new ImageRow(
                    Ids.newId(clock),
                    productId,
                    widest.url(),
                    altText,
                    images.nextPosition(productId),
                    picture.width(),
                    picture.height(),
                    picture.sha256(),
                    picture.renditions());
            images.insert(row, clock.instant());
            products.touch(productId, clock.instant());
            changes.changed();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("product_id", productId.toString());
            details.put("format", picture.format());
            details.put("width", picture.width());
            details.put("height", picture.height());
            details.put("bytes", size);
            details.put(
                    "renditions",
                    picture.renditions().stream().map(Pictures.Rendition::width).toList());
            audit.record("product.image-uploaded", "product-image", row.id().toString(), null, details);
            return view(row);
        });
    }

    @Override
    public Image changeAlt(AuthenticatedUser actor, UUID productId, UUID imageId, String alt) {
        visible(actor, productId, "image.alt");
        String altText = checkedAlt(alt);
        return transaction.execute(status -> {
            lock(productId);
            ImageRow row = existing(productId, imageId);
            images.updateAlt(imageId, altText);
            products.touch(productId, clock.instant());
            changes.changed();
            audit.record(
                    "product.image-alt-changed",
                    "product-image",
                    imageId.toString(),
                    null,
                    Map.of("product_id", productId.toString(), "alt", altText));
            return view(new ImageRow(
                    row.id(),
                    row.productId(),
                    row.url(),
                    altText,
                    row.position(),
                    row.width(),
                    row.height(),
                    row.contentHash(),
                    row.renditions()));
        });
    }

    @Override
    public void move(AuthenticatedUser actor, UUID productId, UUID imageId, Move move) {
        visible(actor, productId, "image.move");
        transaction.executeWithoutResult(status -> {
            lock(productId);
            List<ImageRow> all = new ArrayList<>(images.imagesOf(productId));
            int at = -1;
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).id().equals(imageId)) {
                    at = i;
                }
            }
            if (at < 0) {
                throw ProblemException.notFound("image", imageId);
            }
            int to = move == Move.UP ? at - 1 : at + 1;
            if (to < 0 || to >= all.size()) {
                return;
            }
            all.add(to, all.remove(at));
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).position() != i) {
                    images.updatePosition(all.get(i).id(), i);
                }
            }
            products.touch(productId, clock.instant());
            changes.changed();
            audit.record(
                    "product.image-moved",
                    "product-image",
                    imageId.toString(),
                    null,
                    Map.of("product_id", productId.toString(), "position", to + 1));
        });
    }

    @Override
    public void delete(AuthenticatedUser actor, UUID productId, UUID imageId) {
        visible(actor, productId, "image.delete");
        ImageRow removed = transaction.execute(status -> {
            lock(productId);
            ImageRow row = existing(productId, imageId);
            images.delete(productId, imageId);
            products.touch(productId, clock.instant());
            changes.changed();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("product_id", productId.toString());
            details.put("url", row.url());
            audit.record("product.image-deleted", "product-image", imageId.toString(), null, details);
            return row;
        });
        imageFiles.deleteUnused(removed);
    }

    /**
     * The product, if the actor may edit it, read before any transaction: a seller naming another
     * seller's product is refused and the attempt recorded without a lock or a second connection.
     */
    private ProductRow visible(AuthenticatedUser actor, UUID productId, String operation) {
        ProductRow product =
                products.findById(productId).orElseThrow(() -> ProblemException.notFound("product", productId));
        refusals.checkOwner(actor, productId, product.sellerId(), operation);
        return product;
    }

    private void lock(UUID productId) {
        products.lockById(productId).orElseThrow(() -> ProblemException.notFound("product", productId));
    }

    private ImageRow existing(UUID productId, UUID imageId) {
        return images.find(productId, imageId).orElseThrow(() -> ProblemException.notFound("image", imageId));
    }

    private static String checkedAlt(@Nullable String alt) {
        String text = alt == null ? "" : alt.strip();
        if (text.length() > MAX_ALT) {
            throw ProblemException.invalid("alt", "must be at most " + MAX_ALT + " characters");
        }
        return text;
    }

    private static ProblemException full() {
        return new ProblemException(
                HttpStatus.CONFLICT,
                "too-many-images",
                "Too many pictures",
                "A product has at most " + MAX_IMAGES + " pictures; delete one first",
                List.of(new ProblemException.FieldProblem("file", "at most " + MAX_IMAGES + " pictures")));
    }

    private static Image view(ImageRow row) {
        return new Image(
                row.id(),
                row.url(),
                row.alt(),
                row.width(),
                row.height(),
                row.position(),
                row.contentHash() != null,
                row.renditions().stream()
                        .map(r -> new Rendition(r.width(), r.height(), r.url()))
                        .toList());
    }
}
