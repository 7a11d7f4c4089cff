package app.dukkan.platform.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import app.dukkan.testing.BrowserTest;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
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
        assertThat(operation).isVisible();
        operation.click();
        page.locator(".try-out__btn").first().click();
        page.locator(".execute").first().click();
        assertThat(page.locator(".live-responses-table .response-col_status").first())
                .containsText("200");
    }
}
