package app.dukkan.catalog.search;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.DukkanTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@DukkanTest
class ProductSearchTests {

    @Autowired
    ProductSearch search;

    /** A listing's category is checked when its request is read; renamed or deleted before the search, it lists nothing. */
    @Test
    void aCategoryGoneBetweenTheRequestAndTheSearchListsNothing() {
        ProductPage page = search.search(new ProductQuery(
                List.of(), false, "renamed-meanwhile", null, null, null, null, ProductQuery.Sort.NEWEST, 0, 24));

        assertThat(page.items()).isEmpty();
        assertThat(page.total()).isZero();
    }
}
