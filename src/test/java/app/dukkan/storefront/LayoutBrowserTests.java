package app.dukkan.storefront;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.BrowserTest;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

class LayoutBrowserTests extends BrowserTest {

    @Test
    void privacyNoticeIsAccessibleInEveryLanguageAndTheme() {
        for (String prefix : new String[] {"", "/de", "/ar"}) {
            for (Options options :
                    new Options[] {Options.defaults(), Options.defaults().dark()}) {
                Page page = open(options);
                page.navigate(prefix + "/privacy");
                assertThat(page.locator("h1")).isVisible();
                assertAccessible(page, options);
            }
        }
    }

    @Test
    void arabicIsRightToLeftAndTheChoiceIsRemembered() {
        Page page = open();
        page.navigate("/privacy");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("العربية"))
                .click();
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/ar/privacy$"));
        assertThat(page.locator("html")).hasAttribute("dir", "rtl");
        assertThat(page.locator("html")).hasAttribute("lang", "ar");
        screenshot(page, "privacy-ar");

        page.navigate("/");
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/ar/$"));
    }

    @Test
    void theThemeSwitchWorksWithAndWithoutJavaScript() {
        for (Options options :
                new Options[] {Options.defaults(), Options.defaults().withoutJavaScript()}) {
            Page page = open(options);
            page.navigate("/privacy");
            assertThat(page.locator("html")).hasClass("theme-system");
            page.waitForResponse(
                    response -> response.url().contains("/theme/dark"),
                    () -> page.locator("a.theme-choice[href*='/theme/dark']").click());
            assertThat(page.locator("html")).hasClass("theme-dark");
            page.reload();
            assertThat(page.locator("html")).hasClass("theme-dark");
            assertThat(page.locator("a.theme-choice[href*='/theme/dark']")).hasAttribute("aria-current", "true");
        }
    }

    @Test
    void unknownPagesGetTheShopsNotFoundPageWithSearch() {
        Page page = open();
        var response = page.navigate("/de/no-such-page");
        assertThat(response.status()).isEqualTo(404);
        assertThat(page.locator("html")).hasAttribute("lang", "de");
        assertThat(page.locator("h1")).hasText("Seite nicht gefunden");
        assertThat(page.getByRole(AriaRole.SEARCHBOX, new Page.GetByRoleOptions().setName("Im Shop suchen")))
                .isVisible();
        assertAccessible(page);
    }

    @Test
    void theSkipLinkLeadsToTheContent() {
        Page page = open();
        page.navigate("/privacy");
        page.keyboard().press("Tab");
        assertThat(page.locator(".skip-link")).isFocused();
        page.keyboard().press("Enter");
        assertThat(page.locator("#main")).isFocused();
    }
}
