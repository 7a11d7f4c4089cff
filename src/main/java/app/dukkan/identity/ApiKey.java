package app.dukkan.identity;

import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An API key as its owner and operators see it: never its secret, only the prefix that names it
 * ({@code dk_} and the public id), by which it can be recognised in a list.
 *
 * @param lastUsedAt when it last authenticated a request, to about a minute
 */
public record ApiKey(
        ApiKeyId id,
        UserId owner,
        String ownerEmail,
        String prefix,
        String name,
        Set<ApiScope> scopes,
        Instant createdAt,
        @Nullable Instant expiresAt,
        @Nullable Instant lastUsedAt,
        @Nullable Instant revokedAt,
        @Nullable String revokedReason) {

    public ApiKey {
        scopes = Set.copyOf(scopes);
    }

    /** Neither revoked nor expired at {@code now} (its owner's status aside). */
    public boolean activeAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    public boolean has(ApiScope scope) {
        return scopes.contains(scope);
    }
}
