package app.dukkan.identity.apikey;

import app.dukkan.identity.ApiKeyId;
import app.dukkan.identity.ApiScope;
import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.identity.limits.RateLimit;
import app.dukkan.identity.limits.RateLimits;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Checks a presented API key on every request that carries one: one indexed read of the key and its
 * owner, so a revoked key, an expired one and a disabled owner's stop working at once on every
 * instance (nothing is cached). A key's last use is written at most once per {@code
 * dukkan.identity.api-keys.last-used-interval}, not on every request.
 */
@Component
public class ApiKeyAuthenticator {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyAuthenticator.class);

    /**
     * The key of a request: whose it is (with the roles the owner has now) and the scopes it grants,
     * those of the key that the owner's roles still allow.
     */
    public record KeyHolder(ApiKeyId key, AuthenticatedUser owner, Set<ApiScope> scopes) {

        public KeyHolder {
            scopes = Set.copyOf(scopes);
        }

        /** Whether the key may be used where {@code scope} is needed; {@code admin} grants every scope. */
        public boolean grants(ApiScope scope) {
            return scopes.contains(scope) || scopes.contains(ApiScope.ADMIN);
        }
    }

    private final ApiKeyRepository keys;
    private final RateLimit failures;
    private final ApiKeyProperties settings;
    private final Clock clock;
    /** Keys whose use this instance wrote lately: it leaves them alone until the interval is over. */
    private final Cache<UUID, Boolean> touched;

    ApiKeyAuthenticator(ApiKeyRepository keys, RateLimits limits, ApiKeyProperties settings, Clock clock) {
        this.keys = keys;
        this.failures = limits.limit("invalid API key", settings.failuresPerIp(), settings.failureWindow());
        this.settings = settings;
        this.clock = clock;
        this.touched = Caffeine.newBuilder()
                .expireAfterWrite(settings.lastUsedInterval())
                .maximumSize(100_000)
                .build();
    }

    /**
     * The holder of a valid key; empty for a malformed, unknown, revoked or expired key, a wrong
     * secret, or a disabled owner, which callers do not tell apart.
     */
    public Optional<KeyHolder> authenticate(String presented) {
        ApiKeySecrets.Parsed parsed = ApiKeySecrets.parse(presented);
        if (parsed == null) {
            return Optional.empty();
        }
        Optional<ApiKeyRepository.Credential> found = keys.credential(parsed.publicId());
        if (found.isEmpty()) {
            // as much work as a known key's check, so that the time tells nothing
            ApiKeySecrets.matches(parsed.hash(), parsed.hash());
            return Optional.empty();
        }
        ApiKeyRepository.Credential key = found.get();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        boolean valid = ApiKeySecrets.matches(key.hash(), parsed.hash())
                && key.revokedAt() == null
                && (key.expiresAt() == null || now.isBefore(key.expiresAt()))
                && key.ownerEnabled();
        if (!valid) {
            return Optional.empty();
        }
        touch(key, now);
        return Optional.of(new KeyHolder(
                new ApiKeyId(key.id()),
                new AuthenticatedUser(key.owner(), key.email(), key.roles()),
                ApiScope.allowedFor(key.roles(), key.scopes())));
    }

    /**
     * Counts a request with an invalid key from the client address.
     *
     * @throws app.dukkan.platform.ProblemException 429 {@code rate-limited} past the limit
     */
    public void failed(String clientAddress) {
        failures.acquire(clientAddress);
    }

    private void touch(ApiKeyRepository.Credential key, Instant now) {
        Instant since = now.minus(settings.lastUsedInterval());
        if (key.lastUsedAt() != null && key.lastUsedAt().isAfter(since)) {
            return;
        }
        if (touched.asMap().putIfAbsent(key.id(), Boolean.TRUE) != null) {
            return;
        }
        try {
            keys.touch(key.id(), now, since);
        } catch (DataAccessException e) {
            // the request goes on: a late "last used" is better than a refused call
            log.warn("Could not record the use of API key {}", key.id(), e);
        }
    }
}
