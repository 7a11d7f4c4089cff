package app.dukkan.identity.web;

import app.dukkan.identity.CurrentUser;
import app.dukkan.identity.account.EmailVerification;
import app.dukkan.identity.account.UserAccounts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Accounts")
class MeController {

    private final CurrentUser currentUser;
    private final UserAccounts accounts;
    private final EmailVerification emailVerification;

    MeController(CurrentUser currentUser, UserAccounts accounts, EmailVerification emailVerification) {
        this.currentUser = currentUser;
        this.accounts = accounts;
        this.emailVerification = emailVerification;
    }

    @GetMapping("/api/v1/me")
    @Operation(
            summary = "The signed-in user with roles",
            description = "Includes email_verified and the locale of the user's mails. 401 without a session.")
    UserResponse me() {
        return UserResponse.of(accounts.get(currentUser.require().id()));
    }

    @PostMapping("/api/v1/me/email/verification")
    @Operation(
            summary = "Send the email verification mail again",
            description = "202: a new link is on its way (earlier unused links keep working until they expire)."
                    + " 429 with Retry-After within a minute of the last one; 409 when the email is already verified.")
    ResponseEntity<Void> resendVerification() {
        emailVerification.resend(currentUser.require().id());
        return ResponseEntity.accepted().build();
    }
}
