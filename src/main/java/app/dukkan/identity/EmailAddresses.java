package app.dukkan.identity;

import java.util.regex.Pattern;

/**
 * What the shop takes as an account's email address: one {@code @}, something on both sides, and
 * none of the characters a mail library reads as syntax around an address (angle brackets,
 * parentheses, square brackets, backslash, comma, semicolon, colon, double quote), no spaces and no
 * dot at either end of the domain or twice in a row. Otherwise {@code a<victim@example.com>} would
 * be an account of its own whose mails reach the victim.
 */
public final class EmailAddresses {

    /** The longest address, in characters (RFC 5321's path limit less its brackets). */
    public static final int MAX_LENGTH = 254;

    private static final String ATOM = "[^@\\s\\p{Z}\\p{Cc}<>()\\[\\]\\\\,;:\"";
    private static final Pattern WELL_FORMED = Pattern.compile(ATOM + "]+@" + ATOM + ".]+(\\." + ATOM + ".]+)*");

    private EmailAddresses() {}

    /** Whether the address (as typed, trimmed) is one the shop takes. */
    public static boolean wellFormed(String email) {
        return email.length() <= MAX_LENGTH && WELL_FORMED.matcher(email).matches();
    }
}
