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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an import's plan in the caller's transaction: one statement per kind of row, the derived
 * price and stock columns and the search words once for all touched products, one catalog change at
 * the end. Stock edits of existing variants are announced as the variant edit announces them
 * ({@link StockChanged}, the live stock relay).
 */
@Component
class ImportWriter {

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

    void write(Plan plan) {
        Instant now = clock.instant();
        List<Object[]> newProducts = new ArrayList<>();
        List<Object[]> changedProducts = new ArrayList<>();
        List<Object[]> newVariants = new ArrayList<>();
        List<Object[]> changedVariants = new ArrayList<>();
        List<Object[]> newMedia = new ArrayList<>();
        Set<UUID> touched = new LinkedHashSet<>();
        Set<UUID> derived = new LinkedHashSet<>();
        List<ProductChange> stockMoved = new ArrayList<>();
        for (ProductChange product : plan.products()) {
            if (!product.anyChange()) {
                continue;
            }
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
            } else if (product.fieldsChanged()) {
                changedProducts.add(new Object[] {
                    product.id(),
                    product.name(),
                    product.description(),
                    attributes,
                    product.status().code(),
                    product.categoryId()
                });
            } else {
                touched.add(product.id());
            }
            boolean anyStock = false;
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
                    anyStock |= variant.stockChanged();
                }
            }
            if (anyStock) {
                stockMoved.add(product);
            }
            for (String url : product.newImages()) {
                // the position is set by positioned()
                newMedia.add(new Object[] {Ids.newId(clock), product.id(), url, alt(product.name()), 0});
            }
        }
        if (newProducts.isEmpty()
                && changedProducts.isEmpty()
                && newVariants.isEmpty()
                && changedVariants.isEmpty()
                && newMedia.isEmpty()) {
            return;
        }
        repository.deferDerivedColumns(true);
        repository.insertProducts(newProducts, properties.currency(), now);
        repository.updateProducts(changedProducts, now);
        repository.insertVariants(newVariants, properties.currency(), now);
        repository.updateVariants(changedVariants, now);
        repository.insertMedia(positioned(newMedia, plan), now);
        repository.touchProducts(touched, now);
        repository.refreshDerived(derived);
        Set<UUID> words = new LinkedHashSet<>();
        plan.products().stream().filter(p -> p.created() || p.fieldsChanged()).forEach(p -> words.add(p.id()));
        repository.addSearchWords(words);
        repository.deferDerivedColumns(false);
        for (ProductChange product : stockMoved) {
            for (VariantChange variant : product.variants()) {
                if (variant.stockChanged() && variant.existing() != null) {
                    int available = variant.existing().active()
                            ? variant.stock() - variant.existing().reserved()
                            : 0;
                    events.publishEvent(new StockChanged(variant.id(), product.id(), available));
                }
            }
            // for the live stock of pages on every instance; changed() below drops every cache anyway
            changes.stockChanged(product.slug(), false);
        }
        changes.changed();
    }

    /** New images go after the product's current ones, in the order the row lists them. */
    private static List<Object[]> positioned(List<Object[]> media, Plan plan) {
        java.util.Map<UUID, Integer> next = new java.util.HashMap<>();
        for (ProductChange product : plan.products()) {
            next.put(product.id(), product.existingImages());
        }
        for (Object[] row : media) {
            UUID productId = (UUID) row[1];
            int position = next.merge(productId, 1, Integer::sum) - 1;
            row[4] = position;
        }
        return media;
    }

    private static String alt(String name) {
        return name.length() <= ImportPlanner.MAX_ALT ? name : name.substring(0, ImportPlanner.MAX_ALT);
    }
}
