package app.dukkan.platform.observability;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads the spans of OTLP/HTTP protobuf export requests ({@code ExportTraceServiceRequest}), with
 * just enough of the protobuf wire format for the fields the tests look at. Written from the OTLP
 * proto definitions, independently of the exporter.
 */
final class OtlpSpans {

    record Link(String traceId, String spanId) {}

    record Span(String traceId, String spanId, String parentSpanId, String name, List<Link> links) {}

    private OtlpSpans() {}

    /** ExportTraceServiceRequest: resource_spans = 1 → scope_spans = 2 → spans = 2. */
    static List<Span> read(byte[] request) {
        List<Span> spans = new ArrayList<>();
        for (byte[] resourceSpans : fields(request, 1)) {
            for (byte[] scopeSpans : fields(resourceSpans, 2)) {
                for (byte[] span : fields(scopeSpans, 2)) {
                    spans.add(span(span));
                }
            }
        }
        return spans;
    }

    /** Span: trace_id = 1, span_id = 2, parent_span_id = 4, name = 5, links = 13 (trace_id 1, span_id 2). */
    private static Span span(byte[] span) {
        List<Link> links = new ArrayList<>();
        for (byte[] link : fields(span, 13)) {
            links.add(new Link(hex(first(link, 1)), hex(first(link, 2))));
        }
        return new Span(
                hex(first(span, 1)),
                hex(first(span, 2)),
                hex(first(span, 4)),
                new String(first(span, 5), StandardCharsets.UTF_8),
                links);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static byte[] first(byte[] message, int field) {
        List<byte[]> found = fields(message, field);
        return found.isEmpty() ? new byte[0] : found.get(0);
    }

    /** The length-delimited values of {@code field} in {@code message}, skipping every other field. */
    private static List<byte[]> fields(byte[] message, int field) {
        List<byte[]> values = new ArrayList<>();
        int[] at = {0};
        while (at[0] < message.length) {
            long key = varint(message, at);
            int number = (int) (key >>> 3);
            int wireType = (int) (key & 7);
            switch (wireType) {
                case 0 -> varint(message, at);
                case 1 -> at[0] += 8;
                case 5 -> at[0] += 4;
                case 2 -> {
                    int length = (int) varint(message, at);
                    if (number == field) {
                        byte[] value = new byte[length];
                        System.arraycopy(message, at[0], value, 0, length);
                        values.add(value);
                    }
                    at[0] += length;
                }
                default -> throw new IllegalArgumentException("unexpected wire type " + wireType);
            }
        }
        return values;
    }

    private static long varint(byte[] message, int[] at) {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = message[at[0]++];
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
    }
}
