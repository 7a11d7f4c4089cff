package app.dukkan.privacy.consent;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.privacy.Consents;
import app.dukkan.privacy.DataSubject;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.PageClient;
import app.dukkan.testing.PageClient.Page;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The privacy notice, the sign-up's consent, the account's consent switch and the console's consent pages. */
@DukkanTest
class ConsentPagesTests {

    private static final String PASSWORD = "correct horse 42";

    @LocalServerPort
    int port;

    @Autowired
    Consents consents;

    @Autowired
    JdbcClient jdbc;

    private static boolean arabic(String prefix) {
        return prefix.equals("/ar");
    }

    private static String email() {
        return CatalogFixtures.unique("consent-page-") + "@example.com";
    }

    @Test
    void theNoticeSaysWhatIsKeptForHowLongItsCookiesAndVersionInEveryLanguage() {
        PageClient reader = new PageClient(port);
        for (String prefix : new String[] {"", "/de", "/ar"}) {
            Page notice = reader.get(prefix + "/privacy").expectStatus(200);
            assertThat(notice.one("#privacy-version").text()).contains("2026-12-06");
            assertThat(notice.html().select("#privacy-retention li")).hasSize(8);
            assertThat(notice.one("#privacy-retention li[data-purge=whatsapp-conversations]")
                            .text())
                    .contains(arabic(prefix) ? "٣٦٥" : "365");
            // Arabic pages write their numbers in Arabic-Indic digits
            boolean arabic = prefix.equals("/ar");
            assertThat(notice.one("#privacy-retention li[data-purge=payment-events]")
                            .text())
                    .contains(arabic ? "٩٠" : "90");
            assertThat(notice.one("#privacy-retention li[data-purge=abandoned-drafts]")
                            .text())
                    .contains(arabic ? "٣٠" : "30");
            assertThat(notice.one("#privacy-cookies").text())
                    .contains("DUKKAN_SESSION", "DUKKAN_CART", "XSRF-TOKEN", "DUKKAN_LANG", "DUKKAN_THEME");
            assertThat(notice.body()).doesNotContain("??");
            // linked from the footer of every page
            assertThat(notice.html().select("footer a[href=" + prefix + "/privacy]"))
                    .hasSize(1);
        }
        assertThat(reader.get("/de/privacy").one("h1").text()).isEqualTo("Datenschutzerklärung");
        assertThat(reader.get("/ar/privacy").one("html").attr("dir")).isEqualTo("rtl");
        assertThat(reader.get("/ar/privacy").one("h1").text()).isEqualTo("إشعار الخصوصية");
    }

    @Test
    void signingUpNeedsTheNoticeAcceptedAndRecordsItWithTheOptionalMarketing() {
        PageClient shopper = new PageClient(port);
        Page form = shopper.get("/signup").expectStatus(200);
        assertThat(form.html().select("label[for=signup-privacy] a[href=/privacy]"))
                .hasSize(1);
        String email = email();

        Page refused = shopper.submit(
                form, "form[action$=/signup]", Map.of("email", email, "password", PASSWORD, "marketing", "on"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.one("#signup-privacy").attr("aria-invalid")).isEqualTo("true");
        assertThat(refused.one("#signup-privacy-error").text()).contains("privacy notice");
        assertThat(refused.one("#signup-marketing").hasAttr("checked"))
                .as("kept as ticked")
                .isTrue();
        assertThat(count("users", email)).isZero();

        Page created = shopper.submit(
                form,
                "form[action$=/signup]",
                Map.of("email", email, "password", PASSWORD, "accept_privacy_notice", "on", "marketing", "on"));
        assertThat(created.status()).isEqualTo(303);
        DataSubject subject = new DataSubject(null, email, null, null);
        assertThat(consents.granted(subject, Consents.Purpose.PROCESSING)).isTrue();
        assertThat(consents.granted(subject, Consents.Purpose.MARKETING)).isTrue();
        assertThat(consents.history(subject)).allSatisfy(entry -> {
            assertThat(entry.channel()).isEqualTo(Consents.Channel.WEB);
            assertThat(entry.userId()).isNotNull();
        });

        PageClient german = new PageClient(port);
        Page germanRefused = german.submit(german.get("/de/signup"), "form[action$=/signup]", Map.of("email", email()));
        assertThat(germanRefused.one("#signup-privacy-error").text()).contains("Datenschutzerklärung");
    }

    @Test
    void theAccountPageGrantsAndWithdrawsMarketingWithoutJavaScript() {
        String email = email();
        new ApiClient(port).register(email, PASSWORD);
        PageClient shopper = PageClient.signedIn(port, email, PASSWORD);

        Page account = shopper.get("/account").expectStatus(200);
        assertThat(account.one("#consents").text()).contains("2026-12-06");
        assertThat(account.one("#marketing-state").text()).isEqualTo("You receive no offers or news by email.");

        Page saved = shopper.follow(shopper.submit(account, "#consents form", Map.of()));
        assertThat(saved.one("#marketing-state").text()).isEqualTo("You receive offers and news by email.");
        assertThat(saved.one("[role=status]").text()).contains("saved");
        // a second tab's stale form grants again: nothing new is recorded
        shopper.submit(account, "#consents form", Map.of());
        Page withdrawn = shopper.follow(shopper.submit(saved, "#consents form", Map.of()));
        assertThat(withdrawn.one("#marketing-state").text()).isEqualTo("You receive no offers or news by email.");
        assertThat(jdbc.sql(
                                "select count(*) from consents where user_id = (select id from users where email = ?) and purpose = 'marketing'")
                        .param(email)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);

        shopper.submit(account, "#consents form", Map.of("granted", "maybe")).expectStatus(400);
        new PageClient(port).post("/account/consents/marketing", Map.of("granted", "true"));
        assertThat(consents.granted(new DataSubject(null, email, null, null), Consents.Purpose.MARKETING))
                .isFalse();
    }

    @Test
    void operatorsFindConsentsByEmailOrPhoneAndOnTheAccountsPage() {
        String email = email();
        ApiClient customer = new ApiClient(port).register(email, PASSWORD).login(email, PASSWORD);
        String userId = customer.get("/api/v1/me").json().get("id").asString();
        consents.record(
                DataSubject.ofPhone("+4915112345678"), Consents.Purpose.WHATSAPP, true, Consents.Channel.WHATSAPP);

        PageClient admin = PageClient.admin(port);
        Page empty = admin.get("/admin/consents").expectStatus(200);
        assertThat(empty.html().select(".console-nav a[href=/admin/consents]")).hasSize(1);
        Page found = admin.get("/admin/consents?email=" + email.toUpperCase(java.util.Locale.ROOT))
                .expectStatus(200);
        assertThat(found.html().select(".console-table tbody tr")).hasSize(1);
        assertThat(found.one(".console-table tbody tr").text()).contains("Privacy notice", "Granted", "API");
        Page byPhone = admin.get("/admin/consents?phone=%2B49%20151%2012345678").expectStatus(200);
        assertThat(byPhone.one(".console-table tbody").text()).contains("WhatsApp", "+4915112345678");

        Page bad = admin.get("/admin/consents?phone=12").expectStatus(400);
        assertThat(bad.one("#consents-phone-error").text()).contains("international form");
        admin.get("/admin/consents?email=a%40example.com&phone=%2B4915112345678")
                .expectStatus(400);

        Page user = admin.get("/admin/users/" + userId).expectStatus(200);
        assertThat(user.one("#consents-title").text()).isEqualTo("Consents");
        assertThat(user.html().select("section:has(#consents-title) tbody tr")).hasSize(1);

        PageClient.signedIn(port, email, PASSWORD).get("/admin/consents").expectStatus(403);
    }

    private long count(String table, String email) {
        return jdbc.sql("select count(*) from " + table + " where email = ?")
                .param(email)
                .query(Long.class)
                .single();
    }
}
