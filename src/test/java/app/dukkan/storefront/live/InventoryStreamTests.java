package app.dukkan.storefront.live;

import static app.dukkan.testing.CatalogFixtures.product;
import static app.dukkan.testing.CatalogFixtures.variant;
import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.platform.Feature;
import app.dukkan.platform.FeatureFlags;
import app.dukkan.storefront.live.EventStream.Event;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.SecondInstance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@DukkanTest
class InventoryStreamTests {

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    FeatureFlags flags;

    @Autowired
    StockStreams streams;

    @Autowired
    LiveProperties properties;

    private CatalogFixtures fixtures;
    private ApiClient admin;
    private String category;
    private final List<EventStream> opened = new ArrayList<>();

    @BeforeEach
    void catalog() {
        fixtures = new CatalogFixtures(port);
        admin = fixtures.admin();
        category = fixtures.category("Live", null);
    }

    @AfterEach
    void closeStreamsAndSwitchBackOn() throws Exception {
        for (EventStream stream : opened) {
            stream.close();
        }
        flags.set(Feature.REALTIME.key(), true, null);
    }

    private JsonNode newProduct(String name, int... stock) {
        List<Map<String, Object>> variants = new ArrayList<>();
        for (int units : stock) {
            variants.add(variant("19.00", units));
        }
        return fixtures.createProduct(admin, product(name, category, variants));
    }

    private EventStream open(String path) {
        EventStream stream = EventStream.open(port, path);
        opened.add(stream);
        return stream;
    }

    private static void setStock(ApiClient as, JsonNode product, int variant, int stock) {
        as.patch(
                        "/api/v1/admin/products/" + product.get("id").asString() + "/variants/"
                                + product.get("variants").get(variant).get("id").asString(),
                        Map.of("stock", stock))
                .expectStatus(200);
    }

    private static Event nextStockEvent(EventStream stream, Duration within) throws InterruptedException {
        Event event = stream.next(within);
        assertThat(event).as("an event within %s", within).isNotNull();
        assertThat(event.name()).isEqualTo("stock");
        return event;
    }

    @Test
    void aProductPageStreamGetsTheChosenVariantsAvailabilityInTheLanguageOfItsUrl() throws Exception {
        JsonNode lamp = newProduct("Live lamp", 7, 3);
        String slug = lamp.get("slug").asString();
        String first = lamp.get("variants").get(0).get("id").asString();

        EventStream stream = open("/de/inventory/stream?product=" + slug + "&variant=" + first);
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.header("Content-Type")).startsWith("text/event-stream");

        setStock(admin, lamp, 0, 2);
        Event event = nextStockEvent(stream, Duration.ofSeconds(2));
        assertThat(event.id()).isNotBlank();
        assertThat(stream.comments()).contains("retry:3000");
        Document html = Jsoup.parseBodyFragment(event.data());
        assertThat(html.select(".live-banner__text").text()).isEqualTo("Verfügbarkeit hat sich gerade geändert");
        assertThat(html.select("#buy-box-stock[hx-swap-oob=true]").text()).isEqualTo("Nur noch 2 Stück");
        assertThat(html.select("#quantity[hx-swap-oob=true]").attr("max")).isEqualTo("2");
        assertThat(html.select("#add-to-cart-button[hx-swap-oob=true]").hasAttr("disabled"))
                .isFalse();
        // both options' notes, the first still in stock
        assertThat(html.select(".choice__note[hx-swap-oob=true]")).hasSize(2);

        setStock(admin, lamp, 0, 0);
        html = Jsoup.parseBodyFragment(
                nextStockEvent(stream, Duration.ofSeconds(2)).data());
        assertThat(html.select("#buy-box-stock").text()).isEqualTo("Ausverkauft");
        assertThat(html.select("#quantity").hasAttr("disabled")).isTrue();
        assertThat(html.select("#add-to-cart-button").hasAttr("disabled")).isTrue();
        assertThat(html.select("#variant-note-" + first).text()).isEqualTo("Ausverkauft");
    }

    @Test
    void aListingStreamFollowsEachOfItsProductsAndIgnoresOthers() throws Exception {
        JsonNode a = newProduct("Live cup", 4);
        JsonNode b = newProduct("Live mug", 4);
        JsonNode other = newProduct("Live bowl", 4);
        EventStream stream = open("/ar/inventory/stream?product="
                + a.get("slug").asString() + "&product=" + b.get("slug").asString());

        setStock(admin, other, 0, 1);
        setStock(admin, b, 0, 0);
        Event event = nextStockEvent(stream, Duration.ofSeconds(2));
        Document html = Jsoup.parseBodyFragment(event.data());
        assertThat(html.select(".live-banner__text").text()).isEqualTo("تغيّر التوفر للتو");
        assertThat(html.select(".product-card__stock").attr("data-stock-of"))
                .isEqualTo(b.get("slug").asString());
        assertThat(html.select(".product-card__stock").attr("hx-swap-oob"))
                .isEqualTo("outerHTML:.product-card__stock[data-stock-of='"
                        + b.get("slug").asString() + "']");
        assertThat(html.select(".product-card__stock").text()).isEqualTo("نفدت الكمية");

        setStock(admin, b, 0, 5);
        html = Jsoup.parseBodyFragment(
                nextStockEvent(stream, Duration.ofSeconds(2)).data());
        assertThat(html.select(".product-card__stock").text()).isEmpty();
        assertThat(stream.next(Duration.ofMillis(300)))
                .as("nothing of other products")
                .isNull();
    }

    @Test
    void aReconnectingBrowsersLastEventIdIsAccepted() throws Exception {
        JsonNode vase = newProduct("Live vase", 2);
        EventStream stream = EventStream.open(
                port, "/inventory/stream?product=" + vase.get("slug").asString(), "Last-Event-ID", "41");
        opened.add(stream);
        assertThat(stream.status()).isEqualTo(200);

        setStock(admin, vase, 0, 0);
        assertThat(nextStockEvent(stream, Duration.ofSeconds(2)).id()).isNotEqualTo("41");
    }

    @Test
    void aChangeCommittedOnAnotherInstanceReachesTheStreamWithinASecond() throws Exception {
        JsonNode kettle = newProduct("Live kettle", 9);
        ApiClient secondAdmin = new CatalogFixtures(SecondInstance.port(dataSource)).admin();
        EventStream stream =
                open("/inventory/stream?product=" + kettle.get("slug").asString());

        long start = System.nanoTime();
        setStock(secondAdmin, kettle, 0, 0);
        Event event = nextStockEvent(stream, Duration.ofSeconds(2));
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();

        assertThat(Jsoup.parseBodyFragment(event.data())
                        .select(".product-card__stock")
                        .text())
                .isEqualTo("Sold out");
        assertThat(millis).isLessThan(1000);
    }

    @Test
    void unknownDraftAndArchivedProductsAndUnknownVariantsAre404() {
        JsonNode draft = fixtures.createProduct(
                admin, withStatus(product("Draft lamp", category, List.of(variant("5.00", 1))), "draft"));
        JsonNode archived = newProduct("Archived lamp", 1);
        admin.patch("/api/v1/admin/products/" + archived.get("id").asString(), Map.of("status", "archived"))
                .expectStatus(200);
        JsonNode active = newProduct("Active lamp", 1);

        assertThat(open("/inventory/stream?product=no-such-product").status()).isEqualTo(404);
        assertThat(open("/inventory/stream?product=" + draft.get("slug").asString())
                        .status())
                .isEqualTo(404);
        assertThat(open("/inventory/stream?product=" + archived.get("slug").asString())
                        .status())
                .isEqualTo(404);
        assertThat(open("/inventory/stream?product=" + active.get("slug").asString() + "&product=no-such-product")
                        .status())
                .isEqualTo(404);
        assertThat(open("/inventory/stream?product=" + active.get("slug").asString() + "&variant=" + UUID.randomUUID())
                        .status())
                .isEqualTo(404);
        assertThat(open("/inventory/stream?product=" + active.get("slug").asString() + "&variant=nonsense")
                        .status())
                .isEqualTo(404);
        assertThat(open("/inventory/stream?product=" + "x".repeat(1000)).status())
                .isEqualTo(404);
    }

    private static Map<String, Object> withStatus(Map<String, Object> body, String status) {
        body.put("status", status);
        return body;
    }

    @Test
    void noProductsTooManyProductsOrAVariantOfSeveralAre400() {
        String slug = newProduct("Plain lamp", 1).get("slug").asString();
        StringBuilder tooMany = new StringBuilder("/inventory/stream?product=" + slug);
        for (int i = 0; i < properties.maxProducts(); i++) {
            tooMany.append("&product=").append(slug).append("-").append(i);
        }

        assertThat(open("/inventory/stream").status()).isEqualTo(400);
        assertThat(open("/inventory/stream?product=").status()).isEqualTo(400);
        assertThat(open(tooMany.toString()).status()).isEqualTo(400);
        assertThat(open("/inventory/stream?product=" + slug + "&product=" + slug + "-2&variant=" + UUID.randomUUID())
                        .status())
                .isEqualTo(400);
    }

    @Test
    void aClientPastItsStreamsIsRefusedWith429UntilOneCloses() throws Exception {
        String path = "/inventory/stream?product="
                + newProduct("Busy lamp", 3).get("slug").asString();
        // streams of earlier tests may still be closing: open until the budget is used up
        List<EventStream> held = new ArrayList<>();
        EventStream refused = null;
        for (int i = 0; i <= properties.streamsPerClient() && refused == null; i++) {
            EventStream stream = open(path);
            if (stream.status() == 429) {
                refused = stream;
            } else {
                assertThat(stream.status()).as("stream %d", i + 1).isEqualTo(200);
                held.add(stream);
            }
        }

        assertThat(refused)
                .as("refused past %d streams", properties.streamsPerClient())
                .isNotNull();
        assertThat(held).isNotEmpty();
        assertThat(refused.header("Retry-After")).isEqualTo("3");

        held.get(0).close();
        // the server notices a departed client when it next writes to it (a heartbeat)
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> streams.openFrom("127.0.0.1") < properties.streamsPerClient());
        assertThat(open(path).status()).isEqualTo(200);

        // leave the address's budget to the other tests
        for (EventStream stream : opened) {
            stream.close();
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> streams.openFrom("127.0.0.1") == 0);
    }

    @Test
    void switchingRealtimeOffClosesOpenStreamsOnEveryInstanceAndRefusesNewOnes() throws Exception {
        String slug = newProduct("Flag lamp", 3).get("slug").asString();
        EventStream stream = open("/inventory/stream?product=" + slug);
        assertThat(stream.status()).isEqualTo(200);
        int secondPort = SecondInstance.port(dataSource);
        EventStream onSecond = EventStream.open(secondPort, "/inventory/stream?product=" + slug);
        opened.add(onSecond);
        assertThat(onSecond.status()).isEqualTo(200);

        admin.put("/api/v1/admin/flags/realtime", Map.of("enabled", false)).expectStatus(200);
        Event close = stream.next(Duration.ofSeconds(1));
        assertThat(close).isNotNull();
        assertThat(close.name()).isEqualTo("close");
        assertThat(stream.next(Duration.ofSeconds(1)).name()).isEqualTo("end");
        assertThat(open("/inventory/stream?product=" + slug).status()).isEqualTo(404);
        // the other instance learns of the switch through the database first
        Event closeOnSecond = onSecond.next(Duration.ofMillis(1500));
        assertThat(closeOnSecond).isNotNull();
        assertThat(closeOnSecond.name()).isEqualTo("close");
        assertThat(EventStream.open(secondPort, "/inventory/stream?product=" + slug)
                        .status())
                .isEqualTo(404);
    }
}
