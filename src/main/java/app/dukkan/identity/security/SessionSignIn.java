package app.dukkan.identity.security;

import app.dukkan.identity.AccountProblem;
import app.dukkan.identity.AccountSessions;
import app.dukkan.identity.AccountSummary;
import app.dukkan.identity.Accounts;
import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.identity.SignUpConsent;
import app.dukkan.identity.UserId;
import app.dukkan.identity.account.IdentityLimits;
import app.dukkan.identity.account.MagicLinks;
import app.dukkan.identity.account.UserAccounts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/** {@link AccountSessions} on the session cookie's (JDBC-backed) HTTP session. */
@Component
class SessionSignIn implements AccountSessions {

    private final AuthenticationManager authenticationManager;
    private final SecurityContextRepository securityContextRepository;
    private final UserAccounts accounts;
    private final Accounts accountOperations;
    private final IdentityLimits limits;
    private final MagicLinks magicLinks;

    SessionSignIn(
            AuthenticationManager authenticationManager,
            SecurityContextRepository securityContextRepository,
            UserAccounts accounts,
            Accounts accountOperations,
            IdentityLimits limits,
            MagicLinks magicLinks) {
        this.magicLinks = magicLinks;
        this.authenticationManager = authenticationManager;
        this.securityContextRepository = securityContextRepository;
        this.accounts = accounts;
        this.accountOperations = accountOperations;
        this.limits = limits;
    }

    @Override
    public AuthenticatedUser signIn(
            String email, String password, HttpServletRequest request, HttpServletResponse response) {
        limits.signInAttempt(request.getRemoteAddr());
        Authentication authentication;
        try {
            authentication = authenticationManager.authenticate(
                    UsernamePasswordAuthenticationToken.unauthenticated(UserAccounts.normalizeEmail(email), password));
        } catch (AuthenticationException e) {
            // a disabled account (DisabledException, only after the password matched) answers as a
            // wrong password does: the answer tells nobody that the address has an account
            throw unauthorized(AccountProblem.Reason.BAD_CREDENTIALS, "Email or password is wrong");
        }
        return start(authentication, request, response);
    }

    @Override
    public AuthenticatedUser signInWithLink(String token, HttpServletRequest request, HttpServletResponse response) {
        var account = magicLinks.consume(token);
        AccountPrincipal principal = new AccountPrincipal(account.asAuthenticated(), true, null);
        return start(
                UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()),
                request,
                response);
    }

    @Override
    public AuthenticatedUser signUp(
            String email,
            String password,
            @Nullable String displayName,
            Locale locale,
            SignUpConsent consent,
            HttpServletRequest request,
            HttpServletResponse response) {
        AccountSummary created =
                accountOperations.signUp(email, password, displayName, locale, consent, request.getRemoteAddr());
        var account = accounts.get(created.id());
        AccountPrincipal principal = new AccountPrincipal(account.asAuthenticated(), account.enabled(), null);
        return start(
                UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()),
                request,
                response);
    }

    /** Saves the authentication to a session whose id is new: an id known before sign-in is worth nothing after. */
    private AuthenticatedUser start(
            Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
        HttpSession existing = request.getSession(false);
        if (existing != null) {
            request.changeSessionId();
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        securityContextRepository.saveContext(context, request, response);
        return ((AccountPrincipal) authentication.getPrincipal()).user();
    }

    @Override
    public void signOut(HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
    }

    @Override
    public void changePassword(UserId user, String currentPassword, String newPassword, HttpServletRequest request) {
        limits.signInAttempt(request.getRemoteAddr());
        HttpSession session = request.getSession(false);
        accounts.changePassword(user, currentPassword, newPassword, session == null ? null : session.getId());
    }

    private static AccountProblem unauthorized(AccountProblem.Reason reason, String detail) {
        return new AccountProblem(
                reason, HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthenticated", detail, null, null, null);
    }
}
