package app.dukkan.catalog.transfer;

import app.dukkan.catalog.StockChanged;
import app.dukkan.catalog.config.CatalogChanges;
import app.dukkan.catalog.config.CatalogProperties;
import app.dukkan.catalog.transfer.ImportPlanner.Plan;
import app.dukkan.catalog.transfer.ImportPlanner.ProductChange;
import app.dukkan.catalog.transfer.ImportPlanner.VariantChange;
import app.dukkan.platform.Ids;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntConsumer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an import's plan in the caller's transaction, in batches of about {@value #BATCH_ROWS}
 * rows (whole products): per batch one statement per kind of row, then the derived price and stock
 * columns and the search words of its products; after each batch the rows written so far are
 * reported, and one catalog change is announced at the end. Stock edits of existing variants are
 * announced as the variant edit announces them ({@link StockChanged}, the live stock relay).
 */
@Component
class ImportWriter {

    /** Rows of the file per batch: few enough statements for a fast import, often enough progress. */
    static final int BATCH_ROWS = 1000;

    private final TransferRepository repository;
    private final CatalogChanges changes;
    private final CatalogProperties properties;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock;

    ImportWriter(
            TransferRepository repository,
            CatalogChanges changes,
            CatalogProperties properties,
            ApplicationEventPublisher events,
            JsonMapper json,
            Clock clock) {
        this.repository = repository;
        this.changes = changes;
        this.properties = properties;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    /** Writes the plan; {@code written} hears the rows written so far after each batch. */
    void write(Plan plan, IntConsumer written) {
        List<ProductChange> changed =
                plan.products().stream().filter(ProductChange::anyChange).toList();
        if (changed.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Map<UUID, Integer> nextImage = new HashMap<>();
        repository.deferDerivedColumns(true);
        List<ProductChange> batch = new ArrayList<>();
        int rows = 0;
        int done = 0;
        for (ProductChange product : changed) {
            batch.add(product);
            rows += product.rowsToWrite();
            if (rows >= BATCH_ROWS) {
                writeBatch(batch, nextImage, now);
                done += rows;
                written.accept(done);
                batch.clear();
                rows = 0;
            }
        }
        if (!batch.isEmpty()) {
            writeBatch(batch, nextImage, now);
            written.accept(done + rows);
        }
        repository.deferDerivedColumns(false);
        for (ProductChange product : changed) {
            boolean anyStock = false;
            for (VariantChange variant : product.variants()) {
                if (variant.stockChanged() && variant.existing() != null) {
                    int available = variant.existing().active()
                            ? variant.stock() - variant.existing().reserved()
                            : 0;
                    events.publishEvent(new StockChanged(variant.id(), product.id(), available));
                    anyStock = true;
                }
            }
            if (anyStock) {
                // for the live stock of pages on every instance; changed() below drops every cache anyway
                changes.stockChanged(product.slug(), false);
            }
        }
        changes.changed();
    }

    /** One batch of whole products: their rows, derived columns and search words. */
    private void writeBatch(List<ProductChange> batch, Map<UUID, Integer> nextImage, Instant now) {
        List<Object[]> newProducts = new ArrayList<>();
        List<Object[]> changedProducts = new ArrayList<>();
        List<Object[]> newVariants = new ArrayList<>();
        List<Object[]> changedVariants = new ArrayList<>();
        List<Object[]> newMedia = new ArrayList<>();
        Set<UUID> touched = new LinkedHashSet<>();
        Set<UUID> derived = new LinkedHashSet<>();
        Set<UUID> words = new LinkedHashSet<>();
        for (ProductChange product : batch) {
            String attributes = json.writeValueAsString(product.attributes());
            if (product.created()) {
                newProducts.add(new Object[] {
                    product.id(),
                    product.slug(),
                    product.name(),
                    product.description(),
                    attributes,
                    product.status().code(),
                    product.sellerId(),
                    product.categoryId()
                });
                derived.add(product.id());
                words.add(product.id());
            } else if (product.fieldsChanged()) {
                changedProducts.add(new Object[] {
                    product.id(),
                    product.name(),
                    product.description(),
                    attributes,
                    product.status().code(),
                    product.categoryId()
                });
                words.add(product.id());
            } else {
                touched.add(product.id());
            }
            for (VariantChange variant : product.variants()) {
                if (variant.created()) {
                    newVariants.add(new Object[] {
                        variant.id(),
                        product.id(),
                        variant.sku(),
                        variant.name(),
                        json.writeValueAsString(variant.attributes()),
                        variant.priceMinor(),
                        variant.stock(),
                        variant.position()
                    });
                    derived.add(product.id());
                } else if (variant.changed()) {
                    changedVariants.add(new Object[] {
                        variant.id(),
                        variant.name(),
                        json.writeValueAsString(variant.attributes()),
                        variant.priceMinor(),
                        variant.stock()
                    });
                    derived.add(product.id());
                }
            }
            // new images go after the product's current ones, in the order the row lists them
            for (String url : product.newImages()) {
                int position = nextImage.merge(product.id(), 1, Integer::sum) - 1 + product.existingImages();
                newMedia.add(new Object[] {Ids.newId(clock), product.id(), url, alt(product.name()), position});
            }
        }
        repository.insertProducts(newProducts, properties.currency(), now);
        repository.updateProducts(changedProducts, now);
        repository.insertVariants(newVariants, properties.currency(), now);
        repository.updateVariants(changedVariants, now);
        repository.insertMedia(newMedia, now);
        repository.touchProducts(touched, now);
        repository.refreshDerived(derived);
        repository.addSearchWords(words);
    }

    private static String alt(String name) {
        return name.length() <= ImportPlanner.MAX_ALT ? name : name.substring(0, ImportPlanner.MAX_ALT);
    }
}
