package app.dukkan.identity.web;

import app.dukkan.identity.AccountSessions;
import app.dukkan.identity.AccountSummary;
import app.dukkan.identity.Accounts;
import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.identity.SignUpConsent;
import app.dukkan.identity.account.SupportedLocales;
import app.dukkan.identity.account.UserAccounts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.DeferredCsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Accounts", description = "Registration, sign-in and sessions")
class AuthController {

    record RegisterRequest(
            @NotBlank @Email @Size(max = 254) String email,
            @NotBlank @Size(max = 1000) String password,
            @Nullable @Size(min = 1, max = 100) String displayName,
            @Nullable Boolean acceptPrivacyNotice,
            @Nullable Boolean marketing) {}

    record LoginRequest(
            @NotBlank @Size(max = 254) String email,
            @NotBlank @Size(max = 1000) String password) {}

    record CsrfResponse(String headerName, String parameterName, String token) {}

    private final Accounts accounts;
    private final AccountSessions sessions;
    private final UserAccounts userAccounts;

    AuthController(Accounts accounts, AccountSessions sessions, UserAccounts userAccounts) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.userAccounts = userAccounts;
    }

    @GetMapping("/csrf")
    @Operation(
            summary = "Issue a CSRF token",
            description = "Sets the XSRF-TOKEN cookie and returns the token. Send it back in the X-XSRF-TOKEN header"
                    + " on every POST, PUT, PATCH and DELETE.")
    CsrfResponse csrf(HttpServletRequest request) {
        // The request attribute holds a masked (per-response) form of the token; header clients echo the
        // cookie's raw value, so that is the one to hand out.
        DeferredCsrfToken deferred = (DeferredCsrfToken) request.getAttribute(DeferredCsrfToken.class.getName());
        CsrfToken token = deferred.get();
        return new CsrfResponse(token.getHeaderName(), token.getParameterName(), token.getToken());
    }

    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Create a customer account",
            description =
                    "Email must be unique (case-insensitive). Password: at least 10 characters and at most 72 bytes in UTF-8, not a common"
                            + " password, not containing the email address. The account's language (en, de or ar; else en)"
                            + " comes from Accept-Language; a mail with an email verification link follows. 409 when the email is"
                            + " already registered. `accept_privacy_notice` must be true: the person has read the privacy"
                            + " notice (GET /privacy) and agrees to the processing it describes (400 naming"
                            + " `accept_privacy_notice` otherwise); `marketing: true` also agrees to marketing messages."
                            + " Both are recorded in the consent log (GET /api/v1/me/consents) with the account, in one"
                            + " transaction. At most 3 attempts per hour from one client address, taken emails"
                            + " included, shared by all instances (429 with Retry-After).")
    UserResponse register(
            @Valid @RequestBody RegisterRequest request,
            @RequestHeader(name = "Accept-Language", required = false) @Nullable String acceptLanguage,
            HttpServletRequest http) {
        AccountSummary account = accounts.signUp(
                request.email(),
                request.password(),
                request.displayName(),
                SupportedLocales.fromAcceptLanguage(acceptLanguage),
                new SignUpConsent(
                        Boolean.TRUE.equals(request.acceptPrivacyNotice()),
                        Boolean.TRUE.equals(request.marketing()),
                        SignUpConsent.Channel.API),
                http.getRemoteAddr());
        return UserResponse.of(userAccounts.get(account.id()));
    }

    @PostMapping("/login")
    @Operation(
            summary = "Sign in",
            description = "Starts a session: sets the HttpOnly DUKKAN_SESSION cookie (SameSite=Lax). 401 when the"
                    + " email or password is wrong. At most 10 attempts per 15 minutes from one client address,"
                    + " successful ones included, shared by all instances (429 with Retry-After).")
    UserResponse login(
            @Valid @RequestBody LoginRequest request,
            HttpServletRequest httpRequest,
            HttpServletResponse httpResponse) {
        AuthenticatedUser user = sessions.signIn(request.email(), request.password(), httpRequest, httpResponse);
        return UserResponse.of(userAccounts.get(user.id()));
    }

    @PostMapping("/logout")
    @Operation(summary = "Sign out", description = "Ends the session. Answers 204 even without a session.")
    ResponseEntity<Void> logout(HttpServletRequest request, HttpServletResponse response) {
        sessions.signOut(request, response);
        return ResponseEntity.noContent().build();
    }
}
