package app.dukkan.admin.catalog;

import app.dukkan.admin.ConsoleLink;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The catalog's pages in the console's navigation: products for sellers too, categories for admins. */
@Configuration(proxyBeanMethods = false)
class CatalogConsoleLinks {

    @Bean
    ConsoleLink productsLink() {
        return new ConsoleLink("/admin/products", "console.catalog.nav.products", false, 200);
    }

    @Bean
    ConsoleLink categoriesLink() {
        return new ConsoleLink("/admin/categories", "console.catalog.nav.categories", true, 210);
    }
}
