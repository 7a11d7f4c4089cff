package app.dukkan.privacy;

import java.util.UUID;
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

    public static DataSubject ofPhone(String phone) {
        return new DataSubject(null, null, phone, null);
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
