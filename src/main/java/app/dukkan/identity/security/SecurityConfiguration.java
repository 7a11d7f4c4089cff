package app.dukkan.identity.security;

import app.dukkan.identity.ApiScope;
import app.dukkan.identity.apikey.ApiKeyAuthenticator;
import app.dukkan.platform.PageOrigins;
import app.dukkan.platform.ProblemResponses;
import app.dukkan.platform.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.HstsHeaderWriter;
import org.springframework.security.web.header.writers.PermissionsPolicyHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.header.writers.XXssProtectionHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Session-cookie authentication for browsers and JSON clients. Every state-changing request needs
 * the CSRF token: the {@code XSRF-TOKEN} cookie echoed in the {@code X-XSRF-TOKEN} header (see
 * {@code GET /api/v1/auth/csrf}). Programs call {@code /api/v1} with an API key instead ({@code
 * Authorization: Bearer …} or {@code X-API-Key}), within the key's scopes ({@link #API_KEY_SCOPES})
 * and its owner's roles, without session or CSRF token.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableMethodSecurity
@EnableConfigurationProperties(CorsProperties.class)
class SecurityConfiguration {

    /** Browser features the shop does not use, denied to its pages and anything they embed. */
    private static final String PERMISSIONS_POLICY =
            "accelerometer=(), browsing-topics=(), camera=(), display-capture=(),"
                    + " geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(self), usb=()";

    /** Everything that is not a page: the API and its documentation, files, metrics. */
    private static final String[] API_PATHS = {"/api/**", "/files/**", "/actuator/**", "/swagger-ui/**", "/webjars/**"};

    /** Account pages anyone may open: they come from mailed links or help a shopper who cannot sign in. */
    private static final String[] PUBLIC_ACCOUNT_PAGES = {
        "/account/forgot-password", "/account/reset-password", "/account/verify-email"
    };

    /** The automation API: administrators only, by session or by a key with the path's scope. */
    private static final String[] AUTOMATION_PATHS = {
        "/api/v1/triggers/**", "/api/v1/workflows/**", "/api/v1/runs/**", "/api/v1/logs/**", "/api/v1/automation/**"
    };

    /**
     * The scope an API key needs, per method and path under {@code /api/v1}; the first matching line
     * decides, and anything not listed needs {@code admin} (which grants every scope). On top of it
     * the role rules of {@link #apiSecurity} apply to the key's owner as to a session: a key never
     * does more than its owner may.
     *
     * <pre>
     * any method  /api/v1/auth/**, /api/v1/me/password, /api/v1/me/email/**,
     *             /api/v1/me/erasures/**                                      never with a key
     * GET, HEAD   /api/v1/products/**, /api/v1/categories/**                  any valid key (public)
     * GET, HEAD   /api/v1/admin/products/**, /admin/categories/**, /admin/imports/**   catalog:read
     * any method  /api/v1/admin/products/**, /admin/categories/**, /admin/imports/**,
     *             /admin/variants/**                                          catalog:write
     * GET, HEAD   /api/v1/admin/orders/**, /admin/returns/**, /api/v1/orders/**        orders:read
     * any method  /api/v1/admin/orders/**, /admin/returns/**, /api/v1/orders/**,
     *             /api/v1/checkout/**, /api/v1/payments/intent                orders:write
     * any method  /api/v1/triggers/**                                         triggers:write
     * any method  /api/v1/workflows/**, /api/v1/runs/**                       workflows:write
     * any method  /api/v1/logs/**                                             logs:read
     * GET, HEAD   /actuator/** (on the shop's own port)                       metrics:read
     * any method  everything else (/api/v1/automation/**, /api/v1/me/**, the other
     *             /api/v1/admin/** pages, community, cart, …)                 admin
     * </pre>
     */
    static final ApiKeyRules API_KEY_SCOPES = ApiKeyRules.builder()
            // signing in and the account's credentials belong to the person, never to a program
            .denied(
                    ApiKeyRules.ANY,
                    "/api/v1/auth/**",
                    "/api/v1/me/password",
                    "/api/v1/me/email/**",
                    "/api/v1/me/erasures/**")
            .open(ApiKeyRules.READS, "/api/v1/products/**", "/api/v1/categories/**")
            .scope(
                    ApiKeyRules.READS,
                    ApiScope.CATALOG_READ,
                    "/api/v1/admin/products/**",
                    "/api/v1/admin/categories/**",
                    "/api/v1/admin/imports/**")
            .scope(
                    ApiKeyRules.ANY,
                    ApiScope.CATALOG_WRITE,
                    "/api/v1/admin/products/**",
                    "/api/v1/admin/categories/**",
                    "/api/v1/admin/imports/**",
                    "/api/v1/admin/variants/**")
            .scope(
                    ApiKeyRules.READS,
                    ApiScope.ORDERS_READ,
                    "/api/v1/admin/orders/**",
                    "/api/v1/admin/returns/**",
                    "/api/v1/orders/**")
            .scope(
                    ApiKeyRules.ANY,
                    ApiScope.ORDERS_WRITE,
                    "/api/v1/admin/orders/**",
                    "/api/v1/admin/returns/**",
                    "/api/v1/orders/**",
                    "/api/v1/checkout/**",
                    "/api/v1/payments/intent")
            .scope(ApiKeyRules.ANY, ApiScope.TRIGGERS_WRITE, "/api/v1/triggers/**")
            .scope(ApiKeyRules.ANY, ApiScope.WORKFLOWS_WRITE, "/api/v1/workflows/**", "/api/v1/runs/**")
            .scope(ApiKeyRules.ANY, ApiScope.LOGS_READ, "/api/v1/logs/**")
            .scope(ApiKeyRules.READS, ApiScope.METRICS_READ, "/actuator/**")
            .scope(ApiKeyRules.ANY, ApiScope.ADMIN, "/api/v1/**")
            .build();

    private static final String[] MEMBER_PAGES = {"/feed", "/posts/new", "/notifications", "/notifications/**"};

    /** Whether answers carry Strict-Transport-Security (the dev profile serves plain HTTP). */
    private static final String HSTS = "${dukkan.web.hsts:true}";

    /** Answers that are data, never a document: nothing loads from them, nothing frames them. */
    private static final HeaderWriter DATA_POLICY =
            new ContentSecurityPolicyHeaderWriter("default-src 'none'; frame-ancestors 'none'");

    /** Swagger UI (whose script sets styles inline and whose icons are data: URLs) and stored files. */
    private static final HeaderWriter DOCUMENT_POLICY = new ContentSecurityPolicyHeaderWriter(
            "default-src 'self'; img-src 'self' data: https:; style-src 'self' 'unsafe-inline'; script-src 'self';"
                    + " frame-ancestors 'none'");

    private static final RequestMatcher DOCUMENTS =
            new OrRequestMatcher(Stream.of("/api/swagger-ui/**", "/swagger-ui/**", "/webjars/**", "/files/**")
                    .map(PathPatternRequestMatcher.withDefaults()::matcher)
                    .toList());

    /**
     * The headers every answer carries, with the chain's Content-Security-Policy: nosniff, {@code
     * X-Frame-Options: DENY}, {@code Cache-Control: no-store} unless the answer sets its own, the
     * referrer and permissions policies. Strict-Transport-Security goes on every answer, not only on
     * those Tomcat sees arrive over TLS: behind a proxy that ends TLS the shop sees plain HTTP.
     */
    private static List<HeaderWriter> securityHeaders(boolean hsts, HeaderWriter policy) {
        List<HeaderWriter> writers = new ArrayList<>(List.of(
                new XContentTypeOptionsHeaderWriter(),
                new XXssProtectionHeaderWriter(),
                new XFrameOptionsHeaderWriter(XFrameOptionsHeaderWriter.XFrameOptionsMode.DENY),
                new CacheControlHeadersWriter(),
                policy,
                new ReferrerPolicyHeaderWriter(
                        ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN),
                new PermissionsPolicyHeaderWriter(PERMISSIONS_POLICY)));
        if (hsts) {
            writers.add(new HstsHeaderWriter(
                    AnyRequestMatcher.INSTANCE, Duration.ofDays(365).toSeconds(), true));
        }
        return writers;
    }

    private static Customizer<HeadersConfigurer<HttpSecurity>> writing(List<HeaderWriter> writers) {
        return headers -> {
            headers.defaultsDisabled();
            writers.forEach(headers::addHeaderWriter);
        };
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
     * Requests Tomcat refuses itself, before any filter (a malformed request line, a header too
     * large), answer a problem detail with the API's headers ({@link ProtocolErrorValve}). It
     * replaces the error report valve Spring Boot adds to the host, so this runs after Boot's own
     * customizer.
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> protocolErrors(
            ProblemResponses problems, @Value(HSTS) boolean hsts) {
        return factory -> factory.addContextCustomizers(context -> {
            StandardHost host = (StandardHost) context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.getPipeline().removeValve(valve);
                }
            }
            // else the host adds Tomcat's own when it starts
            host.setErrorReportValveClass(ProtocolErrorValve.class.getName());
            host.getPipeline().addValve(new ProtocolErrorValve(securityHeaders(hsts, DATA_POLICY), problems));
        });
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
     * Health probes are hit every few seconds by load balancers, and a smoke check after a deploy reads
     * the per-route figures: no session, no CSRF cookie, nothing but the answer.
     */
    @Bean
    @Order(0)
    SecurityFilterChain probeSecurity(HttpSecurity http, @Value(HSTS) boolean hsts) throws Exception {
        http.securityMatcher("/livez", "/readyz", "/healthz", "/health/metrics")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(cache -> cache.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(writing(securityHeaders(hsts, DATA_POLICY)));
        return http.build();
    }

    /**
     * Webhooks of messaging providers ({@code /webhook/whatsapp}) authenticate each delivery with a
     * signature the receiving module checks: no session, no CSRF, nothing else.
     */
    @Bean
    @Order(0)
    SecurityFilterChain webhookSecurity(HttpSecurity http, @Value(HSTS) boolean hsts) throws Exception {
        http.securityMatcher("/webhook/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(cache -> cache.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(writing(securityHeaders(hsts, DATA_POLICY)));
        return http.build();
    }

    /**
     * One CSRF cookie for API clients and pages, on the whole site whatever the language prefix:
     * headers echo its raw value, forms carry the masked token.
     */
    private static CookieCsrfTokenRepository csrfTokens() {
        CookieCsrfTokenRepository csrfTokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
        csrfTokens.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));
        csrfTokens.setCookiePath("/");
        return csrfTokens;
    }

    /**
     * The JSON API, its documentation, stored files and metrics. Other web sites' scripts may call
     * the API only from the origins {@link CorsProperties} lists.
     */
    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(
            HttpSecurity http,
            ProblemResponses problems,
            SecurityContextRepository contexts,
            ApiKeyAuthenticator apiKeys,
            CorsProperties cors,
            ManagementPort managementPort,
            @Value(HSTS) boolean hsts)
            throws Exception {
        if (!cors.allowedOrigins().isEmpty()) {
            http.addFilter(ApiCors.filter(cors, problems));
        }
        http.securityMatcher(API_PATHS)
                // a request with an API key is decided by the key alone, before the CSRF check
                .addFilterBefore(new ApiKeyAuthenticationFilter(apiKeys, API_KEY_SCOPES, problems), CsrfFilter.class)
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens())
                        .csrfTokenRequestHandler(new LazySpaCsrfTokenRequestHandler())
                        // the payment provider authenticates its calls with a signature, not a cookie
                        .ignoringRequestMatchers("/api/v1/payments/webhook")
                        // a key is sent by the program that holds it, never added by a browser
                        .ignoringRequestMatchers(ApiKeyAuthenticationFilter::authenticated))
                // the job queues, feature flags and audit log are the platform's (which cannot know roles): admins only
                .authorizeHttpRequests(requests -> requests.requestMatchers("/actuator/health", "/actuator/health/**")
                        .permitAll()
                        // metrics (revenue among them) to the scraper only: open on a management port of
                        // their own, which stays off the ingress; on the shop's port an admin or a
                        // metrics:read key
                        .requestMatchers(managementPort)
                        .permitAll()
                        .requestMatchers("/actuator/**")
                        .hasRole("ADMIN")
                        .requestMatchers(AUTOMATION_PATHS)
                        .hasRole("ADMIN")
                        .requestMatchers("/api/v1/admin/api-keys/**")
                        .hasRole("ADMIN")
                        .requestMatchers(
                                "/api/v1/admin/queues/**",
                                "/api/v1/admin/flags",
                                "/api/v1/admin/flags/**",
                                "/api/v1/admin/audit")
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
                .headers(writing(securityHeaders(
                        hsts,
                        (request, response) -> (DOCUMENTS.matches(request) ? DOCUMENT_POLICY : DATA_POLICY)
                                .writeHeaders(request, response))))
                .exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, e) -> problems.write(
                                response,
                                Problems.of(
                                        HttpStatus.UNAUTHORIZED,
                                        "unauthenticated",
                                        "Unauthenticated",
                                        "Sign in first (POST /api/v1/auth/login), or send an API key")))
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

    /**
     * The shop's pages: the session cookie, CSRF tokens in every form, protected pages send the
     * shopper to sign in and back. Scripts and styles only from the shop's own files (and the origins
     * modules declare as {@link PageOrigins}), never inline.
     */
    @Bean
    @Order(2)
    SecurityFilterChain pageSecurity(
            HttpSecurity http,
            SecurityContextRepository contexts,
            ObjectProvider<PageOrigins> origins,
            @Value(HSTS) boolean hsts)
            throws Exception {
        HeaderWriter pagePolicy = new ContentSecurityPolicyHeaderWriter(
                pagePolicy(origins.orderedStream().toList()));
        http.csrf(csrf -> csrf.csrfTokenRepository(csrfTokens())
                        .csrfTokenRequestHandler(new LazySpaCsrfTokenRequestHandler()))
                .authorizeHttpRequests(requests -> requests.requestMatchers(PUBLIC_ACCOUNT_PAGES)
                        .permitAll()
                        .requestMatchers("/account", "/account/**")
                        .authenticated()
                        // the community's pages of one member: the feed, writing, notifications
                        .requestMatchers(MEMBER_PAGES)
                        .authenticated()
                        // the console: operators only; pages for admins alone check that themselves
                        .requestMatchers("/admin", "/admin/**")
                        .hasAnyRole("ADMIN", "SELLER")
                        .anyRequest()
                        .permitAll())
                .securityContext(context -> context.securityContextRepository(contexts))
                .requestCache(cache -> cache.disable())
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/"))
                .headers(writing(securityHeaders(hsts, pagePolicy)))
                // an error of a request that a filter refused before any chain saw it (the read
                // admission's 503, the body limit's 413) is dispatched to /error, which this chain serves
                .addFilterBefore(
                        new ErrorDispatchHeaders(securityHeaders(
                                hsts,
                                (request, response) -> (ErrorDispatchHeaders.isPage(response)
                                                ? pagePolicy
                                                : DATA_POLICY)
                                        .writeHeaders(request, response))),
                        HeaderWriterFilter.class)
                .exceptionHandling(errors -> errors.authenticationEntryPoint(SecurityConfiguration::signInFirst)
                        .accessDeniedHandler((request, response, e) -> {
                            // the error page tells a stale form (CSRF) from a forbidden page
                            request.setAttribute(WebAttributes.ACCESS_DENIED_403, e);
                            response.sendError(HttpServletResponse.SC_FORBIDDEN);
                        }));
        return http.build();
    }

    /** To the sign-in page, with the way back to the page asked for (in the same language). */
    private static void signInFirst(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String back = request.getQueryString() == null ? path : path + "?" + request.getQueryString();
        if ("true".equals(request.getHeader("HX-Request"))) {
            // htmx (a live part polling after the session ended): the whole page goes to sign-in and
            // then back to the page that was shown, rather than the sign-in form swapped into a part
            String shown = shownPage(request.getHeader("HX-Current-URL"));
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader(
                    "HX-Redirect",
                    request.getContextPath() + "/login?next="
                            + URLEncoder.encode(shown != null ? shown : back, StandardCharsets.UTF_8));
            return;
        }
        response.sendRedirect(
                request.getContextPath() + "/login?next=" + URLEncoder.encode(back, StandardCharsets.UTF_8));
    }

    /** The path and query of the page htmx says is shown, or null when it names none. */
    private static @Nullable String shownPage(@Nullable String currentUrl) {
        if (currentUrl == null) {
            return null;
        }
        try {
            URI uri = new URI(currentUrl);
            String path = uri.getRawPath();
            if (path == null || !path.startsWith("/") || path.startsWith("//")) {
                return null;
            }
            return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        } catch (URISyntaxException e) {
            return null;
        }
    }

    static String pagePolicy(List<PageOrigins> origins) {
        String scripts = sources(origins, PageOrigins::scripts);
        String frames = sources(origins, PageOrigins::frames);
        String connections = sources(origins, PageOrigins::connections);
        return "default-src 'self'; script-src 'self'" + scripts + "; style-src 'self'; img-src 'self' data: https:;"
                + " font-src 'self'; connect-src 'self'" + connections + "; frame-src "
                + (frames.isEmpty() ? "'none'" : frames.substring(1)) + "; object-src 'none'; base-uri 'none';"
                + " form-action 'self'; frame-ancestors 'none'";
    }

    private static String sources(List<PageOrigins> origins, Function<PageOrigins, List<String>> kind) {
        return origins.stream()
                .flatMap(o -> kind.apply(o).stream())
                .distinct()
                .map(origin -> " " + origin)
                .collect(Collectors.joining());
    }
}
