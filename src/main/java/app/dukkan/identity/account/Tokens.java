package app.dukkan.identity.account;

import app.dukkan.identity.AccountProblem;
import app.dukkan.identity.AccountProblem.Reason;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/**
 * Mailed secrets: 256 random bits, base64url without padding (43 characters). Only their SHA-256 is
 * stored; a random secret of this size needs no slow hash, as nobody can guess it.
 */
final class Tokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{43}");

    private Tokens() {}

    static String generate() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    static boolean wellFormed(String token) {
        return FORMAT.matcher(token).matches();
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    static AccountProblem invalid() {
        return new AccountProblem(
                Reason.TOKEN_INVALID,
                HttpStatus.BAD_REQUEST,
                "invalid-token",
                "Invalid token",
                "The link is not valid. Copy it completely from the mail, or ask for a new one.",
                "token",
                "is not valid",
                null);
    }

    static AccountProblem expired() {
        return new AccountProblem(
                Reason.TOKEN_EXPIRED,
                HttpStatus.GONE,
                "token-expired",
                "Token expired",
                "The link has expired. Ask for a new one.",
                "token",
                "has expired",
                null);
    }

    static AccountProblem used() {
        return new AccountProblem(
                Reason.TOKEN_USED,
                HttpStatus.GONE,
                "token-used",
                "Token already used",
                "The link was already used, or a newer one replaced it. Ask for a new one if needed.",
                "token",
                "was already used",
                null);
    }
}
