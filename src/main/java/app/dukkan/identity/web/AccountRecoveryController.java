package app.dukkan.identity.web;

import app.dukkan.identity.Accounts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
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

/** Email verification and password reset by mailed, single-use links. */
@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Accounts")
class AccountRecoveryController {

    record TokenRequest(@NotBlank @Size(max = 200) String token) {}

    record ResetRequest(@NotBlank @Email @Size(max = 254) String email) {}

    record ResetConfirmation(
            @NotBlank @Size(max = 200) String token,
            @NotBlank @Size(max = 1000) String password) {}

    record Accepted(String status, String detail) {}

    /** The one answer to every accepted reset request, whether or not the account exists. */
    private static final Accepted RESET_ACCEPTED = new Accepted(
            "accepted",
            "If an account uses this email address, a link to choose a new password is on its way."
                    + " It works once, for one hour.");

    private final Accounts accounts;

    AccountRecoveryController(Accounts accounts) {
        this.accounts = accounts;
    }

    @PostMapping("/email/verify")
    @Operation(
            summary = "Confirm an email address with the mailed token",
            description = "204: the account's email is verified and the token used up. 400 invalid-token (unknown"
                    + " or tampered), 410 token-expired (after 24 h) or 410 token-used; nothing changes then.")
    ResponseEntity<Void> verifyEmail(@Valid @RequestBody TokenRequest request) {
        accounts.verifyEmail(request.token());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/password/reset")
    @Operation(
            summary = "Ask for a password reset mail",
            description = "Always 202 with the same body, whether or not an account has this email: only the"
                    + " mailbox's owner learns more. A new link replaces earlier unused ones. At most 5 requests"
                    + " per hour from one client address, shared by all instances (429 with Retry-After); at most 3"
                    + " mails per hour to one email address (further requests answer the same 202 and send nothing).")
    ResponseEntity<Accepted> requestReset(@Valid @RequestBody ResetRequest request, HttpServletRequest http) {
        accounts.requestPasswordReset(request.email(), http.getRemoteAddr());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(RESET_ACCEPTED);
    }

    @PostMapping("/password/confirm")
    @Operation(
            summary = "Set a new password with the mailed token",
            description = "204: the password is changed, the token used up and every session of the account"
                    + " ended; sign in again. 400 naming password when the policy refuses it (the token stays"
                    + " usable), 400 invalid-token, 410 token-expired or 410 token-used; nothing changes then.")
    ResponseEntity<Void> confirmReset(@Valid @RequestBody ResetConfirmation request) {
        accounts.resetPassword(request.token(), request.password());
        return ResponseEntity.noContent().build();
    }
}
