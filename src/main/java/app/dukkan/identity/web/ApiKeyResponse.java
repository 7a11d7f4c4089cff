package app.dukkan.identity.web;

import app.dukkan.identity.ApiKey;
import app.dukkan.identity.ApiScope;
import app.dukkan.platform.ProblemException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An API key in answers: never its secret (only when just created, in {@link NewApiKeyResponse}). */
record ApiKeyResponse(
        UUID id,
        UUID ownerId,
        String ownerEmail,
        String prefix,
        String name,
        List<String> scopes,
        Instant createdAt,
        @Nullable Instant expiresAt,
        @Nullable Instant lastUsedAt,
        @Nullable Instant revokedAt,
        @Nullable String revokedReason) {

    static ApiKeyResponse of(ApiKey key) {
        return new ApiKeyResponse(
                key.id().value(),
                key.owner().value(),
                key.ownerEmail(),
                key.prefix(),
                key.name(),
                key.scopes().stream().sorted().map(ApiScope::code).toList(),
                key.createdAt(),
                key.expiresAt(),
                key.lastUsedAt(),
                key.revokedAt(),
                key.revokedReason());
    }

    /** A key just created: the key and, this once, its secret. */
    record NewApiKeyResponse(ApiKeyResponse key, String secret) {}

    /** Scope names as clients send them; 400 naming the first unknown one. */
    static Set<ApiScope> scopes(@Nullable List<String> codes) {
        Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
        for (String code : codes == null ? List.<String>of() : codes) {
            scopes.add(
                    ApiScope.fromCode(code)
                            .orElseThrow(
                                    () -> ProblemException.invalid(
                                            "scopes",
                                            "unknown scope '" + code
                                                    + "'; use catalog:read, catalog:write, orders:read,"
                                                    + " orders:write, triggers:write, workflows:write, logs:read, metrics:read or admin")));
        }
        return scopes;
    }
}
