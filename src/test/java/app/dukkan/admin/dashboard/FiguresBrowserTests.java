package app.dukkan.admin.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import app.dukkan.admin.ConsoleBrowserTest;
import app.dukkan.testing.Shop;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

/** The dashboard in a real browser: accessible in English and Arabic, light and dark, and live. */
class FiguresBrowserTests extends ConsoleBrowserTest {

    @Test
    void theDashboardIsAccessibleInEnglishAndArabicLightAndDark() {
        Shop shop = new Shop(port);
        shop.buy(shop.customer(), shop.product("19.90", 3), 1, null);
        for (Options options : THEMES) {
            Page page = signedInAdmin(options);
            String theme = theme(options);
            for (String prefix : LANGUAGES) {
                for (String window : new String[] {"today", "7d", "30d"}) {
                    page.navigate(prefix + "/admin?window=" + window);
                    assertThat(page.getByRole(AriaRole.IMG).first()).isVisible();
                    assertThat(page.locator("svg.figures-chart .bars rect").first())
                            .isAttached();
                    assertThat(page.locator(".figures-funnel li")).hasCount(4);
                    assertAccessible(page, options);
                }
                String language = language(prefix);
                screenshot(page, "figures-30d-" + language + "-" + theme);
                page.setViewportSize(400, 900);
                page.navigate(prefix + "/admin?window=7d");
                screenshot(page, "figures-7d-phone-" + language + "-" + theme);
                page.setViewportSize(1280, 900);
            }
        }
    }

    @Test
    void theFiguresRefreshThemselves() {
        Shop shop = new Shop(port);
        Shop.Variant variant = shop.product("7.00", 10);
        Page page = signedInAdmin(Options.defaults());
        page.navigate("/admin?window=today");
        String before = page.locator("[data-figure=orders]").textContent();
        page.evaluate("document.getElementById('figures').setAttribute('data-rendered', 'before')");

        shop.buy(shop.customer(), variant, 1, null);

        // the poll every 10 s swaps the whole part, with the new count
        assertThat(page.locator("#figures[data-rendered]"))
                .hasCount(
                        0,
                        new com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions().setTimeout(15_000));
        assertThat(page.locator("[data-figure=orders]")).not().hasText(before);
        assertThat(page.locator("#figures")).hasAttribute("hx-trigger", "every 10s, figures-refresh");
        assertAccessible(page);
    }
}
