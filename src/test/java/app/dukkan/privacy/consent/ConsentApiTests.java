package app.dukkan.privacy.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.dukkan.privacy.Consents;
import app.dukkan.privacy.DataSubject;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.Shop;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@DukkanTest
class ConsentApiTests {

    private static final String PASSWORD = "correct horse 42";

    @LocalServerPort
    int port;

    @Autowired
    Consents consents;

    @Autowired
    JdbcClient jdbc;

    private String email() {
        return CatalogFixtures.unique("consent-") + "@example.com";
    }

    private ApiClient signedUp(String email, boolean marketing) {
        ApiClient client = new ApiClient(port);
        client.post(
                        "/api/v1/auth/register",
                        Map.of(
                                "email",
                                email,
                                "password",
                                PASSWORD,
                                "accept_privacy_notice",
                                true,
                                "marketing",
                                marketing))
                .expectStatus(201);
        return client.login(email, PASSWORD);
    }

    private static JsonNode current(JsonNode state, String purpose) {
        for (JsonNode entry : state.get("current")) {
            if (entry.get("purpose").asString().equals(purpose)) {
                return entry;
            }
        }
        return null;
    }

    @Test
    void signingUpOverTheApiRecordsProcessingAndTheChosenMarketingWithTheAccount() {
        String email = email();
        JsonNode state = signedUp(email, true)
                .get("/api/v1/me/consents")
                .expectStatus(200)
                .json();

        assertThat(state.get("notice_version").asString()).isEqualTo(consents.noticeVersion());
        assertThat(current(state, "processing").get("granted").asBoolean()).isTrue();
        assertThat(current(state, "processing").get("channel").asString()).isEqualTo("api");
        assertThat(current(state, "processing").get("notice_version").asString())
                .isEqualTo("2026-12-06");
        assertThat(current(state, "processing").get("user_id").asString())
                .isEqualTo(jdbc.sql("select id::text from users where email = ?")
                        .param(email)
                        .query(String.class)
                        .single());
        assertThat(current(state, "processing").get("client_address").asString())
                .isNotBlank();
        assertThat(current(state, "marketing").get("granted").asBoolean()).isTrue();
        assertThat(state.get("history")).hasSize(2);

        JsonNode without = signedUp(email(), false).get("/api/v1/me/consents").json();
        assertThat(current(without, "marketing")).isNull();
        assertThat(without.get("history")).hasSize(1);
    }

    @Test
    void anApiSignUpWithoutAcceptingTheNoticeIsRefusedAndCreatesNothing() {
        String email = email();
        for (Map<String, Object> body : List.<Map<String, Object>>of(
                Map.of("email", email, "password", PASSWORD),
                Map.of("email", email, "password", PASSWORD, "accept_privacy_notice", false))) {
            JsonNode problem = new ApiClient(port)
                    .post("/api/v1/auth/register", body)
                    .expectStatus(400)
                    .json();
            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("accept_privacy_notice");
        }
        assertThat(jdbc.sql("select count(*) from users where email = ?")
                        .param(email)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from consents where email = ?")
                        .param(email)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aCustomerWithdrawsAndGrantsMarketingOnceEachAndTheSameChoiceAgainAddsNothing() {
        String email = email();
        ApiClient customer = signedUp(email, false);

        JsonNode granted = customer.put("/api/v1/me/consents/marketing", Map.of("granted", true))
                .expectStatus(200)
                .json();
        assertThat(granted.get("granted").asBoolean()).isTrue();
        assertThat(granted.get("channel").asString()).isEqualTo("api");
        JsonNode again = customer.put("/api/v1/me/consents/marketing", Map.of("granted", true))
                .expectStatus(200)
                .json();
        assertThat(again.get("id").asString()).isEqualTo(granted.get("id").asString());

        customer.put("/api/v1/me/consents/marketing", Map.of("granted", false)).expectStatus(200);
        customer.put("/api/v1/me/consents/marketing", Map.of("granted", false)).expectStatus(200);

        JsonNode state = customer.get("/api/v1/me/consents").json();
        assertThat(current(state, "marketing").get("granted").asBoolean()).isFalse();
        List<String> history = new ArrayList<>();
        state.get("history")
                .forEach(entry -> history.add(entry.get("purpose").asString() + ":"
                        + entry.get("granted").asBoolean()));
        assertThat(history).containsExactly("marketing:false", "marketing:true", "processing:true");
        DataSubject subject = new DataSubject(null, email.toUpperCase(java.util.Locale.ROOT), null, null);
        assertThat(consents.granted(subject, Consents.Purpose.MARKETING)).isFalse();
        assertThat(consents.granted(subject, Consents.Purpose.PROCESSING)).isTrue();
    }

    @Test
    void twoIdenticalChangesAtOnceRecordOneEntry() throws Exception {
        String email = email();
        signedUp(email, false);
        var pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(() -> new ApiClient(port)
                        .login(email, PASSWORD)
                        .put("/api/v1/me/consents/marketing", Map.of("granted", true))
                        .status());
            }
            for (Future<Integer> status : pool.invokeAll(calls)) {
                assertThat(status.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(jdbc.sql(
                                "select count(*) from consents where user_id = (select id from users where email = ?) and purpose = 'marketing'")
                        .param(email)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void badChangesAreRefusedAndChangeNothing() {
        String email = email();
        ApiClient customer = signedUp(email, false);
        customer.put("/api/v1/me/consents/processing", Map.of("granted", false)).expectStatus(400);
        customer.put("/api/v1/me/consents/newsletter", Map.of("granted", true)).expectStatus(400);
        customer.put("/api/v1/me/consents/marketing", Map.of()).expectStatus(400);
        customer.sendRaw("PUT", "/api/v1/me/consents/marketing", "{\"granted\": \"maybe\"}", "application/json")
                .expectStatus(400);
        new ApiClient(port)
                .login(email, PASSWORD)
                .withoutCsrf()
                .put("/api/v1/me/consents/marketing", Map.of("granted", true))
                .expectStatus(403);
        new ApiClient(port).get("/api/v1/me/consents").expectStatus(401);
        assertThat(customer.get("/api/v1/me/consents").json().get("history")).hasSize(1);
    }

    @Test
    void adminsFindAPersonsConsentsByEmailPhoneOrAccountAndNobodyElseDoes() {
        String email = email();
        ApiClient customer = signedUp(email, true);
        String phone = "+4917612" + String.format("%06d", new java.util.Random().nextInt(1_000_000));
        consents.record(DataSubject.ofPhone(phone), Consents.Purpose.WHATSAPP, true, Consents.Channel.WHATSAPP);

        Shop shop = new Shop(port);
        ApiClient admin = shop.admin();
        JsonNode byEmail = admin.get("/api/v1/admin/consents?email=" + email.toUpperCase(java.util.Locale.ROOT))
                .expectStatus(200)
                .json();
        assertThat(byEmail.get("history")).hasSize(2);
        String userId = byEmail.get("history").get(0).get("user_id").asString();
        assertThat(admin.get("/api/v1/admin/consents?user_id=" + userId).json().get("history"))
                .hasSize(2);
        // written as people write it: spaces and dashes dropped, 00 read as +
        String written = "00" + phone.substring(1, 5) + " " + phone.substring(5, 8) + "-" + phone.substring(8);
        JsonNode byPhone = admin.get("/api/v1/admin/consents?phone=" + written.replace(" ", "%20"))
                .expectStatus(200)
                .json();
        assertThat(byPhone.get("current").get(0).get("purpose").asString()).isEqualTo("whatsapp");
        assertThat(byPhone.get("current").get(0).get("phone").asString()).isEqualTo(phone);

        admin.get("/api/v1/admin/consents").expectStatus(400);
        admin.get("/api/v1/admin/consents?email=" + email + "&phone=" + phone.replace("+", "%2B"))
                .expectStatus(400);
        admin.get("/api/v1/admin/consents?phone=12345").expectStatus(400);
        admin.get("/api/v1/admin/consents?user_id=nope").expectStatus(400);

        customer.get("/api/v1/admin/consents?email=" + email).expectStatus(403);
        shop.catalog().seller().get("/api/v1/admin/consents?email=" + email).expectStatus(403);
        new ApiClient(port).get("/api/v1/admin/consents?email=" + email).expectStatus(401);
    }

    @Test
    void aDraftRecordsTheBuyersProcessingConsentInItsTransaction() {
        Shop shop = new Shop(port);
        Shop.Variant lamp = shop.product("30.00", 3);
        ApiClient guest = shop.guest();
        shop.addToCart(guest, lamp, 1);
        String email = email();
        Map<String, Object> refused = new java.util.LinkedHashMap<>();
        refused.put("email", email);
        refused.put("address", Shop.address("DE"));
        refused.put("coupon_code", "NO-SUCH-COUPON");
        guest.post("/api/v1/orders/draft", refused).expectStatus(400);
        assertThat(consents.history(new DataSubject(null, email, null, null))).isEmpty();

        shop.draft(guest, email, null);
        shop.draft(guest, email, null);
        List<Consents.Entry> recorded = consents.history(new DataSubject(null, email, null, null));
        assertThat(recorded).hasSize(1);
        assertThat(recorded.get(0).purpose()).isEqualTo(Consents.Purpose.PROCESSING);
        assertThat(recorded.get(0).channel()).isEqualTo(Consents.Channel.API);
        assertThat(recorded.get(0).userId()).isNull();

        ApiClient customer = shop.customer();
        shop.addToCart(customer, lamp, 1);
        shop.draft(customer, null, null);
        JsonNode mine = customer.get("/api/v1/me/consents").json();
        assertThat(mine.get("history")).hasSize(2);
    }

    @Test
    void whenItsConsentCannotBeRecordedNeitherTheAccountNorTheDraftIsMade() {
        // a trigger that refuses these test addresses' consents: the sign-up's and the draft's
        // transaction must fail as a whole
        jdbc.sql("""
                        create function refuse_test_consents() returns trigger language plpgsql as $$
                        begin
                            if new.email like 'unrecordable-%' then raise exception 'refused for the test'; end if;
                            return new;
                        end $$""").update();
        jdbc.sql("create trigger refuse_test_consents before insert on consents"
                        + " for each row execute function refuse_test_consents()")
                .update();
        try {
            String email = "unrecordable-" + CatalogFixtures.unique("") + "@example.com";
            int status = new ApiClient(port)
                    .post(
                            "/api/v1/auth/register",
                            Map.of("email", email, "password", PASSWORD, "accept_privacy_notice", true))
                    .status();
            assertThat(status).isGreaterThanOrEqualTo(500);
            assertThat(jdbc.sql("select count(*) from users where email = ?")
                            .param(email)
                            .query(Long.class)
                            .single())
                    .isZero();

            Shop shop = new Shop(port);
            ApiClient guest = shop.guest();
            shop.addToCart(guest, shop.product("5.00", 2), 1);
            Map<String, Object> draft = new java.util.LinkedHashMap<>();
            draft.put("email", email);
            draft.put("address", Shop.address("DE"));
            assertThat(guest.post("/api/v1/orders/draft", draft).status()).isGreaterThanOrEqualTo(500);
            assertThat(jdbc.sql("select count(*) from orders where email = ?")
                            .param(email)
                            .query(Long.class)
                            .single())
                    .isZero();
        } finally {
            jdbc.sql("drop trigger refuse_test_consents on consents").update();
            jdbc.sql("drop function refuse_test_consents()").update();
        }
    }

    @Test
    void theLogIsAppendOnly() {
        String email = email();
        signedUp(email, false);
        assertThatThrownBy(() -> jdbc.sql("update consents set granted = false where email = ?")
                        .param(email)
                        .update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from consents where email = ?")
                        .param(email)
                        .update())
                .hasMessageContaining("append-only");
        // an erasure may blank who an entry was about
        assertThat(jdbc.sql("update consents set email = null, client_address = null where email = ?")
                        .param(email)
                        .update())
                .isEqualTo(1);
    }
}
