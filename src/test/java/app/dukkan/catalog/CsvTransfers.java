package app.dukkan.catalog;

import static org.awaitility.Awaitility.await;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.Filler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Uploads CSV files to the product import and downloads exports, as a signed-in client. */
final class CsvTransfers {

    static final String HEADER =
            "slug,name,description,category,status,attributes,sku,variant_name,variant_attributes,price,stock,images";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** An answer: status, body and, for JSON, the parsed body. */
    record Answer(int status, String body, @Nullable String location) {

        JsonNode json() {
            return JSON.readTree(body);
        }

        Answer expect(int expected) {
            if (status != expected) {
                throw new AssertionError("Expected " + expected + " but got " + status + ": " + body);
            }
            return this;
        }
    }

    private final int port;

    CsvTransfers(int port) {
        this.port = port;
    }

    /** Imports the CSV text (UTF-8) with the given form fields (mode, dry_run). */
    Answer upload(ApiClient as, String csv, String... fields) {
        return upload(as, csv.getBytes(StandardCharsets.UTF_8), fields);
    }

    Answer upload(ApiClient as, byte[] csv, String... fields) {
        String boundary = "----dukkan-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i + 1 < fields.length; i += 2) {
            form.put(fields[i], fields[i + 1]);
        }
        form.forEach((name, value) -> write(
                body,
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
                        + "\r\n"));
        write(
                body,
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"products.csv\"\r\n"
                        + "Content-Type: text/csv\r\n\r\n");
        body.writeBytes(csv);
        write(body, "\r\n--" + boundary + "--\r\n");
        return send(
                as,
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/admin/products/import"))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())),
                true);
    }

    /** Imports a file of {@code size} filler bytes, streamed without a length (chunked). */
    Answer uploadStreamed(ApiClient as, long size) {
        String boundary = "----dukkan-" + UUID.randomUUID();
        byte[] head = ("--" + boundary
                        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"products.csv\"\r\n"
                        + "Content-Type: text/csv\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        return send(
                as,
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/admin/products/import"))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(
                                new ByteArrayInputStream(head),
                                new SequenceInputStream(new Filler(size), new ByteArrayInputStream(tail))))),
                true);
    }

    /** Downloads the export; {@code query} without the question mark, may be empty. */
    Answer export(ApiClient as, String query) {
        return send(
                as,
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/admin/products/export.csv"
                                + (query.isEmpty() ? "" : "?" + query)))
                        .header("Accept", "text/csv")
                        .GET(),
                false);
    }

    /** Waits until the import has ended and answers it. */
    JsonNode awaitFinished(ApiClient as, String id) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    last[0] = as.get("/api/v1/admin/imports/" + id)
                            .expectStatus(200)
                            .json();
                    return last[0].has("finished_at");
                });
        return last[0];
    }

    /** The CSV's rows as the export wrote them: header first, split at CRLF outside quotes. */
    static List<String> records(String csv) {
        List<String> records = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (!quoted && c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                records.add(current.toString());
                current.setLength(0);
                i++;
            } else {
                current.append(c);
            }
        }
        if (current.length() > 0) {
            records.add(current.toString());
        }
        return records;
    }

    /** A CSV line of the cells, quoted where needed. */
    static String line(String... cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            String cell = cells[i];
            if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
                line.append('"').append(cell.replace("\"", "\"\"")).append('"');
            } else {
                line.append(cell);
            }
        }
        return line.append("\r\n").toString();
    }

    private Answer send(ApiClient as, HttpRequest.Builder request, boolean write) {
        if (write && as.cookie("XSRF-TOKEN") == null) {
            as.get("/api/v1/auth/csrf").expectStatus(200);
        }
        StringBuilder cookies = new StringBuilder();
        for (String name : List.of("DUKKAN_SESSION", "XSRF-TOKEN")) {
            String value = as.cookie(name);
            if (value != null) {
                cookies.append(cookies.isEmpty() ? "" : "; ")
                        .append(name)
                        .append('=')
                        .append(value);
            }
        }
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.toString());
        }
        if (write) {
            request.header("X-XSRF-TOKEN", as.cookie("XSRF-TOKEN"));
        }
        try {
            HttpResponse<String> response = HTTP.send(
                    request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(
                    response.statusCode(),
                    response.body(),
                    response.headers().firstValue("Location").orElse(null));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
