package app.dukkan.identity.web;

import app.dukkan.identity.CurrentUser;
import app.dukkan.identity.account.UserAccounts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Accounts")
class MeController {

    private final CurrentUser currentUser;
    private final UserAccounts accounts;

    MeController(CurrentUser currentUser, UserAccounts accounts) {
        this.currentUser = currentUser;
        this.accounts = accounts;
    }

    @GetMapping("/api/v1/me")
    @Operation(summary = "The signed-in user with roles", description = "401 without a session.")
    UserResponse me() {
        return UserResponse.of(accounts.get(currentUser.require().id()));
    }
}
