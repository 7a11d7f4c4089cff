package app.dukkan.storefront.web;

import org.jspecify.annotations.Nullable;

/**
 * Where a page may send the shopper back to ({@code next=}): only a path of this shop, within the
 * current language. Anything that a browser could read as another site ({@code //host},
 * {@code /\host}, a scheme, control characters it would strip) is refused.
 */
public final class SafeNext {

    private static final int MAX_LENGTH = 2000;

    private SafeNext() {}

    public static boolean isSafe(@Nullable String next) {
        if (next == null || next.isEmpty() || next.length() > MAX_LENGTH || next.charAt(0) != '/') {
            return false;
        }
        if (next.length() > 1 && (next.charAt(1) == '/' || next.charAt(1) == '\\')) {
            return false;
        }
        for (int i = 0; i < next.length(); i++) {
            char c = next.charAt(i);
            // braces: a redirect would read them as template variables and fail; no shop path has them
            if (c < 0x20 || c == 0x7f || c == '\\' || c == '{' || c == '}') {
                return false;
            }
        }
        return true;
    }

    /** The path to go to: {@code next} when it is safe, else the home page. */
    public static String orHome(@Nullable String next) {
        return isSafe(next) ? next : "/";
    }
}
