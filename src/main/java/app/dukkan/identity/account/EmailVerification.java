package app.dukkan.identity.account;

import app.dukkan.identity.AccountProblem;
import app.dukkan.identity.EmailVerificationRequested;
import app.dukkan.identity.UserId;
import app.dukkan.platform.Ids;
import app.dukkan.platform.ProblemException;
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
 * Confirms that a user receives mail at the account's address: a single-use token, mailed (by
 * whoever listens to {@link EmailVerificationRequested}), comes back through the verify endpoint.
 */
@Service
public class EmailVerification {

    private final UserAccountRepository accounts;
    private final UserTokenRepository tokens;
    private final ApplicationEventPublisher events;
    private final IdentityProperties properties;
    private final Clock clock;

    EmailVerification(
            UserAccountRepository accounts,
            UserTokenRepository tokens,
            ApplicationEventPublisher events,
            IdentityProperties properties,
            Clock clock) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /** Issues a token and publishes {@link EmailVerificationRequested}; runs in the caller's transaction. */
    void request(UserAccount account) {
        Instant now = now();
        String token = Tokens.generate();
        Instant expiresAt = now.plus(properties.verificationTtl());
        tokens.insert(
                Ids.newId(clock), TokenPurpose.EMAIL_VERIFICATION, account.id(), Tokens.hash(token), expiresAt, now);
        events.publishEvent(
                new EmailVerificationRequested(account.id(), account.email(), token, expiresAt, account.locale()));
    }

    /**
     * Sends a new verification mail, at most one per {@code dukkan.identity.verification-resend-interval}
     * (else 429 with Retry-After); 409 when the email is already confirmed.
     */
    @Transactional
    public void resend(UserId user) {
        // one resend of a user at a time: two concurrent ones cannot both pass the interval check
        if (!accounts.lock(user)) {
            throw ProblemException.notFound("user", user);
        }
        UserAccount account = accounts.findById(user).orElseThrow(() -> ProblemException.notFound("user", user));
        if (account.emailVerified()) {
            throw new AccountProblem(
                    AccountProblem.Reason.EMAIL_ALREADY_VERIFIED,
                    HttpStatus.CONFLICT,
                    "conflict",
                    "Conflict",
                    "email: is already verified",
                    "email",
                    "is already verified",
                    null);
        }
        Instant now = now();
        Optional<Instant> latest = tokens.latestCreatedAt(user, TokenPurpose.EMAIL_VERIFICATION);
        if (latest.isPresent()) {
            Instant allowedFrom = latest.get().plus(properties.verificationResendInterval());
            if (now.isBefore(allowedFrom)) {
                throw tooSoon(now, allowedFrom, "A verification mail was sent moments ago");
            }
        }
        List<Instant> today = tokens.createdSince(user, TokenPurpose.EMAIL_VERIFICATION, now.minus(Duration.ofDays(1)));
        if (today.size() >= properties.verificationMailsPerDay()) {
            throw tooSoon(
                    now,
                    today.get(today.size() - properties.verificationMailsPerDay())
                            .plus(Duration.ofDays(1)),
                    "Enough verification mails were sent today");
        }
        request(account);
    }

    private static AccountProblem tooSoon(Instant now, Instant allowedFrom, String what) {
        long seconds = Math.max(1, (Duration.between(now, allowedFrom).toMillis() + 999) / 1000);
        return new AccountProblem(
                AccountProblem.Reason.VERIFICATION_SENT_RECENTLY,
                HttpStatus.TOO_MANY_REQUESTS,
                "rate-limited",
                "Too many requests",
                what + "; ask again in " + seconds + " seconds.",
                null,
                null,
                Duration.ofSeconds(seconds));
    }

    /**
     * Confirms the email of the token's account and uses the token up. Unknown or tampered → 400
     * {@code invalid-token}; expired → 410 {@code token-expired}; used → 410 {@code token-used}.
     */
    @Transactional
    public void verify(String token) {
        if (!Tokens.wellFormed(token)) {
            throw Tokens.invalid();
        }
        var stored = tokens.lockByHash(TokenPurpose.EMAIL_VERIFICATION, Tokens.hash(token))
                .orElseThrow(Tokens::invalid);
        Instant now = now();
        if (stored.usedAt() != null) {
            throw Tokens.used();
        }
        if (!now.isBefore(stored.expiresAt())) {
            throw Tokens.expired();
        }
        tokens.markUsed(stored.id(), now);
        accounts.markEmailVerified(stored.user(), now);
    }

    private Instant now() {
        // PostgreSQL keeps microseconds
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
