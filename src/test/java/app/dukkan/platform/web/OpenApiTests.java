package app.dukkan.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.DukkanTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@DukkanTest
class OpenApiTests {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");

    @LocalServerPort
    int port;

    @Autowired
    BuildProperties build;

    private JsonNode schema() {
        var response = new ApiClient(port).get("/api/schema").expectStatus(200);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        return response.json();
    }

    @Test
    void servesTheSchemaWithInfoAndSecuritySchemes() {
        JsonNode schema = schema();
        assertThat(schema.at("/info/title").asString()).isEqualTo("Dukkan API");
        assertThat(schema.at("/servers/0/url").asString()).isEqualTo("/");
        assertThat(schema.at("/info/version").asString()).isEqualTo(build.getVersion());
        assertThat(schema.at("/info/description").asString()).contains("X-XSRF-TOKEN", "application/problem+json");
        assertThat(schema.at("/components/securitySchemes/session/in").asString())
                .isEqualTo("cookie");
        assertThat(schema.at("/components/securitySchemes/session/name").asString())
                .isEqualTo("DUKKAN_SESSION");
        assertThat(schema.at("/components/securitySchemes/csrf/in").asString()).isEqualTo("header");
        assertThat(schema.at("/components/securitySchemes/csrf/name").asString())
                .isEqualTo("X-XSRF-TOKEN");
    }

    @Test
    void servesTheDocsPage() {
        ApiClient client = new ApiClient(port);
        var redirect = client.get("/api/docs").expectStatus(302);
        String location = redirect.header("Location");
        assertThat(location).endsWith("/api/swagger-ui/index.html");
        var page = client.get(location.substring(location.indexOf("/api/"))).expectStatus(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("swagger-ui");
    }

    /**
     * New endpoints must be described: a summary each, and errors (client errors among them)
     * documented as problem details.
     */
    @Test
    void everyOperationHasASummaryAndAProblemResponse() {
        List<String> operations = new ArrayList<>();
        List<String> undescribed = new ArrayList<>();
        JsonNode schema = schema();
        for (Map.Entry<String, JsonNode> path : schema.get("paths").properties()) {
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation == null) {
                    continue;
                }
                String name = method.toUpperCase() + " " + path.getKey();
                operations.add(name);
                if (operation.path("summary").asString("").isBlank()) {
                    undescribed.add(name + ": no summary");
                }
                if (operation
                        .at("/responses/default/content/application~1problem+json")
                        .isMissingNode()) {
                    undescribed.add(name + ": no problem response");
                }
                if (operation.path("responses").propertyNames().stream().noneMatch(code -> code.startsWith("4"))) {
                    undescribed.add(name + ": no client error response");
                }
            }
        }
        assertThat(operations).contains("GET /api/v1/me", "POST /api/v1/auth/login", "GET /livez");
        assertThat(undescribed).isEmpty();
        assertThat(schema.at("/components/schemas/Problem/properties").propertyNames())
                .contains("type", "title", "status", "detail", "errors");
    }

    @Test
    void propertyNamesAreSnakeCaseAsOnTheWire() {
        JsonNode schemas = schema().at("/components/schemas");
        assertThat(schemas.at("/UserResponse/properties").propertyNames()).contains("display_name", "created_at");
        List<String> camelCase = new ArrayList<>();
        for (Map.Entry<String, JsonNode> type : schemas.properties()) {
            for (String property : type.getValue().path("properties").propertyNames()) {
                if (!property.equals(property.toLowerCase())) {
                    camelCase.add(type.getKey() + "." + property);
                }
            }
        }
        assertThat(camelCase).isEmpty();
    }

    @Test
    void csrfTokenIsNotDocumentedAsAClientParameter() {
        JsonNode csrf = schema().at("/paths/~1api~1v1~1auth~1csrf/get");
        assertThat(csrf.isMissingNode()).isFalse();
        assertThat(csrf.path("parameters").isEmpty()).isTrue();
    }
}
