package app.dukkan.storefront.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.LocaleResolver;

/** The API speaks the language a client accepts, and English to one that names none, whatever the machine's locale. */
class ApiLocaleTests {

    private final LocaleResolver resolver = new StorefrontWebConfiguration(true, null, null).localeResolver();

    @Test
    void aClientWithoutAcceptLanguageGetsEnglishNotTheMachinesLocale() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/orders/DK-100001");
        // what the servlet container reports without the header: its own default
        request.addPreferredLocale(Locale.GERMANY);
        request.removeHeader("Accept-Language");

        assertThat(resolver.resolveLocale(request)).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void aClientsAcceptLanguageIsKept() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/orders/DK-100001");
        request.addPreferredLocale(Locale.forLanguageTag("ar-EG"));

        assertThat(resolver.resolveLocale(request)).isEqualTo(Locale.forLanguageTag("ar-EG"));
    }
}
