package app.dukkan.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.RawHttp;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The API reads and writes JSON only, and refuses bodies larger than their route allows. */
@DukkanTest
@Import(JsonOnlyTests.NotesController.class)
class JsonOnlyTests {

    /** Stands in for a route class with a smaller body limit (see application-test.yaml). */
    @RestController
    static class NotesController {
        record Note(String text) {}

        @PostMapping("/test/body-limit/notes")
        Note note(@RequestBody Note note) {
            return note;
        }
    }

    @LocalServerPort
    int port;

    @Test
    void yamlBodiesAreAnUnsupportedMediaType() {
        ApiClient client = new ApiClient(port);
        for (String type : List.of("application/yaml", "application/x-yaml", "application/xml", "application/cbor")) {
            ApiClient.Response response = client.sendRaw("POST", "/api/v1/cart", "variantId: x\nquantity: 1\n", type);
            assertThat(problem(response, 415, "unsupported-media-type")
                            .get("detail")
                            .asString())
                    .as(type)
                    .contains("application/json");
        }
    }

    @Test
    void multipartBodiesThatCannotBeReadAreMalformed() {
        ApiClient client = new ApiClient(port);
        for (String type : List.of("multipart/form-data", "multipart/form-data; boundary=x", "multipart/mixed")) {
            ApiClient.Response response = client.sendRaw("POST", "/api/v1/cart", "--x\r\nbroken", type);
            assertThat(response.status()).as(type).isIn(400, 415);
            assertThat(response.header("Content-Type")).as(type).startsWith("application/problem+json");
        }
    }

    @Test
    void answersOtherThanJsonAreNotAcceptable() {
        for (String path : List.of("/api/v1/cart", "/api/v1/products", "/api/v1/products/no-such-product")) {
            ApiClient client = new ApiClient(port).header("Accept", "application/yaml");
            ApiClient.Response response = client.get(path);
            assertThat(problem(response, 406, "not-acceptable").get("detail").asString())
                    .as(path)
                    .contains("application/json");
        }
        new ApiClient(port).header("Accept", "*/*").get("/api/v1/products").expectStatus(200);
    }

    @Test
    void bodyDeclaredTooLargeIsRefusedBeforeItIsSent() {
        RawHttp.Response response = RawHttp.send(
                port,
                List.of(
                        "POST /api/v1/payments/webhook HTTP/1.1",
                        "Host: localhost",
                        "Content-Type: application/json",
                        "Content-Length: 50000000"),
                "");

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.body()).contains("https://dukkan.app/problems/body-too-large", "1MB");
    }

    @Test
    void streamedBodyIsCutOffAtTheLimit() throws Exception {
        byte[] chunk = "[1,2,3,4,5,6,7,8,9,0],".repeat(1000).getBytes(StandardCharsets.US_ASCII);
        List<InputStream> parts = new ArrayList<>();
        parts.add(new ByteArrayInputStream("{\"data\":[".getBytes(StandardCharsets.US_ASCII)));
        for (int i = 0; i < 100; i++) {
            parts.add(new ByteArrayInputStream(chunk));
        }
        // a stream of unknown length goes out chunked, without Content-Length
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/payments/webhook"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new SequenceInputStream(Collections.enumeration(parts))))
                .build();

        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("the server should answer, not drop the connection", e);
        }

        assertThat(response.statusCode()).isEqualTo(413);
        JsonNode problem = JsonMapper.builder().build().readTree(response.body());
        assertThat(problem.get("type").asString()).isEqualTo("https://dukkan.app/problems/body-too-large");
    }

    @Test
    void routeClassesHaveTheirOwnLimits() {
        ApiClient client = new ApiClient(port);
        client.post("/test/body-limit/notes", Map.of("text", "short")).expectStatus(200);

        ApiClient.Response response = client.post("/test/body-limit/notes", Map.of("text", "x".repeat(2000)));
        assertThat(problem(response, 413, "body-too-large").get("detail").asString())
                .contains("1KB");
    }

    private static JsonNode problem(ApiClient.Response response, int status, String type) {
        response.expectStatus(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asString()).isEqualTo("https://dukkan.app/problems/" + type);
        return problem;
    }
}
