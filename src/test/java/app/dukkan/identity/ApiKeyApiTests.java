package app.dukkan.identity;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.ApiClient.Response;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** API keys over real HTTP: creating, listing, revoking, and calling the API with them. */
@DukkanTest
class ApiKeyApiTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private CatalogFixtures fixtures() {
        return new CatalogFixtures(port);
    }

    /** A new key of the signed-in client; the answer with its secret. */
    private static JsonNode create(ApiClient owner, String name, String... scopes) {
        return owner.post("/api/v1/me/api-keys", Map.of("name", name, "scopes", List.of(scopes)))
                .expectStatus(201)
                .json();
    }

    /** A client that sends nothing but the key: no cookies, no CSRF token. */
    private ApiClient bearer(String secret) {
        return new ApiClient(port).withoutCsrf().header("Authorization", "Bearer " + secret);
    }

    private ApiClient keyHeader(String secret) {
        return new ApiClient(port).withoutCsrf().header("X-API-Key", secret);
    }

    private static void assertInvalidKey(Response response) {
        response.expectStatus(401);
        assertThat(response.json().get("type").asString()).isEqualTo("https://dukkan.app/problems/invalid-api-key");
        assertThat(response.json().get("detail").asString())
                .isEqualTo("The API key is not valid: it may be mistyped, revoked or expired, or its owner's account"
                        + " may be disabled. Use a key that works, or create a new one.");
    }

    private static Map<String, Object> category() {
        return Map.of("name", CatalogFixtures.unique("Keyed "), "slug", CatalogFixtures.unique("k-"));
    }

    @Test
    void createsListsAndRevokesKeysShowingTheSecretOnlyOnce() {
        ApiClient customer = fixtures().customer();
        JsonNode created = create(customer, "Order sync", "orders:read");
        String secret = created.get("secret").asString();
        JsonNode key = created.get("key");
        assertThat(secret).matches("dk_[0-9A-Za-z]{12}_[0-9A-Za-z]{43}");
        assertThat(secret).startsWith(key.get("prefix").asString() + "_");
        assertThat(key.get("scopes").toString()).isEqualTo("[\"orders:read\"]");
        assertThat(key.has("revoked_at")).isFalse();

        Response list = customer.get("/api/v1/me/api-keys").expectStatus(200);
        assertThat(list.body()).doesNotContain(secret.substring(16));
        assertThat(list.json()).hasSize(1);
        assertThat(list.json().get(0).get("name").asString()).isEqualTo("Order sync");
        assertThat(list.json().get(0).get("prefix").asString())
                .isEqualTo(key.get("prefix").asString());
        assertThat(list.json().get(0).has("created_at")).isTrue();

        bearer(secret).get("/api/v1/orders").expectStatus(200);
        String id = key.get("id").asString();
        customer.delete("/api/v1/me/api-keys/" + id).expectStatus(204);
        customer.delete("/api/v1/me/api-keys/" + id).expectStatus(204);
        assertThat(customer.get("/api/v1/me/api-keys")
                        .json()
                        .get(0)
                        .get("revoked_at")
                        .isNull())
                .isFalse();
        assertInvalidKey(bearer(secret).get("/api/v1/orders"));

        assertThat(jdbc.sql("select action from audit_log where target_type = 'api-key' and target_id = ? order by at")
                        .param(id)
                        .query(String.class)
                        .list())
                .containsExactly("api-key.created", "api-key.revoked");
        // another's key is not found
        fixtures().customer().delete("/api/v1/me/api-keys/" + id).expectStatus(404);
    }

    @Test
    void acceptsTheKeyAsBearerTokenAndAsXApiKeyHeader() {
        String secret = create(fixtures().admin(), "Catalog reader", "catalog:read")
                .get("secret")
                .asString();
        bearer(secret).get("/api/v1/admin/products").expectStatus(200);
        keyHeader(secret).get("/api/v1/admin/products").expectStatus(200);
        new ApiClient(port)
                .header("Authorization", "bearer " + secret)
                .get("/api/v1/admin/products")
                .expectStatus(200);
        // without any key or session: as before
        new ApiClient(port).get("/api/v1/admin/products").expectStatus(401);
    }

    @Test
    void invalidKeysAnswer401AndNeverFallBackToTheSessionSentAlongside() {
        ApiClient admin = fixtures().admin();
        JsonNode revokedKey = create(admin, "Revoked", "catalog:read");
        admin.delete("/api/v1/me/api-keys/" + revokedKey.get("key").get("id").asString())
                .expectStatus(204);
        JsonNode expiring = admin.post(
                        "/api/v1/me/api-keys",
                        Map.of(
                                "name",
                                "Expiring",
                                "scopes",
                                List.of("catalog:read"),
                                "expires_at",
                                Instant.now().plus(1, ChronoUnit.HOURS).toString()))
                .expectStatus(201)
                .json();
        jdbc.sql("update api_keys set expires_at = now() - interval '1 second' where id = ?::uuid")
                .param(expiring.get("key").get("id").asString())
                .update();
        String valid = create(admin, "Valid", "catalog:read").get("secret").asString();
        String wrongSecret = valid.substring(0, valid.length() - 4) + (valid.endsWith("AAAA") ? "BBBB" : "AAAA");
        String unknown = "dk_000000000000_" + valid.substring(valid.length() - 43);

        for (String presented : List.of(
                revokedKey.get("secret").asString(),
                expiring.get("secret").asString(),
                wrongSecret,
                unknown,
                "not-a-key")) {
            // the admin's signed-in client, with a valid session cookie and CSRF token
            ApiClient withSession = fixtures().admin();
            assertInvalidKey(
                    withSession.header("Authorization", "Bearer " + presented).get("/api/v1/admin/products"));
            assertInvalidKey(withSession
                    .header("Authorization", "")
                    .header("X-API-Key", presented)
                    .get("/api/v1/me"));
        }
        // two different keys in one request
        assertInvalidKey(bearer(valid).header("X-API-Key", wrongSecret).get("/api/v1/admin/products"));
    }

    @Test
    void aKeyWithoutTheScopeIsRefusedNamingTheMissingScope() {
        String reader = create(fixtures().admin(), "Reader", "catalog:read")
                .get("secret")
                .asString();
        Response refused = bearer(reader).post("/api/v1/admin/categories", category());
        refused.expectStatus(403);
        assertThat(refused.json().get("type").asString()).isEqualTo("https://dukkan.app/problems/insufficient-scope");
        assertThat(refused.json().get("required_scope").asString()).isEqualTo("catalog:write");
        assertThat(refused.json().get("detail").asString()).contains("'catalog:write'");
        bearer(reader).get("/api/v1/admin/orders").expectStatus(403);
        bearer(reader).get("/api/v1/me").expectStatus(403);
        // the shop's public catalog is open to every key, as to everyone
        bearer(reader).get("/api/v1/products").expectStatus(200);
        // signing in is never a program's business
        Response login = bearer(reader)
                .post("/api/v1/auth/login", Map.of("email", CatalogFixtures.ADMIN_EMAIL, "password", "x"));
        login.expectStatus(403);
        assertThat(login.json().get("type").asString()).isEqualTo("https://dukkan.app/problems/api-key-not-allowed");
        // admin grants every scope
        String full = create(fixtures().admin(), "Full", "admin").get("secret").asString();
        bearer(full).post("/api/v1/admin/categories", category()).expectStatus(201);
        bearer(full).get("/api/v1/me").expectStatus(200);
    }

    @Test
    void keyWritesNeedNoCsrfTokenWhileSessionWritesStillDo() {
        ApiClient admin = fixtures().admin();
        String writer = create(admin, "Writer", "catalog:write").get("secret").asString();
        Response created = bearer(writer).post("/api/v1/admin/categories", category());
        created.expectStatus(201);
        keyHeader(writer).post("/api/v1/admin/categories", category()).expectStatus(201);

        Response session = new ApiClient(port)
                .login(CatalogFixtures.ADMIN_EMAIL, CatalogFixtures.ADMIN_PASSWORD)
                .withoutCsrf()
                .post("/api/v1/admin/categories", category());
        session.expectStatus(403);
        assertThat(session.json().get("type").asString()).isEqualTo("https://dukkan.app/problems/csrf");
    }

    @Test
    void keyCallsCreateNoSession() {
        String secret =
                create(fixtures().admin(), "Stateless", "admin").get("secret").asString();
        ApiClient client = bearer(secret);
        for (Response response : List.of(
                client.get("/api/v1/me"),
                client.get("/api/v1/admin/products"),
                client.post("/api/v1/admin/categories", category()))) {
            assertThat(response.status()).isBetween(200, 201);
            assertThat(response.headers("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("DUKKAN_SESSION="));
        }
        assertThat(client.cookie("DUKKAN_SESSION")).isNull();
    }

    @Test
    void aDisabledOwnersKeysStopWorkingAtOnce() {
        ApiClient seller = fixtures().seller();
        String sellerId = seller.get("/api/v1/me").json().get("id").asString();
        String secret =
                create(seller, "Seller's sync", "catalog:read").get("secret").asString();
        bearer(secret).get("/api/v1/admin/products").expectStatus(200);

        fixtures()
                .admin()
                .post("/api/v1/admin/users/" + sellerId + "/disable", Map.of("reason", "leaked credentials"))
                .expectStatus(200);
        assertInvalidKey(bearer(secret).get("/api/v1/admin/products"));
    }

    @Test
    void refusesScopesAboveTheOwnersRoles() {
        ApiClient customer = fixtures().customer();
        for (String scope : List.of("catalog:write", "triggers:write", "logs:read", "admin")) {
            Response refused = customer.post(
                    "/api/v1/me/api-keys", Map.of("name", "Too much", "scopes", List.of("orders:read", scope)));
            refused.expectStatus(403);
            assertThat(refused.json().get("type").asString())
                    .isEqualTo("https://dukkan.app/problems/scope-not-allowed");
            assertThat(refused.json().get("detail").asString()).contains(scope);
        }
        Response unknown = customer.post("/api/v1/me/api-keys", Map.of("name", "x", "scopes", List.of("root")));
        unknown.expectStatus(400);
        assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("scopes");
        customer.sendRaw("POST", "/api/v1/me/api-keys", "{\"name\":\"x\",\"scopes\":[null]}", "application/json")
                .expectStatus(400);
        Map<String, Object> noName = new LinkedHashMap<>();
        noName.put("name", " ");
        noName.put("scopes", List.of("orders:read"));
        customer.post("/api/v1/me/api-keys", noName).expectStatus(400);
        customer.post(
                        "/api/v1/me/api-keys",
                        Map.of("name", "Past", "scopes", List.of("orders:read"), "expires_at", "2020-01-01T00:00:00Z"))
                .expectStatus(400);
        assertThat(customer.get("/api/v1/me/api-keys").json()).isEmpty();

        ApiClient seller = fixtures().seller();
        create(seller, "Seller catalog", "catalog:read", "catalog:write", "orders:read");
        seller.post("/api/v1/me/api-keys", Map.of("name", "Triggers", "scopes", List.of("triggers:write")))
                .expectStatus(403);
    }

    @Test
    void keysCreatedAtOnceNeverPassTheLimitOfKeysThatWork() throws Exception {
        ApiClient customer = fixtures().customer();
        for (int i = 0; i < 48; i++) {
            create(customer, "Key " + i, "orders:read");
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        List<Integer> statuses = new java.util.ArrayList<>();
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String name = "Racing " + i;
                answers.add(pool.submit(() -> customer.post(
                                "/api/v1/me/api-keys", Map.of("name", name, "scopes", List.of("orders:read")))
                        .status()));
            }
            for (java.util.concurrent.Future<Integer> answer : answers) {
                statuses.add(answer.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(statuses).filteredOn(status -> status == 201).hasSize(2);
        assertThat(statuses).filteredOn(status -> status == 409).hasSize(4);
        assertThat(customer.post("/api/v1/me/api-keys", Map.of("name", "One more", "scopes", List.of("orders:read")))
                        .expectStatus(409)
                        .json()
                        .get("type")
                        .asString())
                .endsWith("/too-many-api-keys");
    }

    @Test
    void storesOnlyAHashOfTheSecret() throws Exception {
        JsonNode created = create(fixtures().customer(), "Hashed", "orders:read");
        String secret = created.get("secret").asString();
        Map<String, Object> row = jdbc.sql("select * from api_keys where id = ?::uuid")
                .param(created.get("key").get("id").asString())
                .query()
                .singleRow();
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
        assertThat((byte[]) row.get("secret_hash")).isEqualTo(expected);
        String secretPart = secret.substring(secret.length() - 43);
        for (Object value : row.values()) {
            String text = value instanceof byte[] bytes
                    ? new String(bytes, StandardCharsets.ISO_8859_1)
                            + HexFormat.of().formatHex(bytes)
                    : String.valueOf(value);
            assertThat(text).doesNotContain(secretPart);
        }
        assertThat(row.get("public_id")).isEqualTo(secret.substring(3, 15));
    }

    @Test
    void recordsTheLastUseAtMostOncePerInterval() {
        ApiClient owner = fixtures().customer();
        JsonNode created = create(owner, "Busy", "orders:read");
        String id = created.get("key").get("id").asString();
        assertThat(owner.get("/api/v1/me/api-keys").json().get(0).has("last_used_at"))
                .isFalse();
        ApiClient key = bearer(created.get("secret").asString());
        key.get("/api/v1/orders").expectStatus(200);
        Instant first = lastUsed(id);
        assertThat(first).isNotNull();
        for (int i = 0; i < 5; i++) {
            key.get("/api/v1/orders").expectStatus(200);
        }
        assertThat(lastUsed(id)).isEqualTo(first);
        assertThat(owner.get("/api/v1/me/api-keys").json().get(0).has("last_used_at"))
                .isTrue();
    }

    private Instant lastUsed(String id) {
        return jdbc.sql("select last_used_at from api_keys where id = ?::uuid")
                .param(id)
                .query(java.sql.Timestamp.class)
                .single()
                .toInstant();
    }

    @Test
    void aKeyCreatesKeysOnlyWithTheScopeAdmin() {
        ApiClient admin = fixtures().admin();
        String reader = create(admin, "Reader", "catalog:read", "orders:read")
                .get("secret")
                .asString();
        Response refused =
                bearer(reader).post("/api/v1/me/api-keys", Map.of("name", "More", "scopes", List.of("admin")));
        refused.expectStatus(403);
        assertThat(refused.json().get("required_scope").asString()).isEqualTo("admin");
        bearer(reader).get("/api/v1/me/api-keys").expectStatus(403);

        String full = create(admin, "Full", "admin").get("secret").asString();
        bearer(full)
                .post("/api/v1/me/api-keys", Map.of("name", "Child", "scopes", List.of("orders:read")))
                .expectStatus(201);
    }

    @Test
    void automationPathsNeedTheirScopeOrAnAdministratorsSession() {
        ApiClient admin = fixtures().admin();
        String triggers =
                create(admin, "Triggers", "triggers:write").get("secret").asString();
        // past security (no such route yet in this module): not 401 or 403
        assertThat(bearer(triggers).post("/api/v1/triggers/nightly", Map.of()).status())
                .isNotIn(401, 403);
        Response logs = bearer(triggers).get("/api/v1/logs");
        logs.expectStatus(403);
        assertThat(logs.json().get("required_scope").asString()).isEqualTo("logs:read");
        assertThat(bearer(triggers)
                        .get("/api/v1/workflows")
                        .json()
                        .get("required_scope")
                        .asString())
                .isEqualTo("workflows:write");
        assertThat(bearer(triggers)
                        .get("/api/v1/runs/1")
                        .json()
                        .get("required_scope")
                        .asString())
                .isEqualTo("workflows:write");
        assertThat(bearer(triggers)
                        .get("/api/v1/automation/connectors")
                        .json()
                        .get("required_scope")
                        .asString())
                .isEqualTo("admin");

        ApiClient customer = fixtures().customer();
        customer.post("/api/v1/triggers/nightly", Map.of()).expectStatus(403);
        customer.get("/api/v1/logs").expectStatus(403);
        new ApiClient(port).get("/api/v1/workflows").expectStatus(401);
        assertThat(admin.get("/api/v1/logs").status()).isNotIn(401, 403);
    }

    @Test
    void adminsListEveryKeyByUserAndRevokeAnyWithAReason() {
        ApiClient customer = fixtures().customer();
        String customerId = customer.get("/api/v1/me").json().get("id").asString();
        JsonNode first = create(customer, "First", "orders:read");
        create(customer, "Second", "orders:write");
        ApiClient admin = fixtures().admin();

        JsonNode page = admin.get("/api/v1/admin/api-keys?user_id=" + customerId + "&size=1")
                .expectStatus(200)
                .json();
        assertThat(page.get("total").asLong()).isEqualTo(2);
        assertThat(page.get("items")).hasSize(1);
        assertThat(page.get("items").get(0).get("name").asString()).isEqualTo("Second");
        assertThat(page.get("items").get(0).get("owner_email").asString())
                .isEqualTo(customer.get("/api/v1/me").json().get("email").asString());
        assertThat(page.toString())
                .doesNotContain(first.get("secret").asString().substring(16));
        admin.get("/api/v1/admin/api-keys?size=0").expectStatus(400);
        customer.get("/api/v1/admin/api-keys").expectStatus(403);
        fixtures().seller().get("/api/v1/admin/api-keys").expectStatus(403);

        String id = first.get("key").get("id").asString();
        JsonNode revoked = admin.post("/api/v1/admin/api-keys/" + id + "/revoke", Map.of("reason", "found in a gist"))
                .expectStatus(200)
                .json();
        assertThat(revoked.get("revoked_reason").asString()).isEqualTo("found in a gist");
        assertInvalidKey(bearer(first.get("secret").asString()).get("/api/v1/orders"));
        assertThat(jdbc.sql("select reason from audit_log where action = 'api-key.revoked' and target_id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("found in a gist");
    }
}
