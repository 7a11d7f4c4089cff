package app.dukkan.admin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import app.dukkan.testing.CatalogFixtures;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The console in a real browser: accessible in English and Arabic, light and dark (the API keys'
 * pages through a key made and revoked), keyboard first.
 */
class ConsoleBrowserTests extends ConsoleBrowserTest {

    private static final String PASSWORD = "Str0ng-Passphrase-4711";

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyConsolePageIsAccessibleInEnglishAndArabicLightAndDark() {
        jdbc.sql("""
                        insert into job_dead_letters (id, task_name, task_instance, queue, priority, payload, last_error,
                            attempts, enqueued_at, failed_at)
                        values (?, 'console-browser', 'k1', 'default', 20, '{"order":"DK-100001"}'::jsonb,
                                'connection refused', 5, now(), now())""").param(UUID.randomUUID()).update();
        for (Options options : THEMES) {
            Page page = signedInAdmin(options);
            for (String prefix : LANGUAGES) {
                for (String path : new String[] {"/admin", "/admin/queues", "/admin/flags", "/admin/audit"}) {
                    page.navigate(prefix + path);
                    assertThat(page.locator(".console-nav a[aria-current=page]"))
                            .isVisible();
                    assertAccessible(page, options);
                }
                page.navigate(prefix + "/admin/queues/dead-letters/replay-all");
                assertAccessible(page, options);
                page.navigate(prefix + "/admin/audit?from=someday");
                assertAccessible(page, options);
            }
            String theme = theme(options);
            page.navigate("/admin/queues");
            screenshot(page, "console-queues-en-" + theme);
            page.navigate("/ar/admin/audit");
            screenshot(page, "console-audit-ar-" + theme);
        }
    }

    @Test
    void theApiKeyPagesAreAccessibleInEnglishAndArabicLightAndDark() {
        // an admin of its own, so that the keys made here stay off the fixtures' admin's list and limit
        String email = CatalogFixtures.unique("keys-admin-") + "@example.com";
        ConsoleAccounts.create(port, jdbc, email, PASSWORD, "Keys Admin", "admin");
        for (Options options : THEMES) {
            Page page = signedIn(options, email, PASSWORD);
            String theme = theme(options);
            for (String prefix : LANGUAGES) {
                String name = "Axe " + language(prefix) + " " + theme;
                page.navigate(prefix + "/admin/api-keys");
                assertAccessible(page, options);

                // refused without a scope, the error beside the scopes
                page.locator("#api-key-name").fill(name);
                page.locator("form.api-key-form button[type=submit]").click();
                assertThat(page.locator("#api-key-scopes-error")).isVisible();
                assertAccessible(page, options);

                // created: the page that shows the secret once
                page.locator("form.api-key-form input[name=scopes]").first().check();
                page.locator("form.api-key-form button[type=submit]").click();
                assertThat(page.locator("#api-key-secret")).isVisible();
                assertAccessible(page, options);
                screenshot(page, "console-key-created-" + language(prefix) + "-" + theme);

                // revoked through its confirmation, then listed as revoked
                page.navigate(prefix + "/admin/api-keys");
                Locator revoke = page.locator(".api-keys-table tbody tr")
                        .filter(new Locator.FilterOptions().setHasText(name))
                        .locator("a.button");
                revoke.click();
                assertThat(page.locator("form.api-key-revoke")).isVisible();
                assertAccessible(page, options);
                page.locator("#revoke-reason").fill("rotated");
                page.locator("form.api-key-revoke button[type=submit]").click();
                assertThat(page.locator(".flash")).isVisible();
                assertThat(revoke).hasCount(0);
                assertAccessible(page, options);
            }
        }
    }

    @Test
    void aFlagIsSwitchedWithTheKeyboard() {
        Page page = signedInAdmin(Options.defaults());
        page.navigate("/admin/flags");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Switch realtime off"))
                .focus();
        page.keyboard().press("Enter");
        assertThat(page.locator(".flash")).hasText("realtime is off.");
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Switch realtime on")))
                .isVisible();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Switch realtime on"))
                .click();
        assertThat(page.locator(".flash")).hasText("realtime is on.");
    }
}
