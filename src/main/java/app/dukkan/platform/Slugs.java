package app.dukkan.platform;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** URL slugs: lower-case ASCII words joined by hyphens. */
public final class Slugs {

    public static final Pattern VALID = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");
    public static final int MAX_LENGTH = 120;
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");

    private Slugs() {}

    /** A slug for the text; "item" when nothing of it survives (e.g. only non-Latin letters). */
    public static String slugify(String text, int maxLength) {
        String ascii =
                MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("");
        String slug = NON_ALNUM.matcher(ascii.toLowerCase(Locale.ROOT)).replaceAll("-");
        slug = trimHyphens(slug);
        if (slug.length() > maxLength) {
            slug = trimHyphens(slug.substring(0, maxLength));
        }
        return slug.isEmpty() ? "item" : slug;
    }

    /**
     * Slugs to try in turn for a new item named so, when the first is taken: the slug, then with
     * {@code -2} to {@code -5}, then with five random suffixes (names without Latin letters all start
     * as "item").
     */
    public static List<String> candidates(String name, int maxLength) {
        String base = slugify(name, maxLength - 7);
        List<String> candidates = new ArrayList<>(List.of(base));
        for (int n = 2; n <= 5; n++) {
            candidates.add(base + "-" + n);
        }
        for (int n = 0; n < 5; n++) {
            candidates.add(
                    base + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF)));
        }
        return candidates;
    }

    public static boolean isValid(String slug) {
        return slug.length() <= MAX_LENGTH && VALID.matcher(slug).matches();
    }

    private static String trimHyphens(String slug) {
        int start = 0;
        int end = slug.length();
        while (start < end && slug.charAt(start) == '-') {
            start++;
        }
        while (end > start && slug.charAt(end - 1) == '-') {
            end--;
        }
        return slug.substring(start, end);
    }
}
