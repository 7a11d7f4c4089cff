package app.dukkan.identity.account;

import app.dukkan.identity.AccountProblem;
import app.dukkan.identity.EmailAddresses;
import app.dukkan.identity.MagicLinkRequested;
import app.dukkan.identity.Role;
import app.dukkan.platform.Ids;
import app.dukkan.platform.JobQueue;
import app.dukkan.platform.JobType;
import app.dukkan.platform.Jobs;
import app.dukkan.platform.ProblemException;
import app.dukkan.platform.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sign-in links for operators: an email address goes into a background job, which mails a
 * single-use token (whoever listens to {@link MagicLinkRequested} sends it) if an enabled admin or
 * seller of an allowed domain has that address; the token signs its account in once.
 *
 * <p>The request itself never looks the address up: it schedules the same job for every address,
 * so its answer and its time are the same whether or not the address belongs to an operator.
 */
@Service
public class MagicLinks {

    /** Looks the address up and, for an operator, mails the link. */
    static final JobType<Request> REQUEST = new JobType<>(
            "magic-link-request", Request.class, JobQueue.CRITICAL, RetryPolicy.exponential(5, Duration.ofSeconds(5)));

    /** @param email normalized */
    record Request(String email) {}

    private static final List<Role> OPERATORS = List.of(Role.ADMIN, Role.SELLER);

    private final UserAccountRepository accounts;
    private final UserTokenRepository tokens;
    private final Jobs jobs;
    private final ApplicationEventPublisher events;
    private final IdentityProperties.MagicLink settings;
    private final Clock clock;

    MagicLinks(
            UserAccountRepository accounts,
            UserTokenRepository tokens,
            Jobs jobs,
            ApplicationEventPublisher events,
            IdentityProperties properties,
            Clock clock) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.jobs = jobs;
        this.events = events;
        this.settings = properties.magicLink();
        this.clock = clock;
    }

    boolean enabled() {
        return settings.enabled();
    }

    Duration ttl() {
        return settings.ttl();
    }

    static ProblemException off() {
        return new ProblemException(
                HttpStatus.NOT_FOUND,
                "not-found",
                "Not found",
                "Sign-in links are not enabled on this shop (dukkan.identity.magic-link.domains)",
                List.of());
    }

    /**
     * Schedules the look-up of this (normalized) address; a request for an address whose look-up is
     * still waiting adds nothing. The caller has checked the address and counted the request.
     */
    @Transactional
    void request(String normalizedEmail) {
        jobs.schedule(REQUEST, IdentityLimits.sha256(normalizedEmail), new Request(normalizedEmail));
    }

    /**
     * The job: for an operator who may use links, replaces the account's unused links with a new one
     * and publishes {@link MagicLinkRequested}; for any other address, nothing.
     */
    @Transactional
    void issue(Request request) {
        Optional<UserAccount> found = accounts.findByEmail(request.email()).filter(this::mayUseLinks);
        if (found.isEmpty()) {
            return;
        }
        UserAccount account = found.get();
        accounts.lock(account.id());
        Instant now = now();
        Instant expiresAt = now.plus(settings.ttl());
        String token = Tokens.generate();
        tokens.markAllUsed(account.id(), TokenPurpose.MAGIC_LINK, now);
        tokens.insert(Ids.newId(clock), TokenPurpose.MAGIC_LINK, account.id(), Tokens.hash(token), expiresAt, now);
        events.publishEvent(new MagicLinkRequested(account.id(), account.email(), token, expiresAt, account.locale()));
    }

    /**
     * Uses the token up (and every other unused link of its account) and answers its account, whose
     * email this confirms too. Refusals as {@link app.dukkan.identity.AccountSessions#signInWithLink}
     * describes; nothing changes then.
     */
    @Transactional
    public UserAccount consume(String token) {
        var stored = valid(token, true);
        Instant now = now();
        UserAccount account =
                accounts.findById(stored.user()).filter(this::mayUseLinks).orElseThrow(Tokens::invalid);
        tokens.markAllUsed(account.id(), TokenPurpose.MAGIC_LINK, now);
        accounts.markEmailVerified(account.id(), now);
        return account;
    }

    /** Refuses a token {@link #consume} would refuse, without using it. */
    @Transactional(readOnly = true)
    void check(String token) {
        var stored = valid(token, false);
        accounts.findById(stored.user()).filter(this::mayUseLinks).orElseThrow(Tokens::invalid);
    }

    private UserTokenRepository.StoredToken valid(String token, boolean lock) {
        if (!Tokens.wellFormed(token)) {
            throw Tokens.invalid();
        }
        byte[] hash = Tokens.hash(token);
        var stored = (lock
                        ? tokens.lockByHash(TokenPurpose.MAGIC_LINK, hash)
                        : tokens.findByHash(TokenPurpose.MAGIC_LINK, hash))
                .orElseThrow(Tokens::invalid);
        if (stored.usedAt() != null) {
            throw Tokens.used();
        }
        if (!now().isBefore(stored.expiresAt())) {
            throw Tokens.expired();
        }
        return stored;
    }

    /** Enabled, an admin or seller, of an allowed domain, while the feature is on. */
    private boolean mayUseLinks(UserAccount account) {
        return account.enabled()
                && OPERATORS.stream().anyMatch(account.roles()::contains)
                && settings.allows(account.email());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** A malformed address is refused before anything is counted. */
    static void checkEmail(String email) {
        String normalized = UserAccounts.normalizeEmail(email);
        if (!EmailAddresses.wellFormed(normalized)) {
            throw AccountProblem.invalid(
                    AccountProblem.Reason.EMAIL_INVALID, "email", "must be a well-formed email address");
        }
    }
}
