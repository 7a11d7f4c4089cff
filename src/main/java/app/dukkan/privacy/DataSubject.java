package app.dukkan.privacy;

import app.dukkan.identity.AccountSummary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The person an export, an erasure or a consent is about, by everything a module may know them
 * by: the account (when there is one), email, phone in E.164 ({@code +4917612345678}) and name.
 * At least one of account, email and phone is known. Email and phone are those the person was asked
 * for by; the other emails and phones are those the parts found them by since (the email given in
 * a chat, the phone of a chat they ordered from), each of which every part also looks for (see
 * {@link #each()}).
 */
public record DataSubject(
        @Nullable UUID userId,
        @Nullable String email,
        @Nullable String phone,
        @Nullable String name,
        List<String> otherEmails,
        List<String> otherPhones) {

    public DataSubject(@Nullable UUID userId, @Nullable String email, @Nullable String phone, @Nullable String name) {
        this(userId, email, phone, name, List.of(), List.of());
    }

    /**
     * A signed-in account as a subject: its email only once confirmed. A guest's orders, consents and
     * chats are found by their email, and anyone may sign up with an address nobody has confirmed.
     */
    public static DataSubject ofAccount(AccountSummary account) {
        return new DataSubject(
                account.id().value(), account.emailVerified() ? account.email() : null, null, account.displayName());
    }

    public DataSubject {
        if (userId == null && blank(email) && blank(phone)) {
            throw new IllegalArgumentException("a data subject has an account, an email or a phone");
        }
        // a request stored before there were other identifiers has none
        otherEmails = otherEmails == null ? List.of() : List.copyOf(otherEmails);
        otherPhones = otherPhones == null ? List.of() : List.copyOf(otherPhones);
    }

    /** Every email the person is known by, in lower case, the one asked for first. */
    public List<String> emails() {
        Set<String> all = new LinkedHashSet<>();
        Stream.concat(Stream.ofNullable(email), otherEmails.stream())
                .filter(text -> !blank(text))
                .forEach(text -> all.add(text.strip().toLowerCase(Locale.ROOT)));
        return List.copyOf(all);
    }

    /** Every phone the person is known by, the one asked for first. */
    public List<String> phones() {
        Set<String> all = new LinkedHashSet<>();
        Stream.concat(Stream.ofNullable(phone), otherPhones.stream())
                .filter(text -> !blank(text))
                .forEach(text -> all.add(text.strip()));
        return List.copyOf(all);
    }

    /** The subject also known by this email; itself when it already is. */
    public DataSubject withEmail(String other) {
        if (blank(other) || emails().contains(other.strip().toLowerCase(Locale.ROOT))) {
            return this;
        }
        return new DataSubject(userId, email, phone, name, append(otherEmails, other.strip()), otherPhones);
    }

    /** The subject also known by this phone (E.164); itself when it already is. */
    public DataSubject withPhone(String other) {
        if (blank(other) || phones().contains(other.strip())) {
            return this;
        }
        return new DataSubject(userId, email, phone, name, otherEmails, append(otherPhones, other.strip()));
    }

    /** The subject with this name, when it has none yet. */
    public DataSubject withName(String other) {
        return name != null || blank(other)
                ? this
                : new DataSubject(userId, email, phone, other, otherEmails, otherPhones);
    }

    /**
     * The subject once by what they were asked for by, then once by each other email and each other
     * phone in place of that one (with the account and name): what a part exports or erases for each,
     * so that a part looking for one email and one phone finds everything of the person's.
     */
    public List<DataSubject> each() {
        List<DataSubject> each = new ArrayList<>();
        each.add(new DataSubject(userId, email, phone, name));
        for (String other : emails()) {
            if (!other.equals(blank(email) ? null : email.strip().toLowerCase(Locale.ROOT))) {
                each.add(new DataSubject(userId, other, phone, name));
            }
        }
        for (String other : phones()) {
            if (!other.equals(blank(phone) ? null : phone.strip())) {
                each.add(new DataSubject(userId, email, other, name));
            }
        }
        return each;
    }

    private static List<String> append(List<String> list, String value) {
        List<String> longer = new ArrayList<>(list);
        longer.add(value);
        return longer;
    }

    /**
     * A PostgreSQL regular expression (ARE) matching the person's email, phone and name (a name only
     * when it is {@linkplain #distinctive(String) distinctive}), each as a whole, meant for
     * case-insensitive use ({@code regexp_replace(column, pattern, '[erased]', 'gi')}), or one that
     * matches nothing when no text is known. Each is matched where it stands alone, not inside
     * something longer: the email not at the end of another address ({@code jimbob@x.com} for {@code
     * bob@x.com}), the phone's digits with or without its {@code +} (or {@code 00}) and
     * spaces, dashes, dots or brackets between them, but not inside a longer number, the name
     * as whole words (not "ed" in "loved"). Other people's rows are searched and rewritten with it.
     * The marker can be longer than what it replaces (a 3-letter name), so a column with a length
     * limit is cut at it ({@code left(regexp_replace(…), limit)}): a text near its limit would
     * otherwise fail the erasure.
     */
    public String pattern() {
        List<String> alternatives = new ArrayList<>();
        if (!blank(email)) {
            alternatives.add("(?<![[:alnum:]._%+-])" + literal(email.strip()) + "(?![[:alnum:]_-]|\\.[[:alnum:]])");
        }
        if (!blank(phone)) {
            String digits = phone.replaceAll("\\D", "");
            // a phone number has 7 to 15 digits; fewer ("(1)", which an address form takes) would
            // match every lone digit of other people's text
            if (digits.length() >= 7 && digits.length() <= 15) {
                // as typed in text: "+49 30 1234567", "(030) 123-4567" after its country code
                String spaced = String.join("[-. ()/]*", digits.split(""));
                alternatives.add("(?<![[:digit:]+])(\\+|00[-. ()/]*)?" + spaced + "(?![[:digit:]])");
            }
        }
        if (distinctive(name)) {
            alternatives.add("(?<![[:alnum:]_])" + literal(name.strip()) + "(?![[:alnum:]_])");
        }
        return alternatives.isEmpty() ? "a^" : String.join("|", alternatives);
    }

    /**
     * Whether a name says enough to be looked for in other people's text: three letters or digits at
     * least, and not a word of JSON's ({@code true}, {@code false}, {@code null}).
     */
    static boolean distinctive(@Nullable String name) {
        if (name == null) {
            return false;
        }
        String stripped = name.strip();
        long letters = stripped.codePoints().filter(Character::isLetterOrDigit).count();
        return letters >= 3 && !JSON_WORDS.contains(stripped.toLowerCase(Locale.ROOT));
    }

    private static final Set<String> JSON_WORDS = Set.of("true", "false", "null");

    /** The text as a regular expression matching itself. */
    private static String literal(String text) {
        return text.replaceAll("[\\\\.^$|?*+()\\[\\]{}]", "\\\\$0");
    }

    /**
     * The subject as named query parameters for a module's SQL: {@code user} (uuid), {@code email}
     * (lower case), {@code phone}, {@code name} and {@code pattern} (see {@link #pattern()}); the
     * unknown ones are null.
     */
    public Map<String, @Nullable Object> parameters() {
        Map<String, @Nullable Object> parameters = new HashMap<>();
        parameters.put("user", userId);
        parameters.put("email", blank(email) ? null : email.strip().toLowerCase(Locale.ROOT));
        parameters.put("phone", blank(phone) ? null : phone.strip());
        parameters.put("name", blank(name) ? null : name.strip());
        parameters.put("pattern", pattern());
        return parameters;
    }

    /**
     * The subject by what identifies them alone (account, email, phone), without the name, which
     * other people may share: what an export looks for, so that a package never carries rows that
     * only mention someone of the same name.
     */
    public DataSubject identifiers() {
        return new DataSubject(userId, email, phone, null, otherEmails, otherPhones);
    }

    public static DataSubject ofPhone(String phone) {
        return new DataSubject(null, null, phone, null);
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
