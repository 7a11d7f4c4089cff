package app.dukkan.platform.web;

import app.dukkan.platform.AppVersion;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.providers.ObjectMapperProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description served at {@code /api/schema} and rendered at {@code /api/docs}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class OpenApiConfiguration {

    private static final String PROBLEM_SCHEMA = "Problem";

    private static final String DESCRIPTION = """
            JSON API of Dukkan, a self-hosted social-commerce platform.

            **JSON.** Property names are snake_case; times are ISO-8601 instants in UTC; money is \
            `{"amount": 19.99, "currency": "EUR"}`.

            **Sessions.** `POST /api/v1/auth/login` sets the HttpOnly session cookie `DUKKAN_SESSION`; \
            send it back on every request (any cookie jar does). `POST /api/v1/auth/logout` ends the session.

            **CSRF.** Every POST, PUT, PATCH and DELETE needs a CSRF token: `GET /api/v1/auth/csrf` sets the \
            `XSRF-TOKEN` cookie; send its value in the `X-XSRF-TOKEN` header. Without it the answer is 403 \
            with problem type `https://dukkan.app/problems/csrf`.

            **API keys.** Programs send a key (`POST /api/v1/me/api-keys`, shown once) as \
            `Authorization: Bearer dk_…` or in the `X-API-Key` header, with no session and no CSRF token. A key \
            acts as its owner, within its scopes (each operation's key requirement lists the scope it needs; \
            `admin` grants all) and never beyond the owner's roles. An invalid, revoked or expired key, or one \
            whose owner is disabled, answers 401 `https://dukkan.app/problems/invalid-api-key` (a session \
            cookie sent with it is ignored); a key without the scope answers 403 \
            `https://dukkan.app/problems/insufficient-scope` naming it in `required_scope`.

            **Errors** are RFC 9457 problem details (`application/problem+json`) with a stable `type`; \
            invalid input answers 400 and lists each invalid field in `errors`.

            **Busy.** Reads (GET, HEAD) are served a few at a time in the order they arrive; one that \
            waited too long (10 s by default) answers 503 with `Retry-After` and problem type \
            `https://dukkan.app/problems/busy`: send it again after that many seconds.
            """;

    @Bean
    OpenAPI dukkanOpenApi(AppVersion version) {
        return new OpenAPI()
                .info(new Info().title("Dukkan API").version(version.value()).description(DESCRIPTION))
                // relative: the shop that serves this description, whatever its address
                .servers(List.of(new Server().url("/").description("This shop")))
                .components(new Components()
                        .addSecuritySchemes(
                                "session",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.APIKEY)
                                        .in(SecurityScheme.In.COOKIE)
                                        .name("DUKKAN_SESSION")
                                        .description("Session cookie set by POST /api/v1/auth/login"))
                        .addSecuritySchemes(
                                "csrf",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.APIKEY)
                                        .in(SecurityScheme.In.HEADER)
                                        .name("X-XSRF-TOKEN")
                                        .description("Value of the XSRF-TOKEN cookie (GET /api/v1/auth/csrf sets it);"
                                                + " required on POST, PUT, PATCH and DELETE")));
    }

    /**
     * Every operation can be refused (a malformed request, the firewall, authentication, limits) and
     * can fail, each time with a problem detail; say so once instead of on each controller. An
     * operation that documents its own client errors keeps them.
     */
    @Bean
    OpenApiCustomizer problemResponseDocumentation() {
        ApiResponse refused = problem("Refused (400 malformed or invalid input, 401 not signed in, 403 not allowed,"
                + " 404 not found, 409 conflict, 413 body too large, 422 not acceptable, 429 too many requests):"
                + " an RFC 9457 problem detail whose type names the reason");
        ApiResponse failed = problem("Error: an RFC 9457 problem detail");
        // A customizer, not the OpenAPI bean: springdoc replaces the bean's schemas with the generated ones.
        return openApi -> {
            openApi.getComponents().addSchemas(PROBLEM_SCHEMA, problemSchema());
            openApi.getPaths().values().stream()
                    .flatMap(path -> path.readOperations().stream())
                    .forEach(operation -> {
                        if (operation.getResponses().keySet().stream().noneMatch(code -> code.startsWith("4"))) {
                            operation.getResponses().addApiResponse("4XX", refused);
                        }
                        operation.getResponses().putIfAbsent("default", failed);
                    });
        };
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse()
                .description(description)
                .content(new Content()
                        .addMediaType(
                                org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA))));
    }

    /** Schemas are resolved with swagger's own Jackson 2 mapper; it must use the API's snake_case names. */
    @Bean
    ModelResolver snakeCaseModelResolver(ObjectMapperProvider mappers) {
        return new ModelResolver(
                        mappers.jsonMapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE))
                .openapi31(mappers.isOpenapi31());
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("RFC 9457 problem detail")
                .addProperty(
                        "type",
                        new StringSchema()
                                .format("uri")
                                .description("Stable problem type, e.g. https://dukkan.app/problems/validation"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().format("uri"))
                .addProperty(
                        "errors",
                        new ArraySchema()
                                .description("The invalid inputs, on validation problems")
                                .items(new ObjectSchema()
                                        .addProperty("field", new StringSchema())
                                        .addProperty("message", new StringSchema())));
    }
}
