package app.dukkan.catalog.seed;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * Seeds at start-up, before the web server accepts requests: a demo shop into an empty catalog
 * ({@code dukkan.seed.demo-products}), or tops the catalog up to {@code dukkan.seed.products}.
 */
@Component
@EnableConfigurationProperties(DemoCatalogSeeding.SeedProperties.class)
class DemoCatalogSeeding implements SmartInitializingSingleton {

    /**
     * @param demoProducts products seeded into an empty catalog (0 turns the demo shop off)
     * @param products tops the catalog up to this many products (0: off)
     */
    @ConfigurationProperties("dukkan.seed")
    record SeedProperties(
            @DefaultValue("200") int demoProducts,
            @DefaultValue("0") int products) {}

    private static final Logger log = LoggerFactory.getLogger(DemoCatalogSeeding.class);

    private final DemoCatalog catalog;
    private final SeedProperties properties;

    DemoCatalogSeeding(DemoCatalog catalog, SeedProperties properties) {
        this.catalog = catalog;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        long existing = catalog.productCount();
        if (properties.products() > 0) {
            if (existing < properties.products()) {
                log.info(
                        "Seeding {} products (catalog has {}, target {})",
                        properties.products() - existing,
                        existing,
                        properties.products());
                catalog.seed((int) (properties.products() - existing));
            }
        } else if (properties.demoProducts() > 0 && existing == 0) {
            log.info("Empty catalog: seeding a demo shop of {} products", properties.demoProducts());
            catalog.seed(properties.demoProducts());
        }
    }
}
