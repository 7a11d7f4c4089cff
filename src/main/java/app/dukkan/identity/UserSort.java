package app.dukkan.identity;

import java.util.Locale;

/** The order of a page of accounts; each is served by an index, ties broken by id. */
public enum UserSort {
    /** Newest accounts first (the default). */
    NEWEST,
    /** Oldest accounts first. */
    OLDEST,
    /** By email address, A to Z. */
    EMAIL,
    /** By email address, Z to A. */
    EMAIL_DESC;

    /** The name used in URLs: lower case with '-'. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The sort named {@code code}, or {@link #NEWEST} for anything else. */
    public static UserSort fromCode(String code) {
        for (UserSort sort : values()) {
            if (sort.code().equals(code)) {
                return sort;
            }
        }
        return NEWEST;
    }
}
