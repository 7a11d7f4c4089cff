package app.dukkan.identity;

import java.util.Locale;

/** What a user may do. Sellers manage their own products; admins run the shop. */
public enum Role {
    CUSTOMER,
    SELLER,
    ADMIN;

    /** The name used in the API and the database: lower case. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
