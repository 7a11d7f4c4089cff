package app.dukkan.identity;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON requests from a chosen loopback address (any of 127.0.0.0/8 on Linux), so that per-address
 * limits can be tested without using up the budget of 127.0.0.1, which all other tests share. Speaks
 * HTTP/1.0, so the answer ends with the connection.
 */
final class FromAddress {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Response(int status, Map<String, String> headers, String body) {

        @Nullable
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    private final int port;
    private final String address;

    FromAddress(int port, String address) {
        this.port = port;
        this.address = address;
    }

    /** A client at an address of its own, unlikely to be used by any other test. */
    static FromAddress random(int port) {
        var random = ThreadLocalRandom.current();
        return new FromAddress(
                port, "127." + random.nextInt(1, 255) + "." + random.nextInt(1, 255) + "." + random.nextInt(2, 255));
    }

    Response post(String path, Object body) {
        return send(path, JSON.writeValueAsBytes(body), "application/json", "application/json");
    }

    /** A page's form, sent as a browser without JavaScript sends it (the CSRF token in the header here). */
    Response postForm(String path, Map<String, String> fields) {
        String form = fields.entrySet().stream()
                .map(e -> java.net.URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(java.util.stream.Collectors.joining("&"));
        return send(path, form.getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded", "text/html");
    }

    private Response send(String path, byte[] json, String contentType, String accept) {
        // the double-submit CSRF check wants the same value in the cookie and the header
        String csrf = "csrf-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        String head = "POST " + path + " HTTP/1.0\r\n"
                + "Host: localhost:" + port + "\r\n"
                + "Accept: " + accept + "\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + "Content-Length: " + json.length + "\r\n"
                + "Cookie: XSRF-TOKEN=" + csrf + "\r\n"
                + "X-XSRF-TOKEN: " + csrf + "\r\n"
                + "Connection: close\r\n\r\n";
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(address, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(json);
            out.flush();
            return parse(socket.getInputStream());
        } catch (IOException e) {
            throw new IllegalStateException("POST " + path + " from " + address + " failed", e);
        }
    }

    private static Response parse(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String text = all.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(
                    lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).strip());
        }
        return new Response(status, headers, text.substring(end + 4));
    }
}
