package app.dukkan.identity.security;

import app.dukkan.platform.ProblemResponses;
import app.dukkan.platform.Problems;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Session-cookie authentication for browsers and JSON clients. Every state-changing request needs
 * the CSRF token: the {@code XSRF-TOKEN} cookie echoed in the {@code X-XSRF-TOKEN} header (see
 * {@code GET /api/v1/auth/csrf}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableMethodSecurity
class SecurityConfiguration {

    /** Browser features the shop does not use, denied to its pages and anything they embed. */
    private static final String PERMISSIONS_POLICY =
            "accelerometer=(), browsing-topics=(), camera=(), display-capture=(),"
                    + " geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(self), usb=()";

    /** The headers every answer carries, on top of Spring Security's defaults. */
    private static void securityHeaders(HeadersConfigurer<HttpSecurity> headers) {
        headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data: https:; style-src 'self' 'unsafe-inline'; "
                                + "script-src 'self' 'unsafe-inline'; frame-ancestors 'none'"))
                .referrerPolicy(referrer ->
                        referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                .permissionsPolicyHeader(policy -> policy.policy(PERMISSIONS_POLICY));
    }

    /**
     * A request the firewall refuses ({@code ..}, {@code //}, {@code ;}, encoded slashes, …) reaches
     * no filter chain; it is answered here as a 400 problem, with the headers the API chain writes on
     * every other answer.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler(
            @Qualifier("apiSecurity") ObjectProvider<SecurityFilterChain> api, ProblemResponses problems) {
        ProblemDetail rejected = Problems.of(
                HttpStatus.BAD_REQUEST,
                "rejected-request",
                "Request rejected",
                "The URL is not allowed: no '..', '//', ';', encoded '/', '%' or '.', nor control characters");
        return (request, response, exception) -> {
            HeaderWriterFilter headers = api.getObject().getFilters().stream()
                    .filter(HeaderWriterFilter.class::isInstance)
                    .map(HeaderWriterFilter.class::cast)
                    .findFirst()
                    .orElseThrow();
            headers.doFilter(request, response, (req, res) -> problems.write((HttpServletResponse) res, rejected));
        };
    }

    /**
     * No observation (trace span and timer) per security filter: on every request that cost more CPU
     * than serving a cached catalog page. Requests are still timed as a whole by
     * {@code http.server.requests}.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Health probes are hit every few seconds by load balancers: no session, no CSRF cookie, nothing
     * but the answer.
     */
    @Bean
    @Order(0)
    SecurityFilterChain probeSecurity(HttpSecurity http) throws Exception {
        http.securityMatcher("/livez", "/readyz", "/healthz")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(cache -> cache.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(SecurityConfiguration::securityHeaders);
        return http.build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, ProblemResponses problems, SecurityContextRepository contexts)
            throws Exception {
        CookieCsrfTokenRepository csrfTokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
        csrfTokens.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));
        http.csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
                        .csrfTokenRequestHandler(new LazySpaCsrfTokenRequestHandler())
                        // the payment provider authenticates its calls with a signature, not a cookie
                        .ignoringRequestMatchers("/api/v1/payments/webhook"))
                // the job queues are the platform's (which cannot know roles): admins only
                .authorizeHttpRequests(requests -> requests.requestMatchers("/api/v1/admin/queues/**")
                        .hasRole("ADMIN")
                        .requestMatchers("/api/v1/admin/**")
                        .hasAnyRole("ADMIN", "SELLER")
                        .requestMatchers("/api/v1/me", "/api/v1/me/**")
                        .authenticated()
                        .anyRequest()
                        .permitAll())
                .securityContext(context -> context.securityContextRepository(contexts))
                .requestCache(cache -> cache.disable())
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .headers(SecurityConfiguration::securityHeaders)
                .exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, e) -> problems.write(
                                response,
                                Problems.of(
                                        HttpStatus.UNAUTHORIZED,
                                        "unauthenticated",
                                        "Unauthenticated",
                                        "Sign in first: POST /api/v1/auth/login")))
                        .accessDeniedHandler((request, response, e) -> problems.write(
                                response,
                                e instanceof CsrfException
                                        ? Problems.of(
                                                HttpStatus.FORBIDDEN,
                                                "csrf",
                                                "CSRF token missing or invalid",
                                                "Send the XSRF-TOKEN cookie value in the X-XSRF-TOKEN header;"
                                                        + " GET /api/v1/auth/csrf issues one")
                                        : Problems.of(
                                                HttpStatus.FORBIDDEN,
                                                "forbidden",
                                                "Forbidden",
                                                "Your account may not do this"))));
        return http.build();
    }
}
