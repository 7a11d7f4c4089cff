package app.dukkan.identity.security;

import app.dukkan.identity.apikey.ApiKeyAuthenticator;
import app.dukkan.identity.apikey.ApiKeyAuthenticator.KeyHolder;
import app.dukkan.platform.ProblemException;
import app.dukkan.platform.ProblemResponses;
import app.dukkan.platform.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code /api/v1} requests that present an API key, as {@code Authorization: Bearer
 * <key>} or {@code X-API-Key: <key>}, before the CSRF check (which such a request skips: no browser
 * sends these headers by itself). A request that presents a key is decided by the key alone: an
 * invalid one answers 401 {@code invalid-api-key} whatever session cookie comes with it, a key
 * without the scope the {@link ApiKeyRules} ask for answers 403 {@code insufficient-scope}. The
 * authentication lives for the request only; no session is read or created.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    /** Set on a request authenticated by a key. */
    static final String AUTHENTICATED = ApiKeyAuthenticationFilter.class.getName() + ".AUTHENTICATED";

    static final String HEADER = "X-API-Key";

    private static final RequestMatcher API = new OrRequestMatcher(
            PathPatternRequestMatcher.withDefaults().matcher("/api/v1/**"),
            PathPatternRequestMatcher.withDefaults().matcher("/actuator/**"));

    private final ApiKeyAuthenticator authenticator;
    private final ApiKeyRules rules;
    private final ProblemResponses problems;

    ApiKeyAuthenticationFilter(ApiKeyAuthenticator authenticator, ApiKeyRules rules, ProblemResponses problems) {
        this.authenticator = authenticator;
        this.rules = rules;
        this.problems = problems;
    }

    /** Whether the request was authenticated by an API key (it then needs no CSRF token). */
    static boolean authenticated(HttpServletRequest request) {
        return request.getAttribute(AUTHENTICATED) != null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String bearer = bearer(request.getHeader(HttpHeaders.AUTHORIZATION));
        String header = request.getHeader(HEADER);
        if ((bearer == null && header == null) || !API.matches(request)) {
            chain.doFilter(request, response);
            return;
        }
        // two different keys in one request: neither is taken
        String presented =
                bearer == null ? header : header == null || header.strip().equals(bearer) ? bearer : null;
        Optional<KeyHolder> found =
                presented == null ? Optional.empty() : authenticator.authenticate(presented.strip());
        if (found.isEmpty()) {
            refuse(request, response);
            return;
        }
        KeyHolder holder = found.get();
        ApiKeyRules.Access access = rules.required(request);
        if (access.denied()) {
            problems.write(
                    response,
                    Problems.of(
                            HttpStatus.FORBIDDEN,
                            "api-key-not-allowed",
                            "Not with an API key",
                            "This endpoint belongs to the person, not to programs: sign in to use it."));
            return;
        }
        if (access.scope() != null && !holder.grants(access.scope())) {
            ProblemDetail problem = Problems.of(
                    HttpStatus.FORBIDDEN,
                    "insufficient-scope",
                    "Insufficient scope",
                    "This API key lacks the scope '" + access.scope().code() + "' (or 'admin') that this endpoint"
                            + " needs.");
            problem.setProperty("required_scope", access.scope().code());
            problems.write(response, problem);
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new ApiKeyAuthentication(holder));
        SecurityContextHolder.setContext(context);
        request.setAttribute(AUTHENTICATED, holder.key());
        chain.doFilter(request, response);
    }

    /** The same answer for every invalid key, after counting it against the client's address. */
    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            authenticator.failed(request.getRemoteAddr());
        } catch (ProblemException limited) {
            if (limited.retryAfter() != null) {
                response.setHeader(
                        HttpHeaders.RETRY_AFTER,
                        Long.toString(limited.retryAfter().toSeconds()));
            }
            problems.write(response, Problems.of(limited));
            return;
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
        problems.write(
                response,
                Problems.of(
                        HttpStatus.UNAUTHORIZED,
                        "invalid-api-key",
                        "Invalid API key",
                        "The API key is not valid: it may be mistyped, revoked or expired, or its owner's account"
                                + " may be disabled. Use a key that works, or create a new one."));
    }

    /** The token of an {@code Authorization: Bearer …} header; null for none or another scheme. */
    private static @Nullable String bearer(@Nullable String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.strip();
        if (value.length() < 7
                || !value.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return null;
        }
        return value.substring(7).strip();
    }
}
