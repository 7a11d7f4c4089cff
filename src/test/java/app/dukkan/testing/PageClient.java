package app.dukkan.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;

/**
 * A browser without JavaScript, for page tests over HTTP: keeps cookies, reads pages as HTML
 * (jsoup), sends forms as a browser would (their hidden fields, CSRF token included, plus the
 * fields a test fills in), and does not follow redirects by itself.
 */
public final class PageClient {

    private final String baseUrl;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;

    public PageClient(int port) {
        this.baseUrl = "http://localhost:" + port;
        this.http = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** A page as received. */
    public record Page(int status, HttpResponse<String> response, Document html) {

        public @Nullable String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        public String body() {
            return response.body();
        }

        /** The one element the CSS selector finds. */
        public Element one(String selector) {
            List<Element> found = html.select(selector);
            assertThat(found)
                    .as("elements matching %s on %s", selector, response.uri())
                    .hasSize(1);
            return found.get(0);
        }

        public Page expectStatus(int expected) {
            assertThat(status)
                    .as("status of %s %s: %s", response.request().method(), response.uri(), body())
                    .isEqualTo(expected);
            return this;
        }

        /** Where a redirect leads (a path, as the shop answers relative redirects). */
        public String location() {
            assertThat(status)
                    .as("a redirect from %s, not: %s", response.uri(), body())
                    .isBetween(300, 399);
            return header("Location");
        }
    }

    /** A client signed in through the login form. */
    public static PageClient signedIn(int port, String email, String password) {
        PageClient pages = new PageClient(port);
        Page login = pages.get("/login").expectStatus(200);
        pages.submit(login, "form[action$=/login]", Map.of("email", email, "password", password));
        return pages;
    }

    /** A client with the fixtures' admin signed in. */
    public static PageClient admin(int port) {
        return signedIn(port, CatalogFixtures.ADMIN_EMAIL, CatalogFixtures.ADMIN_PASSWORD);
    }

    public Page get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), Map.of());
    }

    /** A GET with extra headers, e.g. {@code HX-Request: true} for an htmx request. */
    public Page get(String path, Map<String, String> headers) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), headers);
    }

    /** Follows a redirect answer with a GET, as a browser does. */
    public Page follow(Page redirect) {
        return get(redirect.location());
    }

    /**
     * Sends the form the selector finds on the page: its fields as they are (hidden ones included),
     * with {@code fields} filled in or overridden, to its action with its method.
     */
    public Page submit(Page page, String formSelector, Map<String, String> fields) {
        return submit(page, formSelector, fields, Map.of());
    }

    /** {@link #submit(Page, String, Map)} with extra headers, e.g. {@code HX-Request: true} as htmx sends it. */
    public Page submit(Page page, String formSelector, Map<String, String> fields, Map<String, String> headers) {
        Element form = page.one(formSelector);
        Map<String, String> values = new LinkedHashMap<>();
        for (Element input : form.select("input[name], select[name], textarea[name]")) {
            String type = input.attr("type");
            if (type.equals("submit") || type.equals("button") || input.hasAttr("disabled")) {
                continue;
            }
            if ((type.equals("checkbox") || type.equals("radio")) && !input.hasAttr("checked")) {
                continue;
            }
            String value = input.is("select")
                    ? input.select("option[selected]").stream()
                            .findFirst()
                            .map(o -> o.attr("value"))
                            .orElse("")
                    : input.is("textarea") ? input.text() : input.attr("value");
            values.put(input.attr("name"), value);
        }
        values.putAll(fields);
        String action = form.attr("action").isEmpty() ? page.response().uri().getPath() : form.attr("action");
        if (form.attr("method").equalsIgnoreCase("post")) {
            return post(action, values, headers);
        }
        return get(action + "?" + encode(values), headers);
    }

    /** A form POST with exactly these fields (a test that forges or replays a form). */
    public Page post(String path, Map<String, String> fields) {
        return post(path, fields, Map.of());
    }

    /** Sets a cookie for the whole site, as if the shop had set it (a session made through the API, say). */
    public PageClient cookie(String name, String value) {
        HttpCookie cookie = new HttpCookie(name, value);
        cookie.setPath("/");
        cookie.setVersion(0);
        cookies.getCookieStore().add(URI.create(baseUrl), cookie);
        return this;
    }

    /** A form POST with these fields and extra headers, e.g. {@code HX-Request: true} for htmx. */
    public Page post(String path, Map<String, String> fields, Map<String, String> headers) {
        return send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(encode(fields))),
                headers);
    }

    /** A form POST of a body encoded already, e.g. with a field repeated as a browser sends a table's rows. */
    public Page postEncoded(String path, String body) {
        return send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)),
                Map.of());
    }

    /**
     * A multipart form POST as a browser sends a file upload: the fields, then the file as the part
     * {@code file} (none when {@code content} is null).
     */
    public Page postFile(
            String path, Map<String, String> fields, String fileName, String contentType, byte @Nullable [] content) {
        return postFile(path, fields, "file", fileName, contentType, content);
    }

    /** The same with the file in the form field named so. */
    public Page postFile(
            String path,
            Map<String, String> fields,
            String fileField,
            String fileName,
            String contentType,
            byte @Nullable [] content) {
        String boundary = "----dukkan-" + java.util.UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        fields.forEach((name, value) -> body.writeBytes(
                ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                        .getBytes(StandardCharsets.UTF_8)));
        if (content != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField
                            + "\"; filename=\"" + fileName + "\"\r\nContent-Type: " + contentType + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(content);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())),
                Map.of());
    }

    /** A multipart form POST of a body made already, e.g. one cut off or streamed without a length. */
    public Page postMultipart(String path, String boundary, HttpRequest.BodyPublisher body) {
        return send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(body),
                Map.of());
    }

    /** What a link leads to, as bytes (a PDF, a picture), with this client's cookies. */
    public HttpResponse<byte[]> download(String path) {
        try {
            return http.send(
                    HttpRequest.newBuilder(uri(path))
                            .timeout(Duration.ofSeconds(30))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public @Nullable String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElse(null);
    }

    private URI uri(String path) {
        return URI.create(path.startsWith("http") ? path : baseUrl + path);
    }

    private Page send(HttpRequest.Builder request, Map<String, String> headers) {
        request.timeout(Duration.ofSeconds(30)).header("Accept", "text/html,application/xhtml+xml");
        headers.forEach(request::setHeader);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Page(
                    response.statusCode(),
                    response,
                    Jsoup.parse(response.body(), response.uri().toString()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
