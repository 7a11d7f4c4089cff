package app.dukkan.admin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The users, coupons, search and mailbox pages in a real browser: an operator disabled while signed
 * in, a sign-in link read in the console's mailbox, a dead letter replayed, and axe on every page in
 * English and Arabic, light and dark (with screenshots at desktop and phone widths).
 */
@TestPropertySource(properties = "dukkan.identity.magic-link.domains=" + PeopleConsoleBrowserTests.DOMAIN)
class PeopleConsoleBrowserTests extends ConsoleBrowserTest {

    static final String DOMAIN = "people.example";
    private static final String PASSWORD = "Str0ng-Passphrase-4711";
    private static final Pattern LINK = Pattern.compile("https?://[^/\\s]+(/login/link\\?token=[A-Za-z0-9_-]+)");

    @Autowired
    JdbcClient jdbc;

    /** A new account with these roles; its id. */
    private String account(String email, String... roles) {
        return ConsoleAccounts.create(port, jdbc, email, PASSWORD, "Test Operator", roles);
    }

    @Test
    void anOperatorDisabledByAnAdminIsSignedOutOnTheNextRequest() {
        String email = CatalogFixtures.unique("seller-") + "@example.com";
        String id = account(email, "seller");
        Page seller = signedIn(Options.defaults(), email, PASSWORD);
        assertThat(seller.locator("h1")).hasText("Dashboard");

        Page admin = signedInAdmin(Options.defaults());
        admin.navigate("/admin/users?q=" + email);
        admin.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(email))
                .click();
        admin.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Disable account"))
                .click();
        assertThat(admin.locator("h1")).hasText("Disable " + email + "?");
        admin.getByLabel("Reason").fill("Account shared with a third party");
        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Disable account"))
                .click();
        assertThat(admin.locator(".flash")).hasText(email + " is disabled and signed out everywhere.");
        assertThat(admin).hasURL("http://localhost:" + port + "/admin/users/" + id);

        seller.reload();
        assertThat(seller).hasURL(Pattern.compile(".*/login\\?next=.*"));
    }

    @Test
    void anOperatorSignsInWithALinkReadInTheConsolesMailbox() {
        String email = "op-" + UUID.randomUUID().toString().substring(0, 8) + "@" + DOMAIN;
        account(email, "seller");
        Page operator = open(Options.defaults());
        operator.navigate("/login");
        operator.locator("#magic-email").fill(email);
        operator.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Mail me a sign-in link"))
                .click();
        assertThat(operator.getByRole(AriaRole.STATUS).first()).containsText("the link is on its way");

        Page admin = signedInAdmin(Options.defaults());
        admin.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Mailbox"))
                .click();
        admin.getByLabel("Recipient").fill(email);
        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Filter"))
                .click();
        com.microsoft.playwright.Locator subject =
                admin.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Your sign-in link for Dukkan"));
        for (int attempt = 0; attempt < 50 && subject.count() == 0; attempt++) {
            admin.waitForTimeout(200);
            admin.reload();
        }
        subject.click();
        assertThat(admin.locator("iframe")).hasCount(0);
        assertAccessible(admin);
        Matcher link = LINK.matcher(admin.locator("pre.mailbox-plain").textContent());
        assertThat(link.find()).isTrue();

        operator.navigate(link.group(1));
        operator.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Sign in").setExact(true))
                .click();
        operator.navigate("/admin");
        assertThat(operator.locator("h1")).hasText("Dashboard");
        assertThat(operator.locator(".console-header .operator")).containsText(email.toLowerCase(Locale.ROOT));
    }

    @Test
    void aDeadLetterIsReplayedFromTheQueuesPage() {
        String task = "people-browser-" + UUID.randomUUID().toString().substring(0, 8);
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into job_dead_letters (id, task_name, task_instance, queue, priority, payload, last_error,
                            attempts, enqueued_at, failed_at)
                        values (?, ?, 'k1', 'default', 20, '{}'::jsonb, 'mail server refused', 5, now(), now())""").params(id, task).update();
        Page admin = signedInAdmin(Options.defaults());
        admin.navigate("/admin/queues?task=" + task);
        assertThat(admin.locator(".dead-letters")).containsText("mail server refused");
        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Replay " + task + " k1"))
                .click();
        assertThat(admin.locator(".flash")).hasText("The dead letter was replayed.");
        admin.navigate("/admin/queues?task=" + task);
        assertThat(admin.locator(".dead-letters")).hasCount(0);
        assertThat(jdbc.sql("select count(*) from job_dead_letters where id = ? and requeued_at is null")
                        .param(id)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void thePeoplePagesAreAccessibleInEnglishAndArabicLightAndDark() {
        String email = CatalogFixtures.unique("axe-") + "@example.com";
        String id = account(email, "seller");
        String code = ("AXE" + UUID.randomUUID().toString().replace("-", ""))
                .substring(0, 12)
                .toUpperCase(Locale.ROOT);
        new CatalogFixtures(port)
                .admin()
                .post("/api/v1/admin/coupons", Map.of("code", code, "kind", "percent", "percent", 15, "usage_cap", 100))
                .expectStatus(201);
        String mail = new ApiClient(port)
                .login(CatalogFixtures.ADMIN_EMAIL, CatalogFixtures.ADMIN_PASSWORD)
                .get("/api/v1/admin/mailbox?size=1")
                .json()
                .get("items")
                .get(0)
                .get("id")
                .asString();
        List<String> paths = List.of(
                "/admin/users",
                "/admin/users?q=axe-&sort=email",
                "/admin/users/" + id,
                "/admin/users/" + id + "/disable",
                "/admin/coupons",
                "/admin/coupons/new",
                "/admin/coupons/" + code,
                "/admin/coupons/" + code + "/deactivate",
                "/admin/search?q=" + email,
                "/admin/search?q=nothing-like-this",
                "/admin/mailbox",
                "/admin/mailbox/" + mail,
                "/admin/consents",
                "/admin/consents?email=" + email,
                "/admin/consents?phone=12");
        for (Options options : THEMES) {
            Page page = signedInAdmin(options);
            String theme = theme(options);
            for (String prefix : LANGUAGES) {
                for (String path : paths) {
                    page.navigate(prefix + path);
                    assertAccessible(page, options);
                }
                // a form with errors
                page.navigate(prefix + "/admin/coupons/new");
                page.locator("#coupon-code").fill("!");
                page.locator("#coupon-percent").fill("many");
                page.locator("form.people-form button[type=submit]").click();
                assertThat(page.locator("#coupon-percent-error")).isVisible();
                assertAccessible(page, options);
                String lang = language(prefix);
                screenshot(page, "people-coupon-errors-" + lang + "-" + theme);
                for (String[] shot : new String[][] {
                    {"/admin/users?q=axe-", "users"},
                    {"/admin/users/" + id, "user"},
                    {"/admin/coupons/" + code, "coupon"},
                    {"/admin/search?q=" + email, "search"},
                    {"/admin/mailbox/" + mail, "mail"}
                }) {
                    page.navigate(prefix + shot[0]);
                    page.setViewportSize(1280, 900);
                    screenshot(page, "people-" + shot[1] + "-" + lang + "-" + theme);
                    page.setViewportSize(400, 860);
                    screenshot(page, "people-" + shot[1] + "-" + lang + "-" + theme + "-phone");
                    page.setViewportSize(1280, 900);
                }
            }
        }
    }
}
