package app.dukkan.identity;

import org.jspecify.annotations.Nullable;

/**
 * Which accounts to list; null matches every account.
 *
 * @param search a part of the email or the display name, in any case (at most {@link
 *     UserAdministration#MAX_SEARCH_LENGTH} characters); blank matches every account
 * @param role accounts with this role (among others)
 * @param status active or disabled accounts
 * @param sort the order of the pages
 */
public record UserQuery(
        @Nullable String search,
        @Nullable Role role,
        @Nullable UserStatus status,
        UserSort sort) {

    /** Newest accounts first. */
    public UserQuery(@Nullable String search, @Nullable Role role, @Nullable UserStatus status) {
        this(search, role, status, UserSort.NEWEST);
    }

    public static UserQuery all() {
        return new UserQuery(null, null, null);
    }
}
