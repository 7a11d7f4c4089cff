package app.dukkan.platform.storage;

import java.util.regex.Pattern;

/** What a file key may look like: relative paths of lower-case safe segments. */
final class FileKeys {

    private static final Pattern SAFE_KEY = Pattern.compile("^[a-z0-9][a-z0-9._-]*(/[a-z0-9][a-z0-9._-]*)*$");

    private FileKeys() {}

    static boolean isSafe(String key) {
        return key.length() <= 300 && SAFE_KEY.matcher(key).matches() && !key.contains("..");
    }

    static String requireSafe(String key) {
        if (!isSafe(key)) {
            throw new IllegalArgumentException("Unsafe file key: " + key);
        }
        return key;
    }
}
