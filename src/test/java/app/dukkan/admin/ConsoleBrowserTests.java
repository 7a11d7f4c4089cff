package app.dukkan.admin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The console in a real browser: accessible in English and Arabic, light and dark, keyboard first. */
class ConsoleBrowserTests extends ConsoleBrowserTest {

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
                    assertAccessible(page);
                }
                page.navigate(prefix + "/admin/queues/dead-letters/replay-all");
                assertAccessible(page);
                page.navigate(prefix + "/admin/audit?from=someday");
                assertAccessible(page);
            }
            String theme = theme(options);
            page.navigate("/admin/queues");
            screenshot(page, "console-queues-en-" + theme);
            page.navigate("/ar/admin/audit");
            screenshot(page, "console-audit-ar-" + theme);
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
