package app.dukkan.identity;

import java.util.Locale;

/** Whether an account may sign in: active, or disabled by an operator. */
public enum UserStatus {
    ACTIVE,
    DISABLED;

    /** The name used in the API: lower case. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for anything but {@code active} or {@code disabled} */
    public static UserStatus fromCode(String code) {
        return switch (code) {
            case "active" -> ACTIVE;
            case "disabled" -> DISABLED;
            default -> throw new IllegalArgumentException("unknown status '" + code + "'");
        };
    }
}
