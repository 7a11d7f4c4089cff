package app.dukkan.identity.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.util.StringUtils;

/**
 * Spring Security's single-page-application CSRF handling (a header carries the cookie's raw value,
 * a form field the masked token), but with named request attributes so the token stays deferred:
 * a plain GET neither generates a token nor sets the XSRF-TOKEN cookie, which keeps anonymous
 * catalog reads cheap. The cookie is issued by {@code GET /api/v1/auth/csrf} or with any write.
 */
final class LazySpaCsrfTokenRequestHandler implements CsrfTokenRequestHandler {

    private static final String ATTRIBUTE = "_csrf";

    private final CsrfTokenRequestAttributeHandler plain = new CsrfTokenRequestAttributeHandler();
    private final XorCsrfTokenRequestAttributeHandler xor = new XorCsrfTokenRequestAttributeHandler();

    LazySpaCsrfTokenRequestHandler() {
        plain.setCsrfRequestAttributeName(ATTRIBUTE);
        xor.setCsrfRequestAttributeName(ATTRIBUTE);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> csrfToken) {
        xor.handle(request, response, csrfToken);
    }

    @Override
    public @Nullable String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken csrfToken) {
        boolean fromHeader = StringUtils.hasText(request.getHeader(csrfToken.getHeaderName()));
        return (fromHeader ? plain : xor).resolveCsrfTokenValue(request, csrfToken);
    }
}
