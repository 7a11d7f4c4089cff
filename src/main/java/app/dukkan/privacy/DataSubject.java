package app.dukkan.privacy;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The person an export, an erasure or a consent is about, by everything a module may know them
 * by: the account (when there is one), email, phone in E.164 ({@code +4917612345678}) and name.
 * At least one of account, email and phone is known.
 */
public record DataSubject(
        @Nullable UUID userId,
        @Nullable String email,
        @Nullable String phone,
        @Nullable String name) {

    public DataSubject {
        if (userId == null && blank(email) && blank(phone)) {
            throw new IllegalArgumentException("a data subject has an account, an email or a phone");
        }
    }

    /** What names the person in free text: their email, phone and name, those that are known. */
    public List<String> texts() {
        return Stream.of(email, phone, name)
                .filter(text -> text != null && !text.isBlank())
                .map(String::strip)
                .toList();
    }

    /**
     * A PostgreSQL regular expression matching any of {@link #texts()} literally, meant for
     * case-insensitive use ({@code regexp_replace(column, pattern, '[erased]', 'gi')}); one that
     * matches nothing when no text is known.
     */
    public String pattern() {
        List<String> texts = texts();
        if (texts.isEmpty()) {
            return "a^";
        }
        return texts.stream()
                .map(text -> text.replaceAll("[\\\\.^$|?*+()\\[\\]{}]", "\\\\$0"))
                .collect(Collectors.joining("|"));
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

    public static DataSubject ofPhone(String phone) {
        return new DataSubject(null, null, phone, null);
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
