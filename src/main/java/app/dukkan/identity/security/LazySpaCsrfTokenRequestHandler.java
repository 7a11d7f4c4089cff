package app.dukkan.identity.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Spring Security's single-page-application CSRF handling (a header carries the cookie's raw value,
 * a form field the masked token), but with named request attributes so the token stays deferred:
 * a plain GET neither generates a token nor sets the XSRF-TOKEN cookie, which keeps anonymous
 * catalog reads cheap. The cookie is issued by {@code GET /api/v1/auth/csrf} or with any write.
 *
 * <p>A multipart form (a file upload) may carry its masked token in the action URL's query instead
 * ({@code ?_csrf=…}): it is then read from there, so that the security filters do not parse the
 * whole body, before the route's body limit is checked, just to find one field. The token is the
 * masked one (a new mask with every page) and the referrer policy keeps queries on the shop's own
 * origin.
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
        if (fromHeader) {
            return plain.resolveCsrfTokenValue(request, csrfToken);
        }
        String fromQuery = multipartQueryToken(request, csrfToken.getParameterName());
        return xor.resolveCsrfTokenValue(
                fromQuery == null ? request : new QueryToken(request, csrfToken.getParameterName(), fromQuery),
                csrfToken);
    }

    /**
     * The token in the query string of a multipart request, read without touching the body; a
     * malformed one (a stray {@code %}) is no token, refused as any wrong token is.
     */
    static @Nullable String multipartQueryToken(HttpServletRequest request, String name) {
        String type = request.getContentType();
        String query = request.getQueryString();
        if (type == null || query == null || !type.regionMatches(true, 0, MediaType.MULTIPART_FORM_DATA_VALUE, 0, 19)) {
            return null;
        }
        String value =
                UriComponentsBuilder.newInstance()
                        .query(query)
                        .build()
                        .getQueryParams()
                        .getOrDefault(name, List.of())
                        .stream()
                        .findFirst()
                        .orElse(null);
        try {
            return value == null ? null : URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    /** The request as the token resolver sees it: the query's token is its parameter, nothing parsed. */
    private static final class QueryToken extends HttpServletRequestWrapper {

        private final String name;
        private final String value;

        QueryToken(HttpServletRequest request, String name, String value) {
            super(request);
            this.name = name;
            this.value = value;
        }

        @Override
        public @Nullable String getParameter(String parameter) {
            return name.equals(parameter) ? value : null;
        }
    }
}
