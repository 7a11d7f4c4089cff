package app.dukkan.admin.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.catalog.LowStock;
import app.dukkan.catalog.ProductViews;
import app.dukkan.checkout.CartFigures;
import app.dukkan.identity.CurrentUser;
import app.dukkan.orders.SalesFigures;
import app.dukkan.platform.FigureCounters;
import app.dukkan.platform.FigureCounters.Increment;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.PageClient;
import app.dukkan.testing.PageClient.Page;
import app.dukkan.testing.Shop;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard's figures: counted with payments and refunds, per seller, in the shop's time zone,
 * under concurrent writers; the page, its live fragment and the JSON API.
 */
@DukkanTest
class FiguresTests {

    private static final String PASSWORD = "correct horse 42";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    FigureCounters counters;

    @Autowired
    SalesFigures sales;

    @Autowired
    ProductViews views;

    @Autowired
    CartFigures carts;

    @Autowired
    LowStock lowStock;

    @Autowired
    CurrentUser currentUser;

    @Autowired
    TransactionTemplate transactions;

    Shop shop;
    CatalogFixtures catalog;

    @BeforeEach
    void setUp() {
        shop = new Shop(port);
        catalog = shop.catalog();
    }

    private record Seller(ApiClient api, String email, UUID id) {}

    private Seller seller() {
        ApiClient api = catalog.seller();
        JsonNode me = api.get("/api/v1/me").expectStatus(200).json();
        return new Seller(
                api, me.get("email").asString(), UUID.fromString(me.get("id").asString()));
    }

    /** A product of the seller's with one variant at that price and stock. */
    private Shop.Variant product(Seller seller, String price, int stock) {
        String category = catalog.category(CatalogFixtures.unique("Figures "), null);
        JsonNode product = catalog.createProduct(
                seller.api(),
                CatalogFixtures.product(
                        CatalogFixtures.unique("Thing "), category, List.of(CatalogFixtures.variant(price, stock))));
        JsonNode variant = product.get("variants").get(0);
        return new Shop.Variant(
                variant.get("id").asString(),
                variant.get("sku").asString(),
                product.get("id").asString(),
                product.get("slug").asString());
    }

    private String buy(Shop.Variant variant, int quantity) {
        JsonNode draft = shop.buy(shop.customer(), variant, quantity, null);
        return jdbc.sql("select number from orders where id = ?::uuid")
                .param(draft.get("id").asString())
                .query(String.class)
                .single();
    }

    private static long minor(JsonNode summary, String field) {
        return summary.get(field).asLong();
    }

    private PageClient pages(String email, String password) {
        PageClient pages = new PageClient(port);
        Page login = pages.get("/login").expectStatus(200);
        pages.submit(login, "form[action$=/login]", Map.of("email", email, "password", password));
        return pages;
    }

    @Test
    void paidAndRefundedOrdersCountForTheShopAndTheSellerOfTheirLines() {
        Seller seller = seller();
        Seller other = seller();
        Shop.Variant mine = product(seller, "40.00", 20);
        Shop.Variant theirs = product(other, "15.00", 20);
        ApiClient admin = shop.admin();
        JsonNode shopBefore = admin.get("/api/v1/admin/figures/summary?window=today")
                .expectStatus(200)
                .json();

        String first = buy(mine, 2);
        buy(theirs, 1);

        JsonNode own = seller.api()
                .get("/api/v1/admin/figures/summary?window=today")
                .expectStatus(200)
                .json();
        assertThat(own.get("orders").asLong()).isEqualTo(1);
        // what its line was paid: 2 × 40.00, prices include tax, no shipping
        assertThat(minor(own, "paid_minor")).isEqualTo(8000);
        assertThat(minor(own, "revenue_minor")).isEqualTo(8000);
        assertThat(own.get("currency").asString()).isEqualTo("EUR");
        JsonNode others = other.api()
                .get("/api/v1/admin/figures/summary?window=7d")
                .expectStatus(200)
                .json();
        assertThat(others.get("orders").asLong()).isEqualTo(1);
        assertThat(minor(others, "paid_minor")).isEqualTo(1500);

        JsonNode shopAfter = admin.get("/api/v1/admin/figures/summary?window=today")
                .expectStatus(200)
                .json();
        assertThat(shopAfter.get("orders").asLong() - shopBefore.get("orders").asLong())
                .isGreaterThanOrEqualTo(2);
        // the shop counts whole orders (with shipping), at least the two lines
        assertThat(minor(shopAfter, "paid_minor") - minor(shopBefore, "paid_minor"))
                .isGreaterThanOrEqualTo(9500);

        // a quarter of the order back: the seller's share is a quarter of its lines' part
        long total = jdbc.sql("select total_minor from orders where number = ?")
                .param(first)
                .query(Long.class)
                .single();
        admin.post(
                        "/api/v1/admin/orders/" + first + "/refunds",
                        Map.of(
                                "amount",
                                Map.of(
                                        "amount",
                                        new java.math.BigDecimal(total / 4).movePointLeft(2),
                                        "currency",
                                        "EUR"),
                                "reason",
                                "figures"))
                .expectStatus(200);
        JsonNode refunded = seller.api()
                .get("/api/v1/admin/figures/summary?window=today")
                .expectStatus(200)
                .json();
        assertThat(refunded.get("orders").asLong()).isEqualTo(1);
        assertThat(minor(refunded, "refunded_minor")).isEqualTo(8000L * (total / 4) / total);
        assertThat(minor(refunded, "revenue_minor")).isEqualTo(8000 - minor(refunded, "refunded_minor"));
        JsonNode unaffected = other.api()
                .get("/api/v1/admin/figures/summary")
                .expectStatus(200)
                .json();
        assertThat(minor(unaffected, "refunded_minor")).isZero();

        // cancelling refunds the rest
        admin.post("/api/v1/admin/orders/" + first + "/cancel", Map.of("reason", "figures"))
                .expectStatus(200);
        JsonNode cancelled = seller.api()
                .get("/api/v1/admin/figures/summary")
                .expectStatus(200)
                .json();
        assertThat(minor(cancelled, "revenue_minor")).isBetween(0L, 1L);

        // the seller's latest orders are its own, with its part of them
        List<SalesFigures.LatestOrder> latest = sales.latest(seller.id(), 10);
        assertThat(latest).extracting(SalesFigures.LatestOrder::number).containsExactly(first);
        assertThat(latest.get(0).total().minor()).isEqualTo(8000);
    }

    /** One order of a unit of each variant, paid; answers its number. */
    private String buyOneOfEach(ApiClient customer, Shop.Variant... variants) {
        for (Shop.Variant variant : variants) {
            shop.addToCart(customer, variant, 1);
        }
        String draftId = shop.draft(customer, null, null).get("id").asString();
        shop.confirm(customer, shop.clientSecret(customer, draftId), Shop.SUCCESS_CARD);
        return shop.awaitDraft(customer, draftId, "paid").get("number").asString();
    }

    private String lineOf(String number, Shop.Variant variant) {
        return jdbc.sql("""
                        select l.id::text from order_lines l join orders o on o.id = l.order_id
                        where o.number = ? and l.variant_id = ?::uuid""").params(number, variant.id()).query(String.class).single();
    }

    private long orderMinor(String number, String column) {
        return jdbc.sql("select " + column + " from orders where number = ?")
                .param(number)
                .query(Long.class)
                .single();
    }

    private JsonNode summary(Seller seller) {
        return seller.api()
                .get("/api/v1/admin/figures/summary?window=today")
                .expectStatus(200)
                .json();
    }

    @Test
    void refundedUnitsCountForTheSellerOfTheirLineOnly() {
        Seller big = seller();
        Seller small = seller();
        Shop.Variant ninety = product(big, "90.00", 5);
        Shop.Variant ten = product(small, "10.00", 5);
        ApiClient customer = shop.customer();
        String number = buyOneOfEach(customer, ninety, ten);
        // shipped free above 50.00: the order is its two lines
        assertThat(orderMinor(number, "total_minor")).isEqualTo(10000);
        ApiClient admin = shop.admin();
        admin.post("/api/v1/admin/orders/" + number + "/fulfil", Map.of()).expectStatus(200);

        // the small seller's line comes back: its 10.00 is that seller's refund, not the big one's
        String returnId = customer.post(
                        "/api/v1/orders/" + number + "/returns",
                        Map.of("line_id", lineOf(number, ten), "quantity", 1, "reason", "too small"))
                .expectStatus(201)
                .json()
                .get("id")
                .asString();
        admin.post("/api/v1/admin/returns/" + returnId + "/accept", Map.of()).expectStatus(200);
        assertThat(orderMinor(number, "refunded_minor")).isEqualTo(1000);
        assertThat(minor(summary(small), "refunded_minor")).isEqualTo(1000);
        assertThat(minor(summary(small), "revenue_minor")).isZero();
        assertThat(minor(summary(big), "refunded_minor")).isZero();
        assertThat(minor(summary(big), "revenue_minor")).isEqualTo(9000);

        // an operator refunds the big seller's unit by its line: all of it is that seller's
        admin.post(
                        "/api/v1/admin/orders/" + number + "/refunds",
                        Map.of(
                                "lines",
                                List.of(Map.of("line_id", lineOf(number, ninety), "quantity", 1)),
                                "reason",
                                "figures"))
                .expectStatus(200);
        assertThat(minor(summary(big), "refunded_minor")).isEqualTo(9000);
        assertThat(minor(summary(small), "refunded_minor")).isEqualTo(1000);
        assertThat(minor(summary(big), "refunded_minor") + minor(summary(small), "refunded_minor"))
                .isEqualTo(orderMinor(number, "refunded_minor"));
    }

    @Test
    void anAmountRefundIsSplitOverTheSellersToTheCent() {
        Seller first = seller();
        Seller second = seller();
        Seller third = seller();
        String number = buyOneOfEach(
                shop.customer(), product(first, "20.00", 5), product(second, "20.00", 5), product(third, "20.00", 5));
        assertThat(orderMinor(number, "total_minor")).isEqualTo(6000);

        // 10.01 over three equal sellers: 3.33 each and the odd cents to two of them, none lost
        shop.admin()
                .post(
                        "/api/v1/admin/orders/" + number + "/refunds",
                        Map.of(
                                "amount",
                                Map.of("amount", new java.math.BigDecimal("10.01"), "currency", "EUR"),
                                "reason",
                                "figures"))
                .expectStatus(200);
        List<Long> refunded = List.of(first, second, third).stream()
                .map(seller -> minor(summary(seller), "refunded_minor"))
                .toList();
        assertThat(refunded).allSatisfy(amount -> assertThat(amount).isBetween(333L, 334L));
        assertThat(refunded.stream().mapToLong(Long::longValue).sum())
                .isEqualTo(orderMinor(number, "refunded_minor"))
                .isEqualTo(1001);
    }

    private void refundAmount(String number, String amount) {
        shop.admin()
                .post(
                        "/api/v1/admin/orders/" + number + "/refunds",
                        Map.of(
                                "amount",
                                Map.of("amount", new java.math.BigDecimal(amount), "currency", "EUR"),
                                "reason",
                                "figures"))
                .expectStatus(200);
    }

    private void returnLine(ApiClient customer, String number, Shop.Variant variant) {
        String returnId = customer.post(
                        "/api/v1/orders/" + number + "/returns",
                        Map.of("line_id", lineOf(number, variant), "quantity", 1, "reason", "figures"))
                .expectStatus(201)
                .json()
                .get("id")
                .asString();
        shop.admin()
                .post("/api/v1/admin/returns/" + returnId + "/accept", Map.of())
                .expectStatus(200);
    }

    /**
     * After each refund of the order: no seller counts more refunded than it sold on it, the shop
     * keeps no more than the shipping, and the sellers and the shop together count what the order
     * refunded, to the cent. Answers each seller's refunded amount.
     */
    private List<Long> refundedBySellers(String number, long shipping, Seller[] sellers, long[] sold) {
        List<Long> refunded = new ArrayList<>();
        for (int i = 0; i < sellers.length; i++) {
            long amount = minor(summary(sellers[i]), "refunded_minor");
            assertThat(amount).as("refunded by seller %d", i).isBetween(0L, sold[i]);
            refunded.add(amount);
        }
        long shopPart = orderMinor(number, "refunded_minor")
                - refunded.stream().mapToLong(Long::longValue).sum();
        assertThat(shopPart).as("the shop's part").isBetween(0L, shipping);
        return refunded;
    }

    @Test
    void anAmountRefundThenAReturnCountNoMoreForASellerThanItSold() {
        Seller big = seller();
        Seller small = seller();
        Shop.Variant ninety = product(big, "90.00", 5);
        Shop.Variant ten = product(small, "10.00", 5);
        ApiClient customer = shop.customer();
        String number = buyOneOfEach(customer, ninety, ten);
        assertThat(orderMinor(number, "total_minor")).isEqualTo(10000);
        shop.admin()
                .post("/api/v1/admin/orders/" + number + "/fulfil", Map.of())
                .expectStatus(200);
        Seller[] sellers = {big, small};
        long[] sold = {9000, 1000};

        refundAmount(number, "95.00");
        assertThat(refundedBySellers(number, 0, sellers, sold)).containsExactly(8550L, 950L);
        // the return refunds the 5.00 left; the small seller had 0.50 of its line left to refund
        returnLine(customer, number, ten);
        assertThat(orderMinor(number, "refunded_minor")).isEqualTo(10000);
        assertThat(refundedBySellers(number, 0, sellers, sold)).containsExactly(9000L, 1000L);
    }

    @Test
    void aReturnThenAnAmountRefundCountNoMoreForASellerThanItSold() {
        Seller big = seller();
        Seller small = seller();
        Shop.Variant ninety = product(big, "90.00", 5);
        Shop.Variant ten = product(small, "10.00", 5);
        ApiClient customer = shop.customer();
        String number = buyOneOfEach(customer, ninety, ten);
        shop.admin()
                .post("/api/v1/admin/orders/" + number + "/fulfil", Map.of())
                .expectStatus(200);
        Seller[] sellers = {big, small};
        long[] sold = {9000, 1000};

        returnLine(customer, number, ten);
        assertThat(refundedBySellers(number, 0, sellers, sold)).containsExactly(0L, 1000L);
        // split by what the lines were paid, the small seller's tenth is no longer its to refund
        refundAmount(number, "50.00");
        assertThat(refundedBySellers(number, 0, sellers, sold)).containsExactly(5000L, 1000L);
        refundAmount(number, "40.00");
        assertThat(refundedBySellers(number, 0, sellers, sold)).containsExactly(9000L, 1000L);
    }

    @Test
    void aFullRefundInSeveralPartsEndsWithEachSellersSalesAndTheShipping() {
        Seller first = seller();
        Seller second = seller();
        Shop.Variant twenty = product(first, "20.00", 5);
        Shop.Variant ten = product(second, "10.00", 5);
        ApiClient customer = shop.customer();
        String number = buyOneOfEach(customer, twenty, ten);
        long total = orderMinor(number, "total_minor");
        long shipping = total - 3000;
        assertThat(shipping).isPositive();
        shop.admin()
                .post("/api/v1/admin/orders/" + number + "/fulfil", Map.of())
                .expectStatus(200);
        Seller[] sellers = {first, second};
        long[] sold = {2000, 1000};

        refundAmount(number, "10.00");
        refundedBySellers(number, shipping, sellers, sold);
        returnLine(customer, number, ten);
        assertThat(refundedBySellers(number, shipping, sellers, sold).get(1)).isEqualTo(1000);
        refundAmount(number, "0.07");
        refundedBySellers(number, shipping, sellers, sold);
        // all that is left
        shop.admin()
                .post("/api/v1/admin/orders/" + number + "/refunds", Map.of("reason", "figures"))
                .expectStatus(200);
        assertThat(orderMinor(number, "refunded_minor")).isEqualTo(total);
        assertThat(refundedBySellers(number, shipping, sellers, sold)).containsExactly(2000L, 1000L);
    }

    @Test
    void oddCentsOfEqualSharesTakeTurnsBetweenTheSellers() {
        Seller first = seller();
        Seller second = seller();
        String number = buyOneOfEach(shop.customer(), product(first, "30.00", 5), product(second, "30.00", 5));
        assertThat(orderMinor(number, "total_minor")).isEqualTo(6000);

        for (int i = 0; i < 3; i++) {
            refundAmount(number, "0.01");
        }
        long one = minor(summary(first), "refunded_minor");
        long other = minor(summary(second), "refunded_minor");
        assertThat(List.of(one, other)).containsExactlyInAnyOrder(1L, 2L);
        refundAmount(number, "0.01");
        assertThat(minor(summary(first), "refunded_minor")).isEqualTo(2);
        assertThat(minor(summary(second), "refunded_minor")).isEqualTo(2);
    }

    @Test
    void daysAndHoursFollowTheShopsTimeZone() {
        UUID scope = UUID.randomUUID();
        // 22:30 UTC on 1 March is 23:30 in Berlin (still the 1st) and 02:30 in Dubai (the 2nd)
        counters.add(List.of(
                new Increment(scope, "orders.paid", Instant.parse("2026-03-01T22:30:00Z"), 1, 1000),
                new Increment(scope, "orders.paid", Instant.parse("2026-03-01T23:10:00Z"), 1, 500),
                new Increment(scope, "orders.refunded", Instant.parse("2026-03-02T08:00:00Z"), 1, 200),
                // before the 7-day window of Berlin
                new Increment(scope, "orders.paid", Instant.parse("2026-02-22T22:59:59Z"), 1, 7)));
        Instant now = Instant.parse("2026-03-02T09:00:00Z");

        Figures.Snapshot berlin =
                figures(ZoneId.of("Europe/Berlin")).snapshot(new Figures.Scope(scope), Window.WEEK, now);
        assertThat(berlin.summary().orders()).isEqualTo(2);
        assertThat(berlin.summary().revenueMinor()).isEqualTo(1300);
        assertThat(berlin.summary().from()).isEqualTo(Instant.parse("2026-02-23T23:00:00Z"));
        List<Figures.SalesPoint> days = berlin.series().points();
        assertThat(days).hasSize(7);
        assertThat(days.get(5).start().toLocalDate()).hasToString("2026-03-01");
        assertThat(days.get(5).orders()).isEqualTo(1);
        assertThat(days.get(5).revenueMinor()).isEqualTo(1000);
        assertThat(days.get(6).orders()).isEqualTo(1);
        assertThat(days.get(6).revenueMinor()).isEqualTo(300);

        Figures.Snapshot dubai = figures(ZoneId.of("Asia/Dubai")).snapshot(new Figures.Scope(scope), Window.TODAY, now);
        assertThat(dubai.summary().orders()).isEqualTo(2);
        List<Figures.SalesPoint> hours = dubai.series().points();
        assertThat(hours).hasSize(24);
        assertThat(hours.get(2).orders()).isEqualTo(1);
        assertThat(hours.get(3).orders()).isEqualTo(1);
        assertThat(hours.get(12).revenueMinor()).isEqualTo(-200);

        Figures.Snapshot utc = figures(ZoneId.of("UTC")).snapshot(new Figures.Scope(scope), Window.TODAY, now);
        assertThat(utc.summary().orders()).isZero();
        assertThat(utc.summary().refundedMinor()).isEqualTo(200);
        assertThat(figures(ZoneId.of("UTC"))
                        .snapshot(new Figures.Scope(scope), Window.MONTH, now)
                        .summary()
                        .orders())
                .isEqualTo(3);
    }

    private Figures figures(ZoneId zone) {
        return new Figures(
                sales, views, carts, lowStock, currentUser, new FiguresProperties(zone, 5), "EUR", Clock.systemUTC());
    }

    @Test
    void concurrentWritersLoseNoCountAndDoNotDeadlock() throws Exception {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        Instant at = Instant.parse("2026-04-01T10:15:00Z");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Void>> writers = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                boolean reversed = i % 2 == 0;
                writers.add(() -> {
                    transactions.executeWithoutResult(status -> {
                        // both scopes in one transaction, given in either order
                        List<Increment> increments = new ArrayList<>(List.of(
                                new Increment(a, "orders.paid", at, 1, 250),
                                new Increment(b, "orders.paid", at, 1, 100)));
                        if (reversed) {
                            java.util.Collections.reverse(increments);
                        }
                        counters.add(increments);
                    });
                    return null;
                });
            }
            for (Future<Void> done : pool.invokeAll(writers)) {
                done.get();
            }
        } finally {
            pool.shutdown();
        }
        List<FigureCounters.Hour> hours =
                counters.hours(a, List.of("orders.paid"), at.minusSeconds(3600), at.plusSeconds(3600));
        assertThat(hours).hasSize(1);
        assertThat(hours.get(0).count()).isEqualTo(400);
        assertThat(hours.get(0).amount()).isEqualTo(100_000);
        assertThat(counters.hours(b, List.of("orders.paid"), at.minusSeconds(3600), at.plusSeconds(3600))
                        .get(0)
                        .amount())
                .isEqualTo(40_000);
        // spread over several slots
        assertThat(jdbc.sql("select count(*) from figure_counters where scope = ?")
                        .param(a)
                        .query(Long.class)
                        .single())
                .isGreaterThan(1);
    }

    @Test
    void productViewsCountForTheShopAndTheProductsSellerOnceWritten() {
        Seller seller = seller();
        Shop.Variant mine = product(seller, "12.00", 3);
        JsonNode before = seller.api()
                .get("/api/v1/admin/figures/funnel")
                .expectStatus(200)
                .json();
        assertThat(before.get("complete").asBoolean()).isFalse();
        assertThat(before.get("steps"))
                .extracting(step -> step.get("step").asString())
                .containsExactly("views", "orders");
        new PageClient(port).get("/products/" + mine.productSlug()).expectStatus(200);
        new PageClient(port).get("/ar/products/" + mine.productSlug()).expectStatus(200);
        views.flush();
        JsonNode after = seller.api()
                .get("/api/v1/admin/figures/funnel")
                .expectStatus(200)
                .json();
        assertThat(after.get("steps").get(0).get("count").asLong()).isEqualTo(2);
        assertThat(after.get("steps").get(0).get("percent").asInt()).isEqualTo(100);

        JsonNode shopFunnel = shop.admin()
                .get("/api/v1/admin/figures/funnel?window=30d")
                .expectStatus(200)
                .json();
        assertThat(shopFunnel.get("complete").asBoolean()).isTrue();
        assertThat(shopFunnel.get("steps"))
                .extracting(step -> step.get("step").asString())
                .containsExactly("views", "carts", "checkouts", "orders");
    }

    @Test
    void lowStockIsTheSellersOwnAndPaginated() {
        Seller seller = seller();
        Seller other = seller();
        Shop.Variant low = product(seller, "9.00", 2);
        product(seller, "9.00", 50);
        Shop.Variant theirs = product(other, "9.00", 1);

        JsonNode page = seller.api()
                .get("/api/v1/admin/figures/low-stock?size=5")
                .expectStatus(200)
                .json();
        assertThat(page.get("total").asLong()).isEqualTo(1);
        assertThat(page.get("items").get(0).get("variant_id").asString()).isEqualTo(low.id());
        assertThat(page.get("items").get(0).get("available").asInt()).isEqualTo(2);

        JsonNode all = shop.admin()
                .get("/api/v1/admin/figures/low-stock?size=100")
                .expectStatus(200)
                .json();
        assertThat(all.get("total").asLong()).isGreaterThanOrEqualTo(2);
        seller.api().get("/api/v1/admin/figures/low-stock?size=0").expectStatus(400);
        seller.api().get("/api/v1/admin/figures/low-stock?page=-1").expectStatus(400);
        // the other seller's low variant is not this seller's
        assertThat(page.get("items").findValuesAsString("variant_id")).doesNotContain(theirs.id());
    }

    @Test
    void theApiRefusesUnknownWindowsAndStrangers() {
        JsonNode problem = shop.admin()
                .get("/api/v1/admin/figures/summary?window=year")
                .expectStatus(400)
                .json();
        assertThat(problem.get("type").asString()).contains("validation");
        shop.admin().get("/api/v1/admin/figures/series?window=30D").expectStatus(200);
        shop.guest().get("/api/v1/admin/figures/summary").expectStatus(401);
        shop.customer().get("/api/v1/admin/figures/summary").expectStatus(403);
        JsonNode series = shop.admin()
                .get("/api/v1/admin/figures/series?window=30d")
                .expectStatus(200)
                .json();
        assertThat(series.get("points")).hasSize(30);
        assertThat(series.get("step").asString()).isEqualTo("day");
    }

    @Test
    void adminsSeeTheShopWithQueuesSellersTheirOwnWithout() {
        Seller seller = seller();
        Shop.Variant mine = product(seller, "25.00", 3);
        String number = buy(mine, 1);

        Page dashboard = pages(CatalogFixtures.ADMIN_EMAIL, CatalogFixtures.ADMIN_PASSWORD)
                .get("/admin?window=7d")
                .expectStatus(200);
        assertThat(dashboard.html().select("svg.figures-chart[role=img] > title"))
                .hasSize(1);
        assertThat(dashboard.html().select("svg.figures-chart rect")).hasSize(7);
        assertThat(dashboard.html().select("table.visually-hidden tbody tr")).hasSize(7);
        assertThat(dashboard.one(".figures-windows a[aria-current=page]").attr("href"))
                .isEqualTo("/admin?window=7d");
        assertThat(dashboard.html().select("#queues-title")).hasSize(1);
        assertThat(dashboard.one("#figures").attr("hx-get")).isEqualTo("/admin/dashboard/figures?window=7d");
        assertThat(dashboard.html().select(".figures-funnel li")).hasSize(4);

        PageClient sellerPages = pages(seller.email(), PASSWORD);
        Page own = sellerPages.get("/admin").expectStatus(200);
        assertThat(own.html().select("#queues-title")).isEmpty();
        assertThat(own.one("[data-figure=orders]").text()).isEqualTo("1");
        assertThat(own.one("[data-figure=revenue]").text()).isEqualTo("€25.00");
        assertThat(own.html().select("a[href=\"/admin/orders/" + number + "\"]"))
                .hasSize(1);
        assertThat(own.html().select("a[href=\"/admin/products/" + mine.productId() + "\"]"))
                .hasSize(1);
        assertThat(own.html().select(".figures-funnel li")).hasSize(2);
        // an unknown window or page shows today's first page
        assertThat(sellerPages
                        .get("/admin?window=forever&page=x")
                        .expectStatus(200)
                        .one(".figures-windows a[aria-current=page]")
                        .attr("href"))
                .isEqualTo("/admin?window=today");

        Page fragment = sellerPages.get("/admin/dashboard/figures?window=30d").expectStatus(200);
        assertThat(fragment.html().select(".console-nav")).isEmpty();
        assertThat(fragment.one("#figures").attr("hx-trigger")).contains("every 10s");
        assertThat(fragment.html().select("svg.figures-chart rect")).hasSize(30);
        assertThat(fragment.header("Cache-Control")).contains("no-store");

        Page arabic = sellerPages.get("/ar/admin").expectStatus(200);
        assertThat(arabic.one("h1").text()).isEqualTo("نظرة عامة");
        assertThat(arabic.one("#figures").attr("hx-get")).startsWith("/ar/admin/dashboard/figures");
    }
}
