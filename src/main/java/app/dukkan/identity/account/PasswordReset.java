package app.dukkan.identity.account;

import app.dukkan.identity.PasswordResetRequested;
import app.dukkan.platform.Ids;
import app.dukkan.platform.JobQueue;
import app.dukkan.platform.JobType;
import app.dukkan.platform.Jobs;
import app.dukkan.platform.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Password reset by mail: a request mails a single-use token (whoever listens to {@link
 * PasswordResetRequested} sends it); the token and a new password set the password and end every
 * session of the account.
 */
@Service
public class PasswordReset {

    /** Looks the address up and, for an account, mails the link. */
    static final JobType<Request> REQUEST = new JobType<>(
            "password-reset-request",
            Request.class,
            JobQueue.CRITICAL,
            RetryPolicy.exponential(5, Duration.ofSeconds(5)));

    /** @param email normalized */
    record Request(String email) {}

    private final UserAccountRepository accounts;
    private final Jobs jobs;
    private final UserTokenRepository tokens;
    private final PasswordEncoder passwordEncoder;
    private final ApplicationEventPublisher events;
    private final IdentityProperties properties;
    private final Clock clock;

    PasswordReset(
            UserAccountRepository accounts,
            UserTokenRepository tokens,
            PasswordEncoder passwordEncoder,
            ApplicationEventPublisher events,
            IdentityProperties properties,
            Jobs jobs,
            Clock clock) {
        this.accounts = accounts;
        this.jobs = jobs;
        this.tokens = tokens;
        this.passwordEncoder = passwordEncoder;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Schedules the look-up of this address when {@code mailAllowed}; a request for an address whose
     * look-up still waits adds nothing. The request does the same work whether or not an account has
     * the address, so neither its answer nor its time tells. The caller has counted the request
     * against the limits ({@link AccountService}).
     */
    @Transactional
    public void request(String email, boolean mailAllowed) {
        if (mailAllowed) {
            String normalized = UserAccounts.normalizeEmail(email);
            jobs.schedule(REQUEST, IdentityLimits.sha256(normalized), new Request(normalized));
        }
    }

    /**
     * The job: for an enabled account with the address, replaces its unused reset tokens with a new
     * one and publishes {@link PasswordResetRequested}; for any other address, nothing.
     */
    @Transactional
    void issue(Request request) {
        Optional<UserAccount> found = accounts.findByEmail(request.email()).filter(UserAccount::enabled);
        if (found.isEmpty()) {
            return;
        }
        UserAccount account = found.get();
        accounts.lock(account.id());
        Instant now = now();
        Instant expiresAt = now.plus(properties.resetTtl());
        String token = Tokens.generate();
        tokens.markAllUsed(account.id(), TokenPurpose.PASSWORD_RESET, now);
        tokens.insert(Ids.newId(clock), TokenPurpose.PASSWORD_RESET, account.id(), Tokens.hash(token), expiresAt, now);
        events.publishEvent(
                new PasswordResetRequested(account.id(), account.email(), token, expiresAt, account.locale()));
    }

    /**
     * Sets the password of the token's account, uses up its reset tokens and ends its sessions, all in
     * one transaction. Unknown or tampered token → 400 {@code invalid-token}; expired → 410 {@code
     * token-expired}; used or replaced → 410 {@code token-used}; a password the policy refuses → 400
     * naming {@code password}, and the token stays usable.
     */
    @Transactional
    public void confirm(String token, String newPassword) {
        if (!Tokens.wellFormed(token)) {
            throw Tokens.invalid();
        }
        var stored = tokens.lockByHash(TokenPurpose.PASSWORD_RESET, Tokens.hash(token))
                .orElseThrow(Tokens::invalid);
        Instant now = now();
        if (stored.usedAt() != null) {
            throw Tokens.used();
        }
        if (!now.isBefore(stored.expiresAt())) {
            throw Tokens.expired();
        }
        UserAccount account = accounts.findById(stored.user()).orElseThrow(Tokens::invalid);
        PasswordPolicy.check(newPassword, account.email());
        accounts.changePassword(account.id(), passwordEncoder.encode(newPassword), now);
        tokens.markAllUsed(account.id(), TokenPurpose.PASSWORD_RESET, now);
        tokens.markAllUsed(account.id(), TokenPurpose.MAGIC_LINK, now);
        // whoever held the account before the owner proved the address (one who signed up with it,
        // or took a session) keeps nothing: sessions end with PasswordChanged, keys here
        accounts.revokeApiKeys(account.id(), now);
        // the reset link arrived at the account's address: that confirms the address too
        accounts.markEmailVerified(account.id(), now);
        events.publishEvent(new PasswordChanged(account.id(), account.email(), null));
    }

    /**
     * Whether the token would still set a password, without using it: the reset page says at once
     * that a link has expired instead of after the new password is typed. Refusals as for {@link
     * #confirm}.
     */
    @Transactional(readOnly = true)
    public void check(String token) {
        if (!Tokens.wellFormed(token)) {
            throw Tokens.invalid();
        }
        var stored = tokens.findByHash(TokenPurpose.PASSWORD_RESET, Tokens.hash(token))
                .orElseThrow(Tokens::invalid);
        if (stored.usedAt() != null) {
            throw Tokens.used();
        }
        if (!now().isBefore(stored.expiresAt())) {
            throw Tokens.expired();
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
