package app.dukkan.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.platform.ProblemException;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.DukkanTest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Client mistakes against real endpoints answer with RFC 9457 problem details, never a 500. */
@DukkanTest
@Import(ProblemDetailsTests.PagingController.class)
class ProblemDetailsTests {

    /** Stands in for list endpoints with typed query parameters. */
    @RestController
    static class PagingController {
        @GetMapping("/test/paging")
        Map<String, Integer> page(@RequestParam("page_size") @Min(1) @Max(100) int pageSize) {
            return Map.of("page_size", pageSize);
        }

        /** Quotes its input in the refusal, as a careless message would. */
        @PostMapping("/test/quoting")
        Map<String, String> quote(@RequestBody Map<String, String> body) {
            throw ProblemException.invalid("value", "unknown value '" + body.get("value") + "'");
        }
    }

    @LocalServerPort
    int port;

    private static JsonNode problem(ApiClient.Response response, int status, String type) {
        response.expectStatus(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asString()).isEqualTo("https://dukkan.app/problems/" + type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
        return problem;
    }

    @Test
    void aMessageThatQuotesTheInputStaysShort() {
        var response = new ApiClient(port).post("/test/quoting", Map.of("value", "x".repeat(500_000)));
        JsonNode problem = problem(response, 400, "validation");
        assertThat(response.body().length()).isLessThan(2_000);
        assertThat(problem.get("detail").asString())
                .startsWith("value: unknown value 'xxx")
                .endsWith("…");
        assertThat(problem.at("/errors/0/message").asString()).endsWith("…");
    }

    @Test
    void malformedJsonIsAMalformedBody() {
        var response = new ApiClient(port)
                .sendRaw("POST", "/api/v1/auth/register", "{\"email\": \"a@example.com\",", "application/json");
        problem(response, 400, "malformed-body");
    }

    @Test
    void plainTextToAJsonEndpointIsAnUnsupportedMediaType() {
        var response = new ApiClient(port).sendRaw("POST", "/api/v1/auth/register", "a@example.com", "text/plain");
        JsonNode problem = problem(response, 415, "unsupported-media-type");
        assertThat(problem.get("detail").asString()).contains("text/plain", "application/json");
    }

    @Test
    void unknownRouteIsNotFound() {
        var response = new ApiClient(port).get("/api/v1/no-such-resource");
        JsonNode problem = problem(response, 404, "not-found");
        assertThat(problem.get("detail").asString()).contains("api/v1/no-such-resource");
    }

    @Test
    void signedOutUserIsUnauthenticated() {
        problem(new ApiClient(port).get("/api/v1/me"), 401, "unauthenticated");
    }

    @Test
    void queryParameterOfTheWrongTypeIsNamed() {
        JsonNode problem = problem(new ApiClient(port).get("/test/paging?page_size=ten"), 400, "validation");
        assertThat(problem.at("/errors/0/field").asString()).isEqualTo("page_size");
        assertThat(problem.at("/errors/0/message").asString()).isEqualTo("must be a valid integer, got 'ten'");
    }

    @Test
    void queryParameterOutOfRangeIsNamed() {
        JsonNode problem = problem(new ApiClient(port).get("/test/paging?page_size=1000"), 400, "validation");
        assertThat(problem.at("/errors/0/field").asString()).isEqualTo("page_size");
        assertThat(problem.get("detail").asString()).startsWith("page_size: ");
    }

    @Test
    void missingQueryParameterIsNamed() {
        JsonNode problem = problem(new ApiClient(port).get("/test/paging"), 400, "validation");
        assertThat(problem.at("/errors/0/field").asString()).isEqualTo("page_size");
        assertThat(problem.at("/errors/0/message").asString()).isEqualTo("is required");
    }
}
