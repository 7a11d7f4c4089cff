package app.dukkan.testing;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON client over real HTTP with its own cookie jar, like one browser: it keeps the session
 * cookie and echoes the CSRF cookie in the X-XSRF-TOKEN header as a JavaScript client would.
 */
public final class ApiClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final HttpClient http;
    private boolean sendCsrf = true;
    private final Map<String, String> extraHeaders = new java.util.LinkedHashMap<>();

    private final CookieManager cookies;

    public ApiClient(int port) {
        this(port, new CookieManager());
    }

    private ApiClient(int port, CookieManager cookies) {
        this.baseUrl = "http://localhost:" + port;
        this.cookies = cookies;
        this.http = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** The same browser (its cookies) talking to another instance of the shop, as behind a load balancer. */
    public ApiClient on(int port) {
        return new ApiClient(port, cookies);
    }

    /** Stops echoing the CSRF token, to show that writes without it are refused. */
    public ApiClient withoutCsrf() {
        sendCsrf = false;
        return this;
    }

    /** Sends this header on every following request, in place of any default value. */
    public ApiClient header(String name, String value) {
        extraHeaders.put(name, value);
        return this;
    }

    public Response get(String path) {
        return send("GET", path, null, null);
    }

    public Response post(String path, @Nullable Object body) {
        return send("POST", path, body, "application/json");
    }

    public Response put(String path, @Nullable Object body) {
        return send("PUT", path, body, "application/json");
    }

    public Response patch(String path, @Nullable Object body) {
        return send("PATCH", path, body, "application/json");
    }

    public Response delete(String path) {
        return send("DELETE", path, null, null);
    }

    /** Sends a raw body with any content type, for malformed-input tests. */
    public Response sendRaw(String method, String path, String body, String contentType) {
        return send(method, path, body, contentType);
    }

    /**
     * A multipart form POST: the fields, then a file part named {@code file} with the given name,
     * content type and bytes.
     */
    public Response postFile(
            String path, Map<String, String> fields, String fileName, String contentType, byte[] content) {
        if (sendCsrf && cookie("XSRF-TOKEN") == null) {
            get("/api/v1/auth/csrf").expectStatus(200);
        }
        String boundary = "----dukkan-" + java.util.UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        fields.forEach((name, value) -> body.writeBytes(
                ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                        + "\"\r\nContent-Type: " + contentType + "\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        extraHeaders.forEach(request::setHeader);
        String csrf = cookie("XSRF-TOKEN");
        if (sendCsrf && csrf != null) {
            request.header("X-XSRF-TOKEN", csrf);
        }
        try {
            return new Response(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new IllegalStateException("POST " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public ApiClient register(String email, String password) {
        post("/api/v1/auth/register", Map.of("email", email, "password", password, "accept_privacy_notice", true))
                .expectStatus(201);
        return this;
    }

    public ApiClient login(String email, String password) {
        post("/api/v1/auth/login", Map.of("email", email, "password", password)).expectStatus(200);
        return this;
    }

    public @Nullable String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElse(null);
    }

    private Response send(String method, String path, @Nullable Object body, @Nullable String contentType) {
        boolean write = !method.equals("GET");
        if (write && sendCsrf && cookie("XSRF-TOKEN") == null) {
            get("/api/v1/auth/csrf").expectStatus(200);
        }
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .method(method, publisher);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        extraHeaders.forEach(request::setHeader);
        String csrf = cookie("XSRF-TOKEN");
        if (write && sendCsrf && csrf != null) {
            request.header("X-XSRF-TOKEN", csrf);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A received response with its JSON body parsed on demand. */
    public static final class Response {
        private final HttpResponse<String> response;
        private @Nullable JsonNode json;

        Response(HttpResponse<String> response) {
            this.response = response;
        }

        public int status() {
            return response.statusCode();
        }

        public String body() {
            return response.body();
        }

        public @Nullable String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        public java.util.List<String> headers(String name) {
            return response.headers().allValues(name);
        }

        public JsonNode json() {
            if (json == null) {
                json = JSON.readTree(response.body());
            }
            return json;
        }

        public Response expectStatus(int expected) {
            if (response.statusCode() != expected) {
                throw new AssertionError(
                        "Expected " + expected + " from " + response.request().method() + " " + response.uri()
                                + " but got " + response.statusCode() + ": " + response.body());
            }
            return this;
        }
    }
}
