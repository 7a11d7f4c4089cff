package app.dukkan.identity;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.PageClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Operators' account management over the admin API: search, filters and pages, disabling and
 * enabling with a reason (sessions end at once, sign-in refused), the audit log, and who may do it.
 * The last active administrator is kept in {@link LastActiveAdminTests}, in a context of its own.
 */
@DukkanTest
class UserAdministrationTests {

    private static final String PASSWORD = "correct horse 42";

    @LocalServerPort
    int port;

    @Autowired
    PersonalAccounts personalAccounts;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    IdentityEvents events;

    record Account(String id, String email) {}

    private ApiClient admin() {
        return new ApiClient(port).login(CatalogFixtures.ADMIN_EMAIL, CatalogFixtures.ADMIN_PASSWORD);
    }

    private Account register(String email, String displayName) {
        JsonNode created = new ApiClient(port)
                .post(
                        "/api/v1/auth/register",
                        Map.of(
                                "email",
                                email,
                                "password",
                                PASSWORD,
                                "display_name",
                                displayName,
                                "accept_privacy_notice",
                                true))
                .expectStatus(201)
                .json();
        return new Account(created.get("id").asString(), email);
    }

    private Account registerUnique(String prefix) {
        return register(CatalogFixtures.unique(prefix) + "@example.com", "Someone");
    }

    private static String marker() {
        // letters only, so that no other account's email or name contains it by chance; each digit
        // its own letter (g–p), so markers keep the randomness of the hex they come from
        StringBuilder marker = new StringBuilder();
        for (char c : CatalogFixtures.unique("").toCharArray()) {
            marker.append(Character.isDigit(c) ? (char) ('g' + (c - '0')) : c);
        }
        return marker.append("zx").toString();
    }

    private JsonNode search(ApiClient admin, String query) {
        return admin.get("/api/v1/admin/users?" + query).expectStatus(200).json();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static List<String> emails(JsonNode page) {
        List<String> emails = new ArrayList<>();
        page.get("items").forEach(item -> emails.add(item.get("email").asString()));
        return emails;
    }

    private ApiClient.Response disable(ApiClient admin, String id, String reason) {
        return admin.post("/api/v1/admin/users/" + id + "/disable", Map.of("reason", reason));
    }

    private int login(String email, String password) {
        return new ApiClient(port)
                .post("/api/v1/auth/login", Map.of("email", email, "password", password))
                .status();
    }

    @Test
    void searchesAPartOfTheEmailOrTheNameInAnyCaseAndFiltersByRoleAndStatus() {
        String marker = marker();
        Account byEmail = register("ann." + marker + "@example.com", "Ann");
        Account byName =
                register(CatalogFixtures.unique("bob-") + "@example.org", "Bob " + marker.toUpperCase(Locale.ROOT));
        Account seller = register(marker + "-carol@example.net", "Carol");
        ApiClient admin = admin();
        admin.put("/api/v1/admin/users/" + seller.id() + "/roles", Map.of("roles", List.of("seller")))
                .expectStatus(200);

        JsonNode all = search(
                admin,
                "search=" + encode(" " + marker.substring(0, 4).toUpperCase(Locale.ROOT) + marker.substring(4) + " "));
        assertThat(all.get("total").asLong()).isEqualTo(3);
        assertThat(emails(all)).containsExactlyInAnyOrder(byEmail.email(), byName.email(), seller.email());
        JsonNode first = all.get("items").get(0);
        assertThat(first.get("email").asString()).isEqualTo(seller.email()); // newest first
        assertThat(first.get("display_name").asString()).isEqualTo("Carol");
        assertThat(first.get("roles").toString()).isEqualTo("[\"seller\"]");
        assertThat(first.get("status").asString()).isEqualTo("active");
        assertThat(first.has("disabled_reason")).isFalse();
        assertThat(Instant.parse(first.get("created_at").asString())).isBefore(Instant.now());

        assertThat(emails(search(admin, "search=" + marker + "&role=seller"))).containsExactly(seller.email());
        assertThat(emails(search(admin, "search=" + marker + "&role=CUSTOMER")))
                .containsExactlyInAnyOrder(byEmail.email(), byName.email());

        disable(admin, byName.id(), "Chargebacks").expectStatus(200);
        assertThat(emails(search(admin, "search=" + marker + "&status=disabled")))
                .containsExactly(byName.email());
        assertThat(emails(search(admin, "search=" + marker + "&status=active")))
                .containsExactlyInAnyOrder(byEmail.email(), seller.email());
        assertThat(emails(search(admin, "search=" + marker + "&status=active&role=seller")))
                .containsExactly(seller.email());

        // LIKE's wildcards are plain characters in a search
        String underscored = marker.substring(0, 3) + "_" + marker.substring(4);
        assertThat(search(admin, "search=" + underscored).get("total").asLong()).isZero();
        assertThat(search(admin, "search=" + encode(marker.substring(0, 3) + "%"))
                        .get("total")
                        .asLong())
                .isZero();
    }

    @Test
    void pagesAreStableAndCountEveryMatch() {
        String marker = marker();
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            created.add(register(marker + "-" + i + "@example.com", "Page " + i).email());
        }
        ApiClient admin = admin();

        List<String> paged = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            JsonNode found = search(admin, "search=" + marker + "&size=2&page=" + page);
            assertThat(found.get("total").asLong()).isEqualTo(5);
            assertThat(found.get("page").asInt()).isEqualTo(page);
            assertThat(found.get("size").asInt()).isEqualTo(2);
            assertThat(found.get("items")).hasSize(page < 2 ? 2 : 1);
            paged.addAll(emails(found));
            found.get("items")
                    .forEach(item ->
                            times.add(Instant.parse(item.get("created_at").asString())));
        }
        assertThat(paged).doesNotHaveDuplicates();
        assertThat(Set.copyOf(paged)).isEqualTo(created);
        assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        // the same page again is the same page
        assertThat(emails(search(admin, "search=" + marker + "&size=2&page=1"))).isEqualTo(paged.subList(2, 4));
        assertThat(search(admin, "search=" + marker + "&size=2&page=3").get("items"))
                .isEmpty();
        // no search, no filter: every account, counted
        assertThat(search(admin, "size=1").get("total").asLong()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void refusesParametersOutsideTheirRangeNamingThem() {
        ApiClient admin = admin();
        Map<String, String> refused = new HashMap<>();
        refused.put("size=0", "size");
        refused.put("size=101", "size");
        refused.put("page=-1", "page");
        refused.put("page=10001", "page");
        refused.put("role=wizard", "role");
        refused.put("status=gone", "status");
        refused.put("search=" + "a".repeat(255), "search");
        refused.forEach((query, field) -> {
            JsonNode problem =
                    admin.get("/api/v1/admin/users?" + query).expectStatus(400).json();
            assertThat(problem.get("errors").get(0).get("field").asString())
                    .as(query)
                    .isEqualTo(field);
        });
        admin.get("/api/v1/admin/users?size=abc").expectStatus(400);
        admin.get("/api/v1/admin/users?search=" + "a".repeat(254)).expectStatus(200);
    }

    @Test
    void showsOneAccountAndAnswers404ForAnUnknownOne() {
        Account account = registerUnique("one-");
        ApiClient admin = admin();
        JsonNode found = admin.get("/api/v1/admin/users/" + account.id())
                .expectStatus(200)
                .json();
        assertThat(found.get("email").asString()).isEqualTo(account.email());
        assertThat(found.get("roles").toString()).isEqualTo("[\"customer\"]");
        assertThat(found.get("locale").asString()).isEqualTo("en");

        String unknown = "01890000-0000-7000-8000-000000000000";
        admin.get("/api/v1/admin/users/" + unknown).expectStatus(404);
        disable(admin, unknown, "Spam").expectStatus(404);
        admin.post("/api/v1/admin/users/" + unknown + "/enable", Map.of()).expectStatus(404);
        admin.get("/api/v1/admin/users/not-a-uuid").expectStatus(400);
    }

    @Test
    void disablingEndsEverySessionAtOnceAndRefusesSignInAsAWrongPasswordDoes() {
        Account account = registerUnique("disabled-");
        ApiClient api = new ApiClient(port).login(account.email(), PASSWORD);
        PageClient browser = new PageClient(port);
        var signedIn = browser.submit(
                browser.get("/login").expectStatus(200),
                "#login-panel form",
                Map.of("email", account.email(), "password", PASSWORD));
        assertThat(signedIn.location()).isEqualTo("/account");
        browser.get("/account").expectStatus(200);
        api.get("/api/v1/me").expectStatus(200);
        ApiClient admin = admin();
        String adminId = admin.get("/api/v1/me").json().get("id").asString();

        Instant before = Instant.now();
        JsonNode disabled = disable(admin, account.id(), "  Fraudulent orders  ")
                .expectStatus(200)
                .json();

        assertThat(disabled.get("status").asString()).isEqualTo("disabled");
        assertThat(disabled.get("disabled_reason").asString()).isEqualTo("Fraudulent orders");
        assertThat(disabled.get("disabled_by").asString()).isEqualTo(adminId);
        assertThat(disabled.get("disabled_by_email").asString()).isEqualTo(CatalogFixtures.ADMIN_EMAIL);
        assertThat(Instant.parse(disabled.get("disabled_at").asString()))
                .isBetween(before.minusSeconds(1), Instant.now());
        // the very next request of each open session is anonymous
        api.get("/api/v1/me").expectStatus(401);
        assertThat(browser.get("/account").location()).startsWith("/login");
        assertThat(jdbc.sql("select count(*) from spring_session where principal_name = ?")
                        .param(account.email())
                        .query(Integer.class)
                        .single())
                .isZero();

        // the right password is answered exactly as a wrong one for an address nobody has
        ApiClient.Response refused = new ApiClient(port)
                .post("/api/v1/auth/login", Map.of("email", account.email(), "password", PASSWORD))
                .expectStatus(401);
        ApiClient.Response wrong = new ApiClient(port)
                .post("/api/v1/auth/login", Map.of("email", "nobody-" + account.email(), "password", PASSWORD))
                .expectStatus(401);
        assertThat(refused.body()).isEqualTo(wrong.body());
        assertThat(refused.header("Content-Type")).isEqualTo(wrong.header("Content-Type"));
        var page = browser.submit(
                browser.get("/login"), "#login-panel form", Map.of("email", account.email(), "password", PASSWORD));
        page.expectStatus(422);
        assertThat(page.one("#login-error").text()).isEqualTo("The email address or the password is wrong.");
        // nor may it reset its password
        FromAddress.random(port).post("/api/v1/auth/password/reset", Map.of("email", account.email()));
        assertThat(events.resets(account.email())).isEmpty();
    }

    @Test
    void enablingLetsTheAccountSignInAgain() {
        Account account = registerUnique("enabled-");
        ApiClient admin = admin();
        disable(admin, account.id(), "Suspicious sign-ins").expectStatus(200);
        assertThat(login(account.email(), PASSWORD)).isEqualTo(401);

        JsonNode enabled = admin.post(
                        "/api/v1/admin/users/" + account.id() + "/enable", Map.of("reason", "Owner confirmed"))
                .expectStatus(200)
                .json();

        assertThat(enabled.get("status").asString()).isEqualTo("active");
        assertThat(enabled.has("disabled_reason")).isFalse();
        assertThat(enabled.has("disabled_at")).isFalse();
        assertThat(enabled.has("disabled_by")).isFalse();
        assertThat(login(account.email(), PASSWORD)).isEqualTo(200);
        // without a reason, or without a body at all
        disable(admin, account.id(), "Again").expectStatus(200);
        admin.post("/api/v1/admin/users/" + account.id() + "/enable", Map.of()).expectStatus(200);
        disable(admin, account.id(), "Once more").expectStatus(200);
        admin.post("/api/v1/admin/users/" + account.id() + "/enable", null).expectStatus(200);
        assertThat(login(account.email(), PASSWORD)).isEqualTo(200);

        // closed for an erasure whose jobs are still under way: not an operator's to undo
        jdbc.sql(
                        "update users set enabled = false, disabled_reason = 'erasure', disabled_at = now() where id = ?::uuid")
                .param(account.id())
                .update();
        JsonNode refused = admin.post("/api/v1/admin/users/" + account.id() + "/enable", null)
                .expectStatus(409)
                .json();
        assertThat(refused.get("type").asString()).endsWith("/erasure-pending");
        assertThat(login(account.email(), PASSWORD)).isEqualTo(401);
    }

    @Test
    void anAccountAnOperatorDisabledStaysClosedOnceItsErasureBeginsAndIsAnonymised() {
        Account account = registerUnique("erased-");
        UserId id = new UserId(UUID.fromString(account.id()));
        ApiClient admin = admin();
        disable(admin, account.id(), "Suspicious sign-ins").expectStatus(200);

        new TransactionTemplate(transactions).executeWithoutResult(status -> personalAccounts.close(id));

        JsonNode refused = admin.post("/api/v1/admin/users/" + account.id() + "/enable", null)
                .expectStatus(409)
                .json();
        assertThat(refused.get("type").asString()).endsWith("/erasure-pending");
        personalAccounts.anonymise(id);
        JsonNode erased = admin.get("/api/v1/admin/users/" + account.id())
                .expectStatus(200)
                .json();
        assertThat(erased.get("status").asString()).isEqualTo("disabled");
        assertThat(erased.get("disabled_reason").asString()).isEqualTo("erasure");
        assertThat(erased.get("email").asString()).endsWith("@erased.invalid");
        admin.post("/api/v1/admin/users/" + account.id() + "/enable", null).expectStatus(409);
    }

    @Test
    void anAccountEnabledAgainBeforeItsAnonymisationIsStillAnonymised() {
        Account account = registerUnique("reopened-");
        UserId id = new UserId(UUID.fromString(account.id()));
        // as an account enabled while an erasure was under way was left: enabled, with no disabling
        new TransactionTemplate(transactions).executeWithoutResult(status -> personalAccounts.close(id));
        jdbc.sql("""
                        update users set enabled = true, disabled_reason = null, disabled_at = null, disabled_by = null
                        where id = ?::uuid""").param(account.id()).update();

        personalAccounts.anonymise(id);

        JsonNode erased = admin().get("/api/v1/admin/users/" + account.id())
                .expectStatus(200)
                .json();
        assertThat(erased.get("status").asString()).isEqualTo("disabled");
        assertThat(erased.has("disabled_at")).isTrue();
    }

    @Test
    void anAdminCannotDisableThemselves() {
        ApiClient admin = admin();
        String adminId = admin.get("/api/v1/me").json().get("id").asString();

        JsonNode problem = disable(admin, adminId, "Oops").expectStatus(409).json();

        assertThat(problem.get("type").asString()).endsWith("/self-disable");
        admin.get("/api/v1/me").expectStatus(200);
        assertThat(admin.get("/api/v1/admin/users/" + adminId)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("active");
    }

    @Test
    void disablingTwiceAndEnablingAnActiveAccountAreConflictsThatChangeNothing() {
        Account account = registerUnique("twice-");
        ApiClient admin = admin();
        admin.post("/api/v1/admin/users/" + account.id() + "/enable", Map.of("reason", "Why not"))
                .expectStatus(409);
        disable(admin, account.id(), "First").expectStatus(200);

        JsonNode again =
                disable(admin, account.id(), "Second").expectStatus(409).json();

        assertThat(again.get("type").asString()).endsWith("/already-disabled");
        JsonNode found = admin.get("/api/v1/admin/users/" + account.id()).json();
        assertThat(found.get("disabled_reason").asString()).isEqualTo("First");
        assertThat(audit(admin, account.id()))
                .extracting(entry -> entry.get("action").asString())
                .containsExactly("user.disabled");
    }

    @Test
    void aReasonIsRequiredAndAtMost500Characters() {
        Account account = registerUnique("reason-");
        ApiClient admin = admin();
        String path = "/api/v1/admin/users/" + account.id() + "/disable";
        for (Object body :
                List.of(Map.of(), Map.of("reason", ""), Map.of("reason", "   "), Map.of("reason", "x".repeat(501)))) {
            JsonNode problem = admin.post(path, body).expectStatus(400).json();
            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("reason");
        }
        assertThat(admin.get("/api/v1/admin/users/" + account.id())
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("active");
        assertThat(login(account.email(), PASSWORD)).isEqualTo(200);

        // 500 characters, whatever their UTF-16 length
        String emoji = "\uD83D\uDE00".repeat(500);
        assertThat(disable(admin, account.id(), emoji)
                        .expectStatus(200)
                        .json()
                        .get("disabled_reason")
                        .asString())
                .isEqualTo(emoji);
        admin.post("/api/v1/admin/users/" + account.id() + "/enable", Map.of("reason", "y".repeat(501)))
                .expectStatus(400);
    }

    private List<JsonNode> audit(ApiClient admin, String userId) {
        List<JsonNode> entries = new ArrayList<>();
        admin.get("/api/v1/admin/audit?target_type=user&target_id=" + userId)
                .expectStatus(200)
                .json()
                .get("items")
                .forEach(entries::add);
        return entries;
    }

    @Test
    void disablingEnablingAndRoleChangesAreAudited() {
        Account account = registerUnique("audited-");
        ApiClient admin = admin();
        String adminId = admin.get("/api/v1/me").json().get("id").asString();

        disable(admin, account.id(), "Abusive reviews").expectStatus(200);
        admin.post("/api/v1/admin/users/" + account.id() + "/enable", Map.of("reason", "Appeal accepted"))
                .expectStatus(200);
        admin.put(
                        "/api/v1/admin/users/" + account.id() + "/roles",
                        Map.of("roles", List.of("seller", "customer"), "reason", "Opens a stall"))
                .expectStatus(200);
        // the same roles again change nothing and record nothing
        admin.put("/api/v1/admin/users/" + account.id() + "/roles", Map.of("roles", List.of("customer", "seller")))
                .expectStatus(200);

        List<JsonNode> entries = audit(admin, account.id());
        assertThat(entries)
                .extracting(entry -> entry.get("action").asString())
                .containsExactly("user.roles-changed", "user.enabled", "user.disabled");
        assertThat(entries)
                .extracting(entry -> entry.get("reason").asString())
                .containsExactly("Opens a stall", "Appeal accepted", "Abusive reviews");
        assertThat(entries).allSatisfy(entry -> {
            assertThat(entry.get("target_type").asString()).isEqualTo("user");
            assertThat(entry.get("actor_id").asString()).isEqualTo(adminId);
            assertThat(entry.get("actor").asString()).isEqualTo(CatalogFixtures.ADMIN_EMAIL);
            assertThat(entry.get("details").get("email").asString()).isEqualTo(account.email());
        });
        JsonNode roles = entries.get(0).get("details");
        assertThat(roles.get("from").toString()).isEqualTo("[\"customer\"]");
        assertThat(roles.get("to").toString()).isEqualTo("[\"customer\",\"seller\"]");
        // the whole log filtered by target type has them too
        assertThat(admin.get("/api/v1/admin/audit?target_type=user&limit=200")
                        .json()
                        .get("items")
                        .toString())
                .contains(account.id());
    }

    @Test
    void aRoleChangeWithoutAReasonIsAuditedWithoutOne() {
        Account account = registerUnique("no-reason-");
        ApiClient admin = admin();
        admin.put("/api/v1/admin/users/" + account.id() + "/roles", Map.of("roles", List.of("seller")))
                .expectStatus(200);
        JsonNode entry = audit(admin, account.id()).get(0);
        assertThat(entry.get("action").asString()).isEqualTo("user.roles-changed");
        assertThat(entry.has("reason")).isFalse();
    }

    @Test
    void sellersAndCustomersCannotManageAccounts() {
        Account target = registerUnique("target-");
        CatalogFixtures fixtures = new CatalogFixtures(port);
        for (ApiClient notAdmin : List.of(fixtures.seller(), fixtures.customer())) {
            notAdmin.get("/api/v1/admin/users").expectStatus(403);
            notAdmin.get("/api/v1/admin/users/" + target.id()).expectStatus(403);
            disable(notAdmin, target.id(), "Nope").expectStatus(403);
            notAdmin.post("/api/v1/admin/users/" + target.id() + "/enable", Map.of())
                    .expectStatus(403);
            notAdmin.put("/api/v1/admin/users/" + target.id() + "/roles", Map.of("roles", List.of("admin")))
                    .expectStatus(403);
        }
        ApiClient stranger = new ApiClient(port);
        stranger.get("/api/v1/admin/users").expectStatus(401);
        disable(stranger, target.id(), "Nope").expectStatus(401);
        assertThat(login(target.email(), PASSWORD)).isEqualTo(200);
    }
}
