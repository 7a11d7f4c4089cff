package app.dukkan.loyalty.points;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.platform.Feature;
import app.dukkan.platform.FeatureFlags;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.PageClient;
import app.dukkan.testing.Shop;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@DukkanTest
class PointsFlagTests {

    private static final String PASSWORD = "correct horse 42";

    @LocalServerPort
    int port;

    @Autowired
    FeatureFlags flags;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void flagBackOn() {
        flags.set(Feature.POINTS.key(), true, null);
    }

    @Test
    void withTheFlagOffCustomersSeeNoPointsButStillEarnThem() {
        Shop shop = new Shop(port);
        String email = CatalogFixtures.unique("points-") + "@example.com";
        ApiClient customer = new ApiClient(port).register(email, PASSWORD).login(email, PASSWORD);
        PageClient pages = new PageClient(port);
        PageClient.Page login = pages.get("/login");
        pages.submit(login, "form[action$=/login]", Map.of("email", email, "password", PASSWORD));
        assertThat(pages.get("/account").html().select(".account-sections a[href$=/account/points]"))
                .hasSize(1);

        flags.set(Feature.POINTS.key(), false, null);

        assertThat(pages.get("/account").expectStatus(200).html().select("a[href$=/account/points]"))
                .isEmpty();
        pages.get("/account/orders").expectStatus(200);
        pages.get("/account/points").expectStatus(404);
        customer.get("/api/v1/me/loyalty").expectStatus(404);

        String number = shop.buy(customer, shop.product("42.00", 5), 1, null)
                .get("number")
                .asString();
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> jdbc.sql("select count(*) from loyalty_entries where order_number = ?")
                                .param(number)
                                .query(Integer.class)
                                .single()
                        == 1);

        flags.set(Feature.POINTS.key(), true, null);
        assertThat(customer.get("/api/v1/me/loyalty")
                        .expectStatus(200)
                        .json()
                        .get("balance")
                        .asLong())
                .isEqualTo(46); // 42.00 and 4.90 shipping
        pages.get("/account/points").expectStatus(200);
    }
}
