package app.dukkan.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, for requests that {@code java.net.http} refuses or normalizes: a
 * hostile {@code Host} header, {@code ..} or {@code //} in the path, a length with no body.
 */
public final class RawHttp {

    /** A response as it came over the wire. */
    public record Response(int status, List<String> headerLines, String body) {

        public List<String> headers(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return headerLines.stream()
                    .filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(line -> line.substring(prefix.length()).trim())
                    .toList();
        }

        public String header(String name) {
            List<String> values = headers(name);
            return values.isEmpty() ? null : values.get(0);
        }
    }

    private RawHttp() {}

    /**
     * Sends the request head (lines without their CRLF; {@code Connection: close} is added) and the
     * body, and reads the answer.
     */
    public static Response send(int port, List<String> head, String body) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder request = new StringBuilder();
            head.forEach(line -> request.append(line).append("\r\n"));
            request.append("Connection: close\r\n\r\n").append(body);
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return parse(socket.getInputStream());
        } catch (IOException e) {
            throw new IllegalStateException("raw request " + head.get(0) + " failed", e);
        }
    }

    public static Response get(int port, String path) {
        return send(port, List.of("GET " + path + " HTTP/1.1", "Host: localhost:" + port), "");
    }

    /** Reads one response, framed by its Content-Length or chunks, so a server that keeps the connection open is fine. */
    private static Response parse(InputStream raw) throws IOException {
        InputStream in = new BufferedInputStream(raw);
        String[] lines = head(in).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        List<String> headers = new ArrayList<>(List.of(lines).subList(1, lines.length));
        Response response = new Response(status, headers, "");
        byte[] body;
        if ("chunked".equalsIgnoreCase(response.header("Transfer-Encoding"))) {
            body = dechunk(in);
        } else if (response.header("Content-Length") != null) {
            body = in.readNBytes(Integer.parseInt(response.header("Content-Length")));
        } else {
            body = in.readAllBytes();
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before the end of the response head");
            }
            head.write(b);
            String text = head.toString(StandardCharsets.ISO_8859_1);
            if (text.endsWith("\r\n\r\n")) {
                return text.substring(0, text.length() - 4);
            }
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    private static byte[] dechunk(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            int size = Integer.parseInt(line(in).split(";")[0].trim(), 16);
            if (size == 0) {
                return out.toByteArray();
            }
            out.write(in.readNBytes(size));
            line(in);
        }
    }
}
