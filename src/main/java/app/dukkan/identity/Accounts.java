package app.dukkan.identity;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What the shop's pages and its JSON API do with accounts, in one place: sign-up, email
 * verification, password reset, profile and language. Refusals are {@link AccountProblem}s (with a
 * {@link AccountProblem.Reason} a page can word itself) or, past a rate limit, a 429 {@link
 * app.dukkan.platform.ProblemException} {@code rate-limited} with its {@code retryAfter}. Signing in
 * and out, which touch the HTTP session, are {@link AccountSessions}.
 */
public interface Accounts {

    /** The fewest characters a password may have (NIST SP 800-63B: length over composition). */
    int MIN_PASSWORD_LENGTH = 10;

    /** The most bytes in UTF-8 a password may have: what BCrypt reads. */
    int MAX_PASSWORD_BYTES = 72;

    /**
     * Creates a customer account and mails a verification link. Input the checks refuse (blank or
     * too long name, a password the policy refuses) answers 400 without counting; every other
     * attempt counts against the client address's sign-up limit (429 beyond it), one for a taken
     * email too (409 {@link AccountProblem.Reason#EMAIL_TAKEN}). A sign-up whose consent does not
     * accept the privacy notice is refused (400 {@link AccountProblem.Reason#PRIVACY_NOTICE_NOT_ACCEPTED}
     * naming {@code accept_privacy_notice}, not counted); the consent is published as {@link
     * SignUpConsentGiven} in the account's transaction.
     *
     * @param displayName null: the email's local part
     * @param clientAddress the connection's remote address
     */
    AccountSummary signUp(
            String email,
            String password,
            @Nullable String displayName,
            Locale locale,
            SignUpConsent consent,
            String clientAddress);

    /** Refuses a password the policy refuses for this email with 400 naming {@code password}; else nothing. */
    void checkPassword(String password, String email);

    /**
     * Mails a single-use reset link if an enabled account has this email; answers alike whether or
     * not one has. 429 past the client address's limit; past the email's limit it answers alike and
     * sends nothing.
     */
    void requestPasswordReset(String email, String clientAddress);

    /**
     * Sets the password with a mailed token and ends every session of the account. 400/410 {@link
     * AccountProblem} for a bad, expired or used token; 400 naming {@code password} when the policy
     * refuses it (the token stays usable).
     */
    void resetPassword(String token, String newPassword);

    /** Refuses a reset token that would not work (as {@link #resetPassword} would), without using it. */
    void checkResetToken(String token);

    /** Confirms the account's email with a mailed token; refusals as for {@link #resetPassword}. */
    void verifyEmail(String token);

    /** Mails a new verification link, at most once a minute (429 with Retry-After); 409 when already verified. */
    void resendVerification(UserId user);

    /** Sets the display name and the language of the account's pages and mails. */
    AccountSummary updateProfile(UserId user, String displayName, Locale locale);

    /**
     * Remembers the language a signed-in user chose (e.g. with the shop's language switch) as the
     * account's language. Writes only when it changes; languages the shop does not speak are ignored.
     */
    void rememberLanguage(UserId user, Locale locale);

    /** The languages an account may choose: English, German and Arabic. */
    List<Locale> languages();

    /**
     * Whether operators may ask for sign-in links: {@code dukkan.identity.magic-link.domains} names
     * at least one domain.
     */
    boolean magicLinksEnabled();

    /** How long a mailed sign-in link works. */
    Duration magicLinkTtl();

    /**
     * Mails a single-use sign-in link if an enabled account with the role admin or seller has this
     * email and its domain is on {@code dukkan.identity.magic-link.domains}. Answers alike whether
     * or not one has: the account is looked up and the link mailed by a background job, so the
     * request does the same work for every address. A malformed email is 400 naming {@code email}
     * (not counted); every other request counts against the client address's and the email
     * address's limits (429 with Retry-After beyond either). 404 while the feature is off.
     */
    void requestMagicLink(String email, String clientAddress);

    /**
     * Refuses a sign-in link's token that would not sign in (as {@link
     * AccountSessions#signInWithLink} would), without using it: the link's page says at once that it
     * does not work.
     */
    void checkMagicLink(String token);
}
