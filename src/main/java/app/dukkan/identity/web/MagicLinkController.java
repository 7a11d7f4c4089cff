package app.dukkan.identity.web;

import app.dukkan.identity.AccountSessions;
import app.dukkan.identity.Accounts;
import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.identity.account.UserAccounts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Sign-in links mailed to operators (admins and sellers of the allowed email domains). */
@RestController
@RequestMapping("/api/v1/auth/magic-link")
@Tag(name = "Accounts")
class MagicLinkController {

    record LinkRequest(@NotBlank @Email @Size(max = 254) String email) {}

    record TokenRequest(@NotBlank @Size(max = 200) String token) {}

    record Accepted(String status, String detail) {}

    private final Accounts accounts;
    private final AccountSessions sessions;
    private final UserAccounts userAccounts;

    MagicLinkController(Accounts accounts, AccountSessions sessions, UserAccounts userAccounts) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.userAccounts = userAccounts;
    }

    @PostMapping
    @Operation(
            summary = "Ask for a sign-in link by mail (operators)",
            description = "Always 202 with the same body, whether or not the address belongs to an account that may"
                    + " use links (enabled, role admin or seller, email domain on dukkan.identity.magic-link.domains):"
                    + " the address is looked up by a background job, so every request does the same work. Only"
                    + " such an account gets a mail, with a link that signs it in once within 15 minutes"
                    + " (dukkan.identity.magic-link.ttl) and replaces its earlier links. At most 10 requests per"
                    + " hour from one client address (429 with Retry-After); at most 5 mails per hour for one"
                    + " email address, counted for every address, beyond which the answer stays 202 and nothing"
                    + " is sent. 400 naming email for a malformed address; 404 while the"
                    + " feature is off (no domains configured).")
    ResponseEntity<Accepted> request(@Valid @RequestBody LinkRequest request, HttpServletRequest http) {
        accounts.requestMagicLink(request.email(), http.getRemoteAddr());
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(new Accepted(
                        "accepted",
                        "If this address may sign in with a link, the link is on its way. It works once, for "
                                + accounts.magicLinkTtl().toMinutes() + " minutes."));
    }

    @PostMapping("/sign-in")
    @Operation(
            summary = "Sign in with the token of a mailed sign-in link",
            description = "Uses the token up and starts a session as POST /api/v1/auth/login does (the HttpOnly"
                    + " DUKKAN_SESSION cookie). 400 invalid-token (unknown or tampered, or the account may no"
                    + " longer use links: disabled, no longer an operator, its domain no longer allowed), 410"
                    + " token-expired, 410 token-used (used, or replaced by a newer link); nobody is signed in"
                    + " then. Opening the mailed link in a browser shows a page whose button does this.")
    UserResponse signIn(
            @Valid @RequestBody TokenRequest request, HttpServletRequest http, HttpServletResponse response) {
        AuthenticatedUser user = sessions.signInWithLink(request.token(), http, response);
        return UserResponse.of(userAccounts.get(user.id()));
    }
}
