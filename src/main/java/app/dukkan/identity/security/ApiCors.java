package app.dukkan.identity.security;

import app.dukkan.platform.ProblemResponses;
import app.dukkan.platform.Problems;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * Cross-origin calls of the JSON API from the origins {@link CorsProperties} lists, and only under
 * {@code /api/**}. A preflight from another origin, or asking for a method or header the API does
 * not take, and a request from another origin, are refused with 403 {@code cors-refused}.
 */
final class ApiCors {

    /** What a browser program sends: credentials, idempotency, the CSRF token, JSON. */
    private static final List<String> REQUEST_HEADERS = List.of(
            HttpHeaders.AUTHORIZATION,
            ApiKeyAuthenticationFilter.HEADER,
            "Idempotency-Key",
            HttpHeaders.CONTENT_TYPE,
            HttpHeaders.ACCEPT,
            HttpHeaders.ACCEPT_LANGUAGE,
            // the CSRF token's header (CookieCsrfTokenRepository's default)
            "X-XSRF-TOKEN");

    /** Answers' headers a program reads besides the CORS-safelisted ones: new resources, back-off, downloads. */
    private static final List<String> RESPONSE_HEADERS =
            List.of(HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER, HttpHeaders.CONTENT_DISPOSITION);

    private static final ProblemDetail REFUSED = Problems.of(
            HttpStatus.FORBIDDEN,
            "cors-refused",
            "Cross-origin request refused",
            "The API takes cross-origin requests only from the origins the shop lists, with the methods and"
                    + " headers it documents");

    private ApiCors() {}

    static CorsFilter filter(CorsProperties properties, ProblemResponses problems) {
        CorsConfiguration api = new CorsConfiguration();
        api.setAllowedOrigins(properties.allowedOrigins());
        api.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
        api.setAllowedHeaders(REQUEST_HEADERS);
        api.setExposedHeaders(RESPONSE_HEADERS);
        api.setAllowCredentials(properties.allowCredentials());
        api.setMaxAge(properties.maxAge());
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", api);
        CorsFilter filter = new CorsFilter(source);
        filter.setCorsProcessor(new DefaultCorsProcessor() {
            @Override
            protected void rejectRequest(ServerHttpResponse response) throws IOException {
                problems.write(((ServletServerHttpResponse) response).getServletResponse(), REFUSED);
            }
        });
        return filter;
    }
}
