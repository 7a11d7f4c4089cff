package app.dukkan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The jar's commands, which run without a web server: {@code seed N} and {@code explain-listings}. */
@ExtendWith(OutputCaptureExtension.class)
class CommandsTests {

    private static final List<String> TEST_PROFILE = List.of("--spring.profiles.active=test");

    @Test
    void seedTopsTheCatalogUpWithProductsVariantsAndImages() {
        try (ConfigurableApplicationContext context =
                DukkanApplication.startCommand(TEST_PROFILE, "--dukkan.seed.products=40")) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            assertThat(count(jdbc, "select count(*) from products where status = 'active'"))
                    .isEqualTo(40);
            assertThat(count(jdbc, "select count(*) from variants")).isBetween(40L, 200L);
            assertThat(count(jdbc, "select count(*) from product_media where url like '/files/products/%.svg'"))
                    .isEqualTo(40);
            assertThat(count(jdbc, """
                            select count(*) from products p
                            where min_price is distinct from (select min(price_minor) from variants v where v.product_id = p.id)
                               or total_stock <> (select sum(stock) from variants v where v.product_id = p.id)"""))
                    .as("derived prices and stock written by the seeder match the variants")
                    .isZero();
        }
    }

    @Test
    void explainListingsPrintsThePlanOfEveryQueryPath(CapturedOutput output) {
        try (ConfigurableApplicationContext context = DukkanApplication.startCommand(
                TEST_PROFILE, "--dukkan.seed.products=30", "--dukkan.catalog.explain-listings=true")) {
            assertThat(context.isActive()).isTrue();
        }
        assertThat(output.getOut())
                .contains("### newest, first page", "### two-word search with typo", "Execution Time")
                .contains("Facets and total:");
    }

    private static long count(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
