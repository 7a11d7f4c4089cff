package app.dukkan.catalog.seed;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Small SVG product pictures: a gradient with the product's initials. */
final class PlaceholderImages {

    /** Width and height of every picture, in pixels. */
    static final int SIZE = 600;

    private PlaceholderImages() {}

    static byte[] svg(String name, Random random) {
        int hue = random.nextInt(360);
        String initials = initials(name);
        String svg = """
                <svg xmlns="http://www.w3.org/2000/svg" width="600" height="600" viewBox="0 0 600 600">
                <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
                <stop offset="0" stop-color="hsl(%d,70%%,62%%)"/><stop offset="1" stop-color="hsl(%d,65%%,38%%)"/>
                </linearGradient></defs>
                <rect width="600" height="600" fill="url(#g)"/>
                <text x="300" y="340" font-family="sans-serif" font-size="160" font-weight="700" fill="#fff"
                 fill-opacity=".9" text-anchor="middle">%s</text>
                </svg>
                """.formatted(hue, (hue + 40) % 360, initials);
        return svg.getBytes(StandardCharsets.UTF_8);
    }

    private static String initials(String name) {
        StringBuilder initials = new StringBuilder();
        for (String word : name.split("\\s+")) {
            if (!word.isEmpty() && Character.isLetter(word.charAt(0)) && initials.length() < 2) {
                initials.append(Character.toUpperCase(word.charAt(0)));
            }
        }
        return initials.toString();
    }
}
