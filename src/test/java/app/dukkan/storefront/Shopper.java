package app.dukkan.storefront;

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
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A shopper's browser with JavaScript switched off, over real HTTP: its own cookies, forms sent
 * with the CSRF field of the last page it read, redirects not followed unless asked. {@link #htmx}
 * makes the following requests as htmx does (header {@code HX-Request}).
 */
public final class Shopper {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String baseUrl;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private @Nullable String csrf;
    private boolean htmx;

    public Shopper(int port) {
        this.baseUrl = "http://localhost:" + port;
        this.http = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** Sends the following requests as htmx does, or as a plain browser again. */
    public Shopper htmx(boolean on) {
        htmx = on;
        return this;
    }

    public Page get(String path) {
        return send("GET", path, null);
    }

    /**
     * Sends a form as the browser would, with the CSRF field of the last page read. Before any page
     * with a form (a product page's would be the first), the CSRF cookie's value goes in the header
     * instead, as the API's clients send it.
     */
    public Page post(String path, Map<String, String> fields) {
        Map<String, String> body = new LinkedHashMap<>(fields);
        if (csrf != null) {
            body.putIfAbsent("_csrf", csrf);
            return send("POST", path, body);
        }
        if (cookie("XSRF-TOKEN") == null) {
            send("GET", "/api/v1/auth/csrf", null);
        }
        return send("POST", path, body, cookie("XSRF-TOKEN"));
    }

    /** A form sent without its CSRF field, as another site would send it. */
    public Page postWithoutCsrf(String path, Map<String, String> fields) {
        return send("POST", path, new LinkedHashMap<>(fields));
    }

    /** Follows a redirect answer, as a browser would. */
    public Page follow(Page redirect) {
        String location = redirect.location();
        if (location == null) {
            throw new AssertionError("not a redirect: " + redirect.status() + " " + redirect.body());
        }
        return get(location);
    }

    /** Signs in through the API with the same cookie jar, so pages see the session. */
    public Shopper signIn(String email, String password) {
        send("GET", "/api/v1/auth/csrf", null);
        String token = cookie("XSRF-TOKEN");
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("X-XSRF-TOKEN", token == null ? "" : token)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"))
                .build();
        int status = exchange(request).statusCode();
        if (status != 200) {
            throw new AssertionError("sign-in failed: " + status);
        }
        csrf = null;
        return this;
    }

    public @Nullable String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElse(null);
    }

    /** Takes another shopper's cart cookie: the same anonymous cart in a second browser. */
    public void copyCookie(Shopper from, String name) {
        from.cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(name))
                .forEach(c -> cookies.getCookieStore().add(URI.create(baseUrl), c));
    }

    private Page send(String method, String path, @Nullable Map<String, String> form) {
        return send(method, path, form, null);
    }

    private Page send(String method, String path, @Nullable Map<String, String> form, @Nullable String csrfHeader) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "text/html,application/xhtml+xml");
        if (htmx) {
            request.header("HX-Request", "true");
        }
        if (csrfHeader != null) {
            request.header("X-XSRF-TOKEN", csrfHeader);
        }
        if (form == null) {
            request.GET();
        } else {
            String body = form.entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response = exchange(request.build());
        Page page = new Page(response);
        Matcher token = CSRF.matcher(page.body());
        if (token.find()) {
            csrf = token.group(1);
        }
        return page;
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An answer as the browser got it. */
    public static final class Page {
        private final HttpResponse<String> response;

        Page(HttpResponse<String> response) {
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

        /** Where a redirect goes, as a path of this shop. */
        public @Nullable String location() {
            String location = header("Location");
            if (location == null) {
                return null;
            }
            return location.startsWith("http") ? URI.create(location).getRawPath() : location;
        }

        /** The value of the first input of that name, as the page fills it in. */
        public @Nullable String field(String name) {
            Matcher input = Pattern.compile("<input[^>]*name=\"" + Pattern.quote(name) + "\"[^>]*>")
                    .matcher(body());
            if (!input.find()) {
                return null;
            }
            Matcher value = Pattern.compile("value=\"([^\"]*)\"").matcher(input.group());
            return value.find() ? value.group(1) : "";
        }

        @Override
        public String toString() {
            return status() + " " + response.uri() + "\n" + body();
        }
    }
}
