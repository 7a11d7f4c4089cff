package app.dukkan.identity;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Operators' management of accounts, for the admin API and the console pages alike. Every
 * operation is an administrator's: without a signed-in user it is refused with 401, for any other
 * user with 403. Changes are written to the audit log ({@code user.disabled}, {@code user.enabled},
 * {@code user.roles-changed}, target type {@code user}) in their own transaction, and end every
 * session of the account at once, so that its next request is anonymous.
 */
public interface UserAdministration {

    /** The largest page. */
    int MAX_PAGE_SIZE = 100;

    /** The last page number a query may ask for (pages count from 0). */
    int MAX_PAGE = 10_000;

    /** The longest search text, in characters. */
    int MAX_SEARCH_LENGTH = 254;

    /** The longest reason for disabling or enabling, in characters. */
    int MAX_REASON_LENGTH = 500;

    /**
     * Accounts matching the query, newest first (ties by id, so pages are stable), {@code size} of
     * them (1 to {@link #MAX_PAGE_SIZE}) from page {@code page} (0 to {@link #MAX_PAGE}); anything
     * else is 400 naming {@code page}, {@code size} or {@code search}.
     */
    UserPage search(UserQuery query, int page, int size);

    /** One account. */
    Optional<ManagedUser> find(UserId id);

    /** Accounts by id, in one query (for lists that name their users); unknown ids are left out. */
    Map<UserId, ManagedUser> find(Collection<UserId> ids);

    /**
     * Disables the account: it can no longer sign in (by password or sign-in link), its sessions end
     * at once and its pending password-reset and sign-in links stop working. {@code reason} is
     * required (1 to {@link #MAX_REASON_LENGTH} characters, else 400 naming {@code reason}). 404 for
     * an unknown account; 409 {@code self-disable} for the caller's own account, {@code
     * already-disabled}, or {@code last-active-admin} when it is the only active administrator.
     */
    ManagedUser disable(UserId id, String reason);

    /**
     * Lets a disabled account sign in again. {@code reason} is optional (null or blank for none; at
     * most {@link #MAX_REASON_LENGTH} characters). 404 for an unknown account, 409 {@code
     * already-enabled} for an active one.
     */
    ManagedUser enable(UserId id, @Nullable String reason);

    /**
     * Replaces the account's roles (at least one; 400 naming {@code roles} otherwise) and, when they
     * change, ends its sessions, so that the new roles apply from its next sign-in. 409 {@code
     * last-active-admin} when the only active administrator would lose the role. {@code reason} is
     * optional, as for {@link #enable}.
     */
    ManagedUser changeRoles(UserId id, Set<Role> roles, @Nullable String reason);
}
