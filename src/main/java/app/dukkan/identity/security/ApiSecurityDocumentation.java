package app.dukkan.identity.security;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The API description's security: the API key schemes next to the session and CSRF schemes, and on
 * every operation the ways it may be called. A session (with the CSRF token for writes); an API key
 * as bearer token or {@code X-API-Key} header, listing the scope the key needs ({@link
 * SecurityConfiguration#API_KEY_SCOPES}; none listed: any valid key), unless keys are not allowed
 * there; and the empty requirement {@code {}} where anyone may call it without signing in.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ApiSecurityDocumentation {

    static final String SESSION = "session";
    static final String CSRF = "csrf";
    static final String BEARER = "apiKey";
    static final String HEADER = "apiKeyHeader";

    private static final Set<PathItem.HttpMethod> READS = Set.of(PathItem.HttpMethod.GET, PathItem.HttpMethod.HEAD);

    /** What anyone may call without a session or key (the controllers may still answer per caller). */
    private static final List<PathPattern> PUBLIC_READS = patterns(
            "/api/v1/products/**",
            "/api/v1/categories/**",
            "/api/v1/recommendations",
            "/api/v1/profiles/**",
            "/api/v1/posts/**",
            "/api/v1/comments/**",
            "/api/v1/explore");

    private static final List<PathPattern> PUBLIC = patterns(
            "/api/v1/auth/**",
            "/api/v1/cart/**",
            "/api/v1/orders/draft/**",
            "/api/v1/checkout/**",
            "/api/v1/payments/**");

    /** Authenticated by the payment provider's signature, not by the shop's credentials. */
    private static final List<PathPattern> SIGNED = patterns("/api/v1/payments/webhook");

    private static List<PathPattern> patterns(String... patterns) {
        return List.of(patterns).stream()
                .map(PathPatternParser.defaultInstance::parse)
                .toList();
    }

    private static boolean matches(List<PathPattern> patterns, String path) {
        PathContainer container = PathContainer.parsePath(path);
        return patterns.stream().anyMatch(pattern -> pattern.matches(container));
    }

    @Bean
    OpenApiCustomizer apiKeySecurityDocumentation() {
        return openApi -> {
            openApi.getComponents()
                    .addSecuritySchemes(
                            BEARER,
                            new SecurityScheme()
                                    .type(SecurityScheme.Type.HTTP)
                                    .scheme("bearer")
                                    .bearerFormat("dk_<public id>_<secret>")
                                    .description("An API key (POST /api/v1/me/api-keys) as 'Authorization: Bearer"
                                            + " <key>'. No session and no CSRF token; the requirement lists the"
                                            + " scope the key needs (admin grants every scope)."))
                    .addSecuritySchemes(
                            HEADER,
                            new SecurityScheme()
                                    .type(SecurityScheme.Type.APIKEY)
                                    .in(SecurityScheme.In.HEADER)
                                    .name(ApiKeyAuthenticationFilter.HEADER)
                                    .description("The same API key in the X-API-Key header."));
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> {
                for (Map.Entry<PathItem.HttpMethod, Operation> entry :
                        item.readOperationsMap().entrySet()) {
                    entry.getValue().setSecurity(requirements(path, entry.getKey()));
                }
            });
        };
    }

    static List<SecurityRequirement> requirements(String path, PathItem.HttpMethod method) {
        List<SecurityRequirement> requirements = new ArrayList<>();
        if (!path.startsWith("/api/v1/") || matches(SIGNED, path)) {
            // the health probes, and calls the payment provider signs
            requirements.add(new SecurityRequirement());
            return requirements;
        }
        boolean read = READS.contains(method);
        requirements.add(
                read
                        ? new SecurityRequirement().addList(SESSION)
                        : new SecurityRequirement().addList(SESSION).addList(CSRF));
        ApiKeyRules.Access access = SecurityConfiguration.API_KEY_SCOPES.required(method.name(), path);
        if (!access.denied()) {
            List<String> scopes =
                    access.scope() == null ? List.of() : List.of(access.scope().code());
            requirements.add(new SecurityRequirement().addList(BEARER, scopes));
            requirements.add(new SecurityRequirement().addList(HEADER, scopes));
        }
        if ((read && matches(PUBLIC_READS, path)) || matches(PUBLIC, path)) {
            requirements.add(new SecurityRequirement());
        }
        return requirements;
    }
}
