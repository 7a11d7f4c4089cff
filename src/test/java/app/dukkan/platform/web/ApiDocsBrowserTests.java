package app.dukkan.platform.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import app.dukkan.testing.BrowserTest;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import org.junit.jupiter.api.Test;

/**
 * Swagger UI works under its Content-Security-Policy (no inline scripts): the browser blocks
 * nothing, which the console would report as an error.
 */
class ApiDocsBrowserTests extends BrowserTest {

    @Test
    void theApiDocumentationRendersAndTriesAnOperation() {
        Page page = open();
        page.navigate("/api/docs");

        Locator operation = page.locator(".opblock-summary-path[data-path='/api/v1/products']")
                .first();
        // the description of a few hundred operations is built on the first request
        assertThat(operation).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(60_000));
        operation.click();
        page.locator(".try-out__btn").first().click();
        page.locator(".execute").first().click();
        assertThat(page.locator(".live-responses-table tbody .response-col_status")
                        .first())
                .containsText("200");
    }
}
