package app.dukkan.storefront.catalog;

import tools.jackson.databind.json.JsonMapper;

/**
 * Structured data for {@code <script type="application/ld+json">}: JSON from Jackson, with {@code
 * <}, {@code >} and {@code &} written as Unicode escapes, so that no product text can close the
 * element or open a comment, whatever it holds. JSON parsers read the escapes back as the
 * characters.
 */
final class JsonLd {

    private JsonLd() {}

    static String of(JsonMapper json, Object data) {
        String text = json.writeValueAsString(data);
        StringBuilder safe = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> safe.append("\\u003c");
                case '>' -> safe.append("\\u003e");
                case '&' -> safe.append("\\u0026");
                case '\u2028' -> safe.append("\\u2028");
                case '\u2029' -> safe.append("\\u2029");
                default -> safe.append(c);
            }
        }
        return safe.toString();
    }
}
