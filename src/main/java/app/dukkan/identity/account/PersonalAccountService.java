package app.dukkan.identity.account;

import app.dukkan.identity.AccountProblem;
import app.dukkan.identity.AccountSummary;
import app.dukkan.identity.PersonalAccounts;
import app.dukkan.identity.Role;
import app.dukkan.identity.UserId;
import app.dukkan.platform.ProblemException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** {@link PersonalAccounts} over the account tables; sessions end through {@link AccessChanged}. */
@Service
class PersonalAccountService implements PersonalAccounts {

    private final UserAccounts accounts;
    private final UserAccountRepository repository;
    private final UserTokenRepository tokens;
    private final IdentityLimits limits;
    private final PasswordEncoder passwordEncoder;
    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;
    private final Clock clock;

    PersonalAccountService(
            UserAccounts accounts,
            UserAccountRepository repository,
            UserTokenRepository tokens,
            IdentityLimits limits,
            PasswordEncoder passwordEncoder,
            ApplicationEventPublisher events,
            JdbcClient jdbc,
            Clock clock) {
        this.accounts = accounts;
        this.repository = repository;
        this.tokens = tokens;
        this.limits = limits;
        this.passwordEncoder = passwordEncoder;
        this.events = events;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
    public Optional<AccountSummary> findByEmail(String email) {
        return accounts.findByEmail(email).map(UserAccount::summary);
    }

    @Override
    public void reauthenticate(UserId id, String password, String clientAddress) {
        limits.signInAttempt(clientAddress);
        UserAccount account = accounts.get(id);
        if (!account.enabled() || !passwordEncoder.matches(password, account.passwordHash())) {
            throw AccountProblem.invalid(
                    AccountProblem.Reason.WRONG_CURRENT_PASSWORD, "password", "is not your current password");
        }
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void close(UserId id) {
        if (!repository.lock(id)) {
            throw ProblemException.notFound("user", id);
        }
        UserAccount account = accounts.get(id);
        Instant now = now();
        repository.closeForErasure(id, now);
        repository.revokeApiKeys(id, now);
        tokens.markAllUsed(id, TokenPurpose.PASSWORD_RESET, now);
        tokens.markAllUsed(id, TokenPurpose.MAGIC_LINK, now);
        events.publishEvent(new AccessChanged(id, account.email()));
    }

    @Override
    @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
    public Map<String, Object> export(UserId id) {
        UserAccount account = accounts.get(id);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id.value());
        out.put("email", account.email());
        out.put("display_name", account.displayName());
        out.put("locale", account.locale().toLanguageTag());
        out.put("roles", account.roles().stream().map(Role::code).sorted().toList());
        out.put("created_at", account.createdAt());
        out.put("email_verified", account.emailVerified());
        out.put("enabled", account.enabled());
        List<Map<String, Object>> keys = jdbc.sql("""
                        select name, scopes, created_at, expires_at, last_used_at, revoked_at from api_keys
                        where user_id = ? order by created_at, id""")
                .param(id.value())
                .query((rs, row) -> {
                    Map<String, Object> key = new LinkedHashMap<>();
                    key.put("name", rs.getString("name"));
                    key.put("scopes", List.of((String[]) rs.getArray("scopes").getArray()));
                    key.put("created_at", instant(rs.getTimestamp("created_at")));
                    key.put("expires_at", instant(rs.getTimestamp("expires_at")));
                    key.put("last_used_at", instant(rs.getTimestamp("last_used_at")));
                    key.put("revoked_at", instant(rs.getTimestamp("revoked_at")));
                    return key;
                })
                .list();
        out.put("api_keys", keys);
        return out;
    }

    @Override
    @Transactional
    public void anonymise(UserId id) {
        if (!repository.lock(id)) {
            return;
        }
        UserAccount account = accounts.get(id);
        String placeholder = placeholderEmail(id);
        if (account.email().equals(placeholder)) {
            return;
        }
        events.publishEvent(new AccessChanged(id, account.email()));
        // rate-limit buckets are keyed by the email's SHA-256 (mails) or the account's id (members)
        jdbc.sql("delete from identity_rate_limits where id like ? or id like ?")
                .params("%:" + IdentityLimits.sha256(account.email()), "%:" + id.value())
                .update();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        repository.anonymise(
                id, placeholder, passwordEncoder.encode(HexFormat.of().formatHex(secret)), now());
    }

    /** Unique like the email it replaces; {@code .invalid} never delivers (RFC 2606). */
    static String placeholderEmail(UserId id) {
        return "erased-" + id.value() + "@erased.invalid";
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
