package app.dukkan.identity.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The format of keys: {@code dk_}, a public id of 12 base62 characters (how a key is found and named
 * in lists), {@code _}, and a secret of 43 base62 characters (256 random bits). The fixed prefix
 * lets secret scanners recognise a leaked key; base62 keeps it one word to select. Only the SHA-256
 * of the whole key is stored: the secret is random and long, so nobody can guess it, and a fast
 * hash costs a request nothing (ADR 0032).
 */
final class ApiKeySecrets {

    static final String PREFIX = "dk_";
    static final int PUBLIC_ID_LENGTH = 12;
    static final int SECRET_LENGTH = 43;

    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final Pattern FORMAT =
            Pattern.compile("dk_([0-9A-Za-z]{" + PUBLIC_ID_LENGTH + "})_[0-9A-Za-z]{" + SECRET_LENGTH + "}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeySecrets() {}

    /** A presented key split into what finds it and what proves it. */
    record Parsed(String publicId, byte[] hash) {}

    static String newPublicId() {
        return random(PUBLIC_ID_LENGTH);
    }

    static String key(String publicId) {
        return PREFIX + publicId + "_" + random(SECRET_LENGTH);
    }

    /** The name of a key in lists: {@code dk_} and its public id. */
    static String prefix(String publicId) {
        return PREFIX + publicId;
    }

    /** The public id and hash of a well-formed key; null for anything else. */
    static @Nullable Parsed parse(String presented) {
        Matcher matcher = FORMAT.matcher(presented);
        if (!matcher.matches()) {
            return null;
        }
        return new Parsed(matcher.group(1), hash(presented));
    }

    static byte[] hash(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Compares two hashes in time that does not depend on where they differ. */
    static boolean matches(byte[] stored, byte[] presented) {
        return MessageDigest.isEqual(stored, presented);
    }

    private static String random(int length) {
        char[] text = new char[length];
        for (int i = 0; i < length; i++) {
            text[i] = BASE62[RANDOM.nextInt(BASE62.length)];
        }
        return new String(text);
    }
}
