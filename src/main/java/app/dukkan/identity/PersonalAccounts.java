package app.dukkan.identity;

import java.util.Map;
import java.util.Optional;

/**
 * An account as personal data, for exports and erasures: found by email, its holder asked for the
 * password again, closed at once and, when everything else about the person is gone, anonymised.
 * Every method joins the caller's transaction.
 */
public interface PersonalAccounts {

    /** The account with this email, in any case. */
    Optional<AccountSummary> findByEmail(String email);

    /**
     * Checks the account's password again before an irreversible step. The check counts against
     * the client address's sign-in limit (429 {@code rate-limited}); a wrong password is 400 {@link
     * AccountProblem.Reason#WRONG_CURRENT_PASSWORD} naming {@code password}. Call it outside a
     * transaction.
     */
    void reauthenticate(UserId id, String password, String clientAddress);

    /**
     * Closes the account at once: it is disabled (it can no longer sign in) for the erasure, also
     * when an operator had disabled it before, so that no operator enables it again; every session
     * of it ends, its API keys are revoked and its mailed links stop working. Closing a closed
     * account changes nothing. 404 for an unknown account.
     */
    void close(UserId id);

    /** What the account holds: email, name, language, roles, dates and its API keys (never secrets). */
    Map<String, Object> export(UserId id);

    /**
     * Replaces the email and name with placeholders, makes the password unusable and deletes what
     * only served the person (mailed tokens, API keys, sessions, rate-limit buckets of the email);
     * the row stays so that what refers to it still does. Idempotent.
     */
    void anonymise(UserId id);
}
