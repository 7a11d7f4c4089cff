package app.dukkan.storefront.catalog;

import app.dukkan.catalog.ShopCatalog;
import app.dukkan.catalog.ShopCatalog.CategoryNode;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/** The header's category menu ({@code ${@catalogMenu.roots}} in the layout): the top categories. */
@Component("catalogMenu")
public class CatalogMenu {

    private static final Logger log = LoggerFactory.getLogger(CatalogMenu.class);

    private final ShopCatalog catalog;

    CatalogMenu(ShopCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Root categories in display order; the catalog keeps them until it changes. Error pages use
     * the layout too, also while the database is unreachable: then the menu is empty.
     */
    public List<CategoryNode> getRoots() {
        try {
            return catalog.categories();
        } catch (DataAccessException e) {
            log.debug("No category menu: {}", e.toString());
            return List.of();
        }
    }
}
