package app.dukkan.identity;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.DukkanTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The API description declares the session, CSRF and API key schemes and, on every operation, how
 * it may be called. Leaves the description in {@code target/openapi.json}, which {@code
 * load/openapi-lint.sh} lints.
 */
@DukkanTest
class ApiKeyOpenApiTests {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");

    @LocalServerPort
    int port;

    private JsonNode schema() throws IOException {
        ApiClient.Response response = new ApiClient(port).get("/api/schema").expectStatus(200);
        Files.writeString(Path.of("target", "openapi.json"), response.body());
        return response.json();
    }

    @Test
    void declaresTheApiKeySchemes() throws IOException {
        JsonNode schemes = schema().at("/components/securitySchemes");
        assertThat(schemes.at("/apiKey/type").asString()).isEqualTo("http");
        assertThat(schemes.at("/apiKey/scheme").asString()).isEqualTo("bearer");
        assertThat(schemes.at("/apiKeyHeader/type").asString()).isEqualTo("apiKey");
        assertThat(schemes.at("/apiKeyHeader/in").asString()).isEqualTo("header");
        assertThat(schemes.at("/apiKeyHeader/name").asString()).isEqualTo("X-API-Key");
        assertThat(schemes.propertyNames()).contains("session", "csrf");
    }

    @Test
    void everyOperationSaysHowItMayBeCalled() throws IOException {
        JsonNode schema = schema();
        List<String> missing = new ArrayList<>();
        int operations = 0;
        for (Map.Entry<String, JsonNode> path : schema.get("paths").properties()) {
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation == null) {
                    continue;
                }
                operations++;
                JsonNode security = operation.path("security");
                if (!security.isArray() || security.isEmpty()) {
                    missing.add(method.toUpperCase() + " " + path.getKey());
                    continue;
                }
                if (path.getKey().startsWith("/api/v1/") && !path.getKey().equals("/api/v1/payments/webhook")) {
                    boolean session = false;
                    for (JsonNode requirement : security) {
                        session |= requirement.has("session") && (method.equals("get") || requirement.has("csrf"));
                    }
                    if (!session) {
                        missing.add(method.toUpperCase() + " " + path.getKey() + ": no session requirement");
                    }
                }
            }
        }
        assertThat(operations).isGreaterThan(60);
        assertThat(missing).isEmpty();
    }

    @Test
    void operationsNameTheScopeAKeyNeeds() throws IOException {
        JsonNode paths = schema().get("paths");
        assertThat(requirement(paths.at("/~1api~1v1~1admin~1products/get"), "apiKey"))
                .isEqualTo("[\"catalog:read\"]");
        assertThat(requirement(paths.at("/~1api~1v1~1admin~1products/post"), "apiKeyHeader"))
                .isEqualTo("[\"catalog:write\"]");
        assertThat(requirement(paths.at("/~1api~1v1~1admin~1orders/get"), "apiKey"))
                .isEqualTo("[\"orders:read\"]");
        assertThat(requirement(paths.at("/~1api~1v1~1me~1api-keys/post"), "apiKey"))
                .isEqualTo("[\"admin\"]");
        // a public read: any key, or nothing at all
        JsonNode products = paths.at("/~1api~1v1~1products/get/security");
        assertThat(requirement(paths.at("/~1api~1v1~1products/get"), "apiKey")).isEqualTo("[]");
        assertThat(products.toString()).contains("{}");
        // never with a key
        assertThat(paths.at("/~1api~1v1~1auth~1login/post/security").toString())
                .doesNotContain("apiKey")
                .contains("{}");
        assertThat(paths.at("/~1api~1v1~1me/get/security").toString()).doesNotContain("{}");
    }

    private static String requirement(JsonNode operation, String scheme) {
        for (JsonNode requirement : operation.path("security")) {
            if (requirement.has(scheme)) {
                return requirement.get(scheme).toString();
            }
        }
        return "none";
    }
}
