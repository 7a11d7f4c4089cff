package app.dukkan.identity.account;

import app.dukkan.platform.ProblemException;
import java.util.Locale;
import java.util.Set;

/**
 * Length over composition (NIST SP 800-63B): 10 to 128 characters, not a well-known password and
 * not the email address itself.
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 10;
    static final int MAX_LENGTH = 128;

    private static final Set<String> COMMON = Set.of(
            "password123",
            "1234567890",
            "qwertyuiop",
            "password1234",
            "iloveyou123",
            "123456789a",
            "qwerty12345",
            "letmein1234",
            "welcome1234",
            "administrator",
            "passw0rd123",
            "1q2w3e4r5t");

    private PasswordPolicy() {}

    static void check(String password, String email) {
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            throw ProblemException.invalid("password", "must be at least " + MIN_LENGTH + " characters");
        }
        if (length > MAX_LENGTH) {
            throw ProblemException.invalid("password", "must be at most " + MAX_LENGTH + " characters");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower) || password.chars().distinct().count() < 4) {
            throw ProblemException.invalid("password", "is too easy to guess");
        }
        String localPart = email.substring(0, Math.max(email.indexOf('@'), 0));
        if (lower.equals(email) || (localPart.length() >= 4 && lower.contains(localPart))) {
            throw ProblemException.invalid("password", "must not contain your email address");
        }
    }
}
