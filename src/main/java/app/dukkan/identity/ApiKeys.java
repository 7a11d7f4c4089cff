package app.dukkan.identity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * API keys of the signed-in user, and every key for administrators. Creating and revoking are
 * written to the audit log ({@code api-key.created}, {@code api-key.revoked}).
 */
public interface ApiKeys {

    int MAX_NAME_LENGTH = 100;
    int MAX_REASON_LENGTH = 500;
    int MAX_PAGE = 10_000;
    int MAX_PAGE_SIZE = 100;

    /**
     * A new key of the signed-in user; the answer holds its secret, which is not kept.
     *
     * @param name 1 to {@value #MAX_NAME_LENGTH} characters, to tell keys apart
     * @param scopes at least one, each one the user's roles can use
     * @param expiresAt when it stops working (in the future), or null for never
     * @throws app.dukkan.platform.ProblemException 400 {@code validation} naming the field; 403 {@code
     *     scope-not-allowed} for a scope above the user's roles; 409 {@code too-many-api-keys}
     */
    NewApiKey create(String name, Set<ApiScope> scopes, @Nullable Instant expiresAt);

    /** The signed-in user's keys, revoked and expired ones too, newest first. */
    List<ApiKey> mine();

    /** A key of the signed-in user, or for an administrator any key; empty for anything else. */
    Optional<ApiKey> find(ApiKeyId id);

    /** The scopes the signed-in user's roles can give a key. */
    Set<ApiScope> grantable();

    /**
     * Every key (or {@code owner}'s), newest first. Administrators only.
     *
     * @throws app.dukkan.platform.ProblemException 400 for a page or size out of range, 403 for others
     */
    ApiKeyPage all(@Nullable UserId owner, int page, int size);

    /**
     * Revokes a key of the signed-in user, or, for an administrator, any key; it stops working at
     * once. Revoking a revoked key changes nothing.
     *
     * @param reason optional, at most {@value #MAX_REASON_LENGTH} characters, kept in the audit log
     * @throws app.dukkan.platform.ProblemException 404 for a key that is not the caller's to revoke
     */
    ApiKey revoke(ApiKeyId id, @Nullable String reason);
}
