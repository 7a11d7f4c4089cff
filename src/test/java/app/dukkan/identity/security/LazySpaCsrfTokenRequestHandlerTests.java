package app.dukkan.identity.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** The CSRF token of a multipart form, which travels in the query string. */
class LazySpaCsrfTokenRequestHandlerTests {

    @Test
    void aMultipartFormsTokenIsReadFromTheQueryAndAMalformedOneIsNoToken() {
        assertThat(LazySpaCsrfTokenRequestHandler.multipartQueryToken(multipart("a=1&_csrf=abc%2Bd"), "_csrf"))
                .isEqualTo("abc+d");
        // a stray % failed the decoding inside the security filter: a 500 anyone could cause
        assertThat(LazySpaCsrfTokenRequestHandler.multipartQueryToken(multipart("_csrf=%zz"), "_csrf"))
                .isNull();
        assertThat(LazySpaCsrfTokenRequestHandler.multipartQueryToken(multipart("_csrf=%"), "_csrf"))
                .isNull();
        MockHttpServletRequest form = multipart("_csrf=abc");
        form.setContentType("application/x-www-form-urlencoded");
        assertThat(LazySpaCsrfTokenRequestHandler.multipartQueryToken(form, "_csrf"))
                .as("only multipart forms carry it there")
                .isNull();
    }

    private static MockHttpServletRequest multipart(String query) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login");
        request.setContentType("multipart/form-data; boundary=x");
        request.setQueryString(query);
        return request;
    }
}
