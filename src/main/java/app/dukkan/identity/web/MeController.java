package app.dukkan.identity.web;

import app.dukkan.identity.AccountSessions;
import app.dukkan.identity.Accounts;
import app.dukkan.identity.CurrentUser;
import app.dukkan.identity.UserId;
import app.dukkan.identity.account.UserAccounts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Accounts")
class MeController {

    record ProfileChange(
            @Nullable @Size(min = 1, max = 100) String displayName,

            @Nullable @Pattern(regexp = "en|de|ar", message = "must be one of en, de, ar")
            String locale) {}

    record PasswordChange(
            @NotBlank @Size(max = 1000) String currentPassword,
            @NotBlank @Size(max = 1000) String password) {}

    private final CurrentUser currentUser;
    private final UserAccounts userAccounts;
    private final Accounts accounts;
    private final AccountSessions sessions;

    MeController(CurrentUser currentUser, UserAccounts userAccounts, Accounts accounts, AccountSessions sessions) {
        this.currentUser = currentUser;
        this.userAccounts = userAccounts;
        this.accounts = accounts;
        this.sessions = sessions;
    }

    @GetMapping("/api/v1/me")
    @Operation(
            summary = "The signed-in user with roles",
            description = "Includes email_verified and the locale of the user's mails. 401 without a session.")
    UserResponse me() {
        return UserResponse.of(userAccounts.get(currentUser.require().id()));
    }

    @PatchMapping("/api/v1/me")
    @Operation(
            summary = "Change your display name or language",
            description = "Fields left out stay as they are. locale: en, de or ar (the language of the shop's pages"
                    + " and mails for this account).")
    UserResponse change(@Valid @RequestBody ProfileChange change) {
        UserId id = currentUser.require().id();
        var account = userAccounts.get(id);
        accounts.updateProfile(
                id,
                change.displayName() != null ? change.displayName() : account.displayName(),
                change.locale() != null ? Locale.forLanguageTag(change.locale()) : account.locale());
        return UserResponse.of(userAccounts.get(id));
    }

    @PostMapping("/api/v1/me/password")
    @Operation(
            summary = "Change your password",
            description = "204: the password is changed, every other session of the account ended and its API"
                    + " keys revoked; this one stays signed in. 400 naming current_password when it is wrong, naming password when the policy"
                    + " refuses the new one. Checks count against the sign-in limit of the client address (429 with"
                    + " Retry-After).")
    ResponseEntity<Void> changePassword(@Valid @RequestBody PasswordChange change, HttpServletRequest request) {
        sessions.changePassword(currentUser.require().id(), change.currentPassword(), change.password(), request);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/me/email/verification")
    @Operation(
            summary = "Send the email verification mail again",
            description = "202: a new link is on its way (earlier unused links keep working until they expire)."
                    + " 429 with Retry-After within a minute of the last one; 409 when the email is already verified.")
    ResponseEntity<Void> resendVerification() {
        accounts.resendVerification(currentUser.require().id());
        return ResponseEntity.accepted().build();
    }
}
