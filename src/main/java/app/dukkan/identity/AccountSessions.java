package app.dukkan.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Signing in and out of the session cookie's session, for the JSON API and the pages alike: one
 * place that counts attempts against the sign-in limit, changes the session id on sign-in
 * (fixation protection) and saves the security context to the session.
 */
public interface AccountSessions {

    /**
     * Checks the credentials and starts the signed-in session. Every attempt counts against the
     * client address's sign-in limit (429 {@code rate-limited} with Retry-After beyond it); wrong
     * credentials are 401 {@link AccountProblem.Reason#BAD_CREDENTIALS}, and so is a disabled
     * account, with the very same answer after the same password check: neither the answer nor its
     * time tells that the address has an account, let alone a disabled one.
     */
    AuthenticatedUser signIn(String email, String password, HttpServletRequest request, HttpServletResponse response);

    /**
     * Uses up a mailed sign-in link (see {@link Accounts#requestMagicLink}) and starts the signed-in
     * session as {@link #signIn} does. An unknown or tampered token, or one whose account may no
     * longer use links (disabled, no longer an operator, its domain no longer allowed), is 400 {@link
     * AccountProblem.Reason#TOKEN_INVALID}; an expired one 410 {@link
     * AccountProblem.Reason#TOKEN_EXPIRED}, a used or replaced one 410 {@link
     * AccountProblem.Reason#TOKEN_USED}. Nobody is signed in then.
     */
    AuthenticatedUser signInWithLink(String token, HttpServletRequest request, HttpServletResponse response);

    /**
     * Creates a customer account as {@link Accounts#signUp} does (same checks and limit) and signs
     * it in at once.
     */
    AuthenticatedUser signUp(
            String email,
            String password,
            @Nullable String displayName,
            Locale locale,
            SignUpConsent consent,
            HttpServletRequest request,
            HttpServletResponse response);

    /** Ends the request's session, if any. */
    void signOut(HttpServletRequest request, HttpServletResponse response);

    /**
     * Replaces the signed-in user's password after checking the current one (400 {@link
     * AccountProblem.Reason#WRONG_CURRENT_PASSWORD}; the check counts against the sign-in limit).
     * Every other session of the account ends; this one stays signed in.
     */
    void changePassword(UserId user, String currentPassword, String newPassword, HttpServletRequest request);
}
