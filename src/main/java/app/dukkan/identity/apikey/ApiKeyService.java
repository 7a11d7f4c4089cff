package app.dukkan.identity.apikey;

import app.dukkan.identity.ApiKey;
import app.dukkan.identity.ApiKeyId;
import app.dukkan.identity.ApiKeyPage;
import app.dukkan.identity.ApiKeys;
import app.dukkan.identity.ApiScope;
import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.identity.CurrentUser;
import app.dukkan.identity.NewApiKey;
import app.dukkan.identity.UserId;
import app.dukkan.platform.AuditLog;
import app.dukkan.platform.Ids;
import app.dukkan.platform.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** {@link ApiKeys} over the table {@code api_keys}, with the audit log. */
@Service
@EnableConfigurationProperties(ApiKeyProperties.class)
class ApiKeyService implements ApiKeys {

    private final ApiKeyRepository keys;
    private final CurrentUser currentUser;
    private final AuditLog audit;
    private final ApiKeyProperties settings;
    private final Clock clock;

    ApiKeyService(
            ApiKeyRepository keys, CurrentUser currentUser, AuditLog audit, ApiKeyProperties settings, Clock clock) {
        this.keys = keys;
        this.currentUser = currentUser;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    @Transactional
    public NewApiKey create(String name, Set<ApiScope> scopes, @Nullable Instant expiresAt) {
        AuthenticatedUser owner = currentUser.require();
        String label = name == null ? "" : name.strip();
        if (label.isEmpty()) {
            throw ProblemException.invalid("name", "is required: say what the key is for");
        }
        if (label.codePointCount(0, label.length()) > MAX_NAME_LENGTH) {
            throw ProblemException.invalid("name", "must be at most " + MAX_NAME_LENGTH + " characters");
        }
        if (scopes.isEmpty()) {
            throw ProblemException.invalid("scopes", "must contain at least one scope");
        }
        Set<ApiScope> wanted = EnumSet.copyOf(scopes);
        Set<ApiScope> refused = EnumSet.copyOf(wanted);
        refused.removeAll(ApiScope.allowedFor(owner.roles(), wanted));
        if (!refused.isEmpty()) {
            throw new ProblemException(
                    HttpStatus.FORBIDDEN,
                    "scope-not-allowed",
                    "Scope not allowed",
                    "Your roles cannot use the scope(s) " + codes(refused) + "; a key never grants more than its"
                            + " owner's roles allow.",
                    List.of(new ProblemException.FieldProblem(
                            "scopes", "not allowed for your roles: " + String.join(", ", codes(refused)))));
        }
        Instant now = now();
        Instant expires = expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.MICROS);
        if (expires != null && !expires.isAfter(now)) {
            throw ProblemException.invalid("expires_at", "must be in the future");
        }
        if (keys.lockAndCountActive(owner.id(), now) >= settings.maxPerUser()) {
            throw new ProblemException(
                    HttpStatus.CONFLICT,
                    "too-many-api-keys",
                    "Too many API keys",
                    "An account may have at most " + settings.maxPerUser()
                            + " keys that work; revoke one you no longer use first.",
                    List.of());
        }
        UUID id = Ids.newId(clock);
        String publicId = ApiKeySecrets.newPublicId();
        String secret = ApiKeySecrets.key(publicId);
        keys.insert(id, owner.id(), publicId, ApiKeySecrets.hash(secret), label, wanted, now, expires);
        ApiKey key = keys.find(new ApiKeyId(id)).orElseThrow();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("owner", owner.email());
        details.put("name", label);
        details.put("prefix", key.prefix());
        details.put("scopes", codes(wanted));
        if (expires != null) {
            details.put("expires_at", expires.toString());
        }
        audit.record("api-key.created", "api-key", id.toString(), null, details);
        return new NewApiKey(key, secret);
    }

    @Override
    @Transactional(readOnly = true)
    public List<ApiKey> mine() {
        return keys.ofUser(currentUser.require().id());
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ApiKey> find(ApiKeyId id) {
        AuthenticatedUser caller = currentUser.require();
        return keys.find(id).filter(found -> caller.isAdmin() || found.owner().equals(caller.id()));
    }

    @Override
    public Set<ApiScope> grantable() {
        return ApiScope.allowedFor(currentUser.require().roles(), EnumSet.allOf(ApiScope.class));
    }

    @Override
    @Transactional(readOnly = true)
    public ApiKeyPage all(@Nullable UserId owner, int page, int size) {
        requireAdmin();
        if (page < 0 || page > MAX_PAGE) {
            throw ProblemException.invalid("page", "must be between 0 and " + MAX_PAGE);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ProblemException.invalid("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        return new ApiKeyPage(keys.page(owner, page, size), page, size, keys.count(owner));
    }

    @Override
    @Transactional
    public ApiKey revoke(ApiKeyId id, @Nullable String reason) {
        AuthenticatedUser caller = currentUser.require();
        String why = reason == null ? "" : reason.strip();
        if (why.codePointCount(0, why.length()) > MAX_REASON_LENGTH) {
            throw ProblemException.invalid("reason", "must be at most " + MAX_REASON_LENGTH + " characters");
        }
        // another's key is not found, rather than forbidden: its existence is nobody else's business
        ApiKey key = keys.lock(id)
                .filter(found -> caller.isAdmin() || found.owner().equals(caller.id()))
                .orElseThrow(() -> ProblemException.notFound("API key", id));
        if (key.revokedAt() != null) {
            return key;
        }
        keys.revoke(id, now(), caller.id(), why.isEmpty() ? null : why);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("owner", key.ownerEmail());
        details.put("name", key.name());
        details.put("prefix", key.prefix());
        audit.record("api-key.revoked", "api-key", id.toString(), why.isEmpty() ? null : why, details);
        return keys.find(id).orElseThrow();
    }

    private AuthenticatedUser requireAdmin() {
        AuthenticatedUser user = currentUser.require();
        if (!user.isAdmin()) {
            throw ProblemException.forbidden("Only administrators see every API key");
        }
        return user;
    }

    private static List<String> codes(Set<ApiScope> scopes) {
        return scopes.stream().sorted().map(ApiScope::code).toList();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
