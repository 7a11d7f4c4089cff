package app.dukkan.identity.account;

import app.dukkan.identity.AccountProblem;
import app.dukkan.identity.AccountProblem.Reason;
import app.dukkan.identity.Accounts;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Length over composition (NIST SP 800-63B): at least 10 characters and at most 72 bytes in UTF-8,
 * not a well-known password and not the email address itself.
 *
 * <p>The upper bound is BCrypt's: it reads only the first 72 bytes, and Spring Security refuses to
 * hash more. The policy measures what BCrypt measures instead of pre-hashing longer passwords,
 * which would need a second hash format next to the stored ones; 72 bytes are 72 Latin letters, 36
 * Arabic ones or 18 emoji, far more than a passphrase needs.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = Accounts.MIN_PASSWORD_LENGTH;
    public static final int MAX_BYTES = Accounts.MAX_PASSWORD_BYTES;

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

    /** @throws AccountProblem 400 naming {@code password} when the policy refuses it */
    static void check(String password, String email) {
        check(password, email, "password");
    }

    /**
     * @param field the name of the refused input in the answer
     * @throws AccountProblem 400 naming the field when the policy refuses the password
     */
    static void check(String password, String email, String field) {
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            throw AccountProblem.invalid(
                    Reason.PASSWORD_TOO_SHORT, field, "must be at least " + MIN_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw AccountProblem.invalid(
                    Reason.PASSWORD_TOO_LONG,
                    field,
                    "must be at most " + MAX_BYTES + " bytes in UTF-8 (72 Latin letters; letters of other scripts"
                            + " and emoji take two to four bytes each)");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower) || password.chars().distinct().count() < 4) {
            throw AccountProblem.invalid(Reason.PASSWORD_TOO_EASY, field, "is too easy to guess");
        }
        String normalizedEmail = email.strip().toLowerCase(Locale.ROOT);
        String localPart = normalizedEmail.substring(0, Math.max(normalizedEmail.indexOf('@'), 0));
        if (lower.equals(normalizedEmail) || (localPart.length() >= 4 && lower.contains(localPart))) {
            throw AccountProblem.invalid(Reason.PASSWORD_CONTAINS_EMAIL, field, "must not contain your email address");
        }
    }
}
