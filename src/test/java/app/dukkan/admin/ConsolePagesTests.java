package app.dukkan.admin;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.platform.Feature;
import app.dukkan.platform.FeatureFlags;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.PageClient;
import app.dukkan.testing.PageClient.Page;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The console's shell and its platform pages, without JavaScript. */
@DukkanTest
class ConsolePagesTests {

    private static final String PASSWORD = "Str0ng-Passphrase-4711";

    @LocalServerPort
    int port;

    @Autowired
    FeatureFlags flags;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void flagsBackOn() {
        for (Feature feature : Feature.values()) {
            flags.set(feature.key(), true, null);
        }
    }

    /** A new account with {@code roles} (none: a customer), signed in to the pages. */
    private PageClient account(String... roles) {
        String email = CatalogFixtures.unique("operator-") + "@example.com";
        ApiClient api = new ApiClient(port).register(email, PASSWORD).login(email, PASSWORD);
        if (roles.length > 0) {
            String id = api.get("/api/v1/me").json().get("id").asString();
            new CatalogFixtures(port)
                    .admin()
                    .put("/api/v1/admin/users/" + id + "/roles", Map.of("roles", List.of(roles)))
                    .expectStatus(200);
        }
        return PageClient.signedIn(port, email, PASSWORD);
    }

    private static List<String> navigation(Page page) {
        return page.html().select(".console-nav a").stream()
                .map(link -> link.attr("href"))
                .toList();
    }

    @Test
    void strangersAreSentToSignInAndCustomersAreRefused() {
        Page stranger = new PageClient(port).get("/admin/queues").expectStatus(302);
        assertThat(stranger.location()).isEqualTo("/login?next=%2Fadmin%2Fqueues");

        account().get("/admin").expectStatus(403);
    }

    @Test
    void adminsSeeEveryPageSellersOnlyTheirs() {
        Page dashboard = PageClient.admin(port).get("/admin").expectStatus(200);
        assertThat(navigation(dashboard))
                .containsExactly(
                        "/admin",
                        "/admin/orders",
                        "/admin/products",
                        "/admin/categories",
                        "/admin/users",
                        "/admin/privacy",
                        "/admin/coupons",
                        "/admin/consents",
                        "/admin/moderation",
                        "/admin/automation/workflows",
                        "/admin/automation/runs",
                        "/admin/automation/logs",
                        "/admin/whatsapp",
                        "/admin/queues",
                        "/admin/flags",
                        "/admin/mailbox",
                        "/admin/api-keys",
                        "/admin/audit");
        assertThat(dashboard.one(".console-nav a[aria-current=page]").attr("href"))
                .isEqualTo("/admin");
        assertThat(dashboard.one("h1").text()).isEqualTo("Dashboard");
        assertThat(dashboard.html().select("#queues-title")).hasSize(1);

        PageClient seller = account("seller");
        Page sellers = seller.get("/admin").expectStatus(200);
        assertThat(navigation(sellers))
                .containsExactly("/admin", "/admin/orders", "/admin/products", "/admin/api-keys");
        assertThat(sellers.html().select("#queues-title")).isEmpty();
        seller.get("/admin/queues").expectStatus(403);
        seller.get("/admin/flags").expectStatus(403);
        seller.get("/admin/audit").expectStatus(403);
    }

    @Test
    void theShellSpeaksThePagesLanguageRightToLeftInArabic() {
        PageClient admin = PageClient.admin(port);
        Page german = admin.get("/de/admin/flags").expectStatus(200);
        assertThat(german.one("html").attr("lang")).isEqualTo("de");
        assertThat(german.one("h1").text()).isEqualTo("Feature-Flags");
        assertThat(german.one(".console-nav a[aria-current=page]").attr("href")).isEqualTo("/de/admin/flags");

        Page arabic = admin.get("/ar/admin/queues").expectStatus(200);
        assertThat(arabic.one("html").attr("dir")).isEqualTo("rtl");
        assertThat(arabic.one("h1").text()).isEqualTo("قوائم المهام");
    }

    @Test
    void aFlagIsSwitchedByAFormWithANoticeAndAnAuditEntry() {
        PageClient admin = PageClient.admin(port);
        Page page = admin.get("/admin/flags").expectStatus(200);

        Page switched = admin.submit(page, "form[action=/admin/flags/points]", Map.of());
        assertThat(switched.location()).isEqualTo("/admin/flags");
        Page after = admin.follow(switched).expectStatus(200);

        assertThat(flags.isOn(Feature.POINTS)).isFalse();
        assertThat(after.one(".flash[role=status]").text()).isEqualTo("points is off.");
        Element row = after.one("form[action=/admin/flags/points]").closest("tr");
        assertThat(row.select(".status").text()).isEqualTo("Off");
        assertThat(row.text()).contains(CatalogFixtures.ADMIN_EMAIL);

        Page audit =
                admin.get("/admin/audit?action=flag.switched&targetId=points").expectStatus(200);
        assertThat(audit.html().select("tbody tr").first().text()).contains(CatalogFixtures.ADMIN_EMAIL, "flag points");

        // a form without its token changes nothing
        new PageClient(port).post("/admin/flags/points", Map.of("enabled", "true"));
        assertThat(flags.isOn(Feature.POINTS)).isFalse();
    }

    @Test
    void deadLettersAreShownAndReplayedOneOrAllAfterAConfirmation() {
        String task = "console-test-" + UUID.randomUUID().toString().substring(0, 8);
        UUID first = deadLetter(task, "first");
        deadLetter(task, "second");
        deadLetter(task, "third");
        PageClient admin = PageClient.admin(port);

        Page queues = admin.get("/admin/queues?task=" + task).expectStatus(200);
        assertThat(queues.html().select(".dead-letters > li")).hasSize(3);
        // each letter with its last error and its payload, as text
        Element letter = queues.one(".dead-letters > li:has(input[value=" + first + "])");
        assertThat(letter.select(".error-text").text()).isEqualTo("boom in first: <refused>");
        assertThat(letter.select(".error-text refused")).isEmpty();
        assertThat(letter.select("details summary").text()).isEqualTo("Payload of first");
        assertThat(letter.select("details pre").text()).isEqualTo("{\"key\": \"first\", \"order\": \"DK-100001\"}");

        Page one = admin.submit(queues, "form:has(input[value=" + first + "])", Map.of());
        assertThat(admin.follow(one).one(".flash").text()).isEqualTo("The dead letter was replayed.");
        admin.post("/admin/queues/dead-letters/replay", Map.of("id", first.toString()));

        Page confirm =
                admin.get("/admin/queues/dead-letters/replay-all?task=" + task).expectStatus(200);
        assertThat(confirm.one("h1").text()).isEqualTo("Replay 2 dead letters of " + task + "?");
        Page replayed = admin.submit(confirm, "form[action=/admin/queues/dead-letters/replay-all]", Map.of());
        assertThat(admin.follow(replayed).one(".flash").text()).isEqualTo("2 dead letters replayed.");
        assertThat(admin.get("/admin/queues?task=" + task).html().select(".dead-letters > li"))
                .isEmpty();

        assertThat(admin.get("/admin/audit?action=dead-letter.replayed&targetId=" + first)
                        .html()
                        .select("tbody tr"))
                .hasSize(1);
        admin.get("/admin/queues?task=" + "bad%20task!").expectStatus(400);
    }

    @Test
    void theAuditLogFiltersInTheUrlAndExplainsABadFilter() {
        PageClient admin = PageClient.admin(port);
        admin.get("/admin/flags");
        flags.set("pwa", true, null);

        Page bad = admin.get("/admin/audit?actor=someone&from=yesterday").expectStatus(400);
        assertThat(bad.one("#audit-actor").attr("aria-invalid")).isEqualTo("true");
        assertThat(bad.one("#audit-actor-error").text()).isEqualTo("Enter a user id, as the log shows it.");
        assertThat(bad.one("#audit-from-error").text()).isEqualTo("Enter a day such as 2026-12-01.");
        assertThat(bad.html().select("tbody tr")).isEmpty();

        Page farOff = admin.get("/admin/audit?from=%2B999999999-12-31&to=%2B999999999-12-31")
                .expectStatus(400);
        assertThat(farOff.one("#audit-to-error").text()).isEqualTo("Enter a day such as 2026-12-01.");

        Page future = admin.get("/admin/audit?from=2999-01-01").expectStatus(200);
        assertThat(future.one("main").text()).contains("Nothing was recorded for these filters.");
        assertThat(future.one("#audit-from").val()).isEqualTo("2999-01-01");
    }

    private UUID deadLetter(String task, String key) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into job_dead_letters (id, task_name, task_instance, queue, priority, payload, last_error,
                            attempts, enqueued_at, failed_at)
                        values (?, ?, ?, 'default', 20, ?::jsonb, ?, 5, now(), now())""")
                .params(
                        id,
                        task,
                        key,
                        "{\"order\": \"DK-100001\", \"key\": \"" + key + "\"}",
                        "boom in " + key + ": <refused>")
                .update();
        return id;
    }
}
