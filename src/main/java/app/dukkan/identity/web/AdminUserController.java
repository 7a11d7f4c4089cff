package app.dukkan.identity.web;

import app.dukkan.identity.Role;
import app.dukkan.identity.UserId;
import app.dukkan.identity.account.UserAccounts;
import app.dukkan.identity.security.SessionRevocation;
import app.dukkan.platform.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Admin: users")
@PreAuthorize("hasRole('ADMIN')")
class AdminUserController {

    record RolesRequest(@NotEmpty @Size(max = 3) List<String> roles) {}

    private final UserAccounts accounts;
    private final SessionRevocation sessions;

    AdminUserController(UserAccounts accounts, SessionRevocation sessions) {
        this.accounts = accounts;
        this.sessions = sessions;
    }

    @PutMapping("/api/v1/admin/users/{id}/roles")
    @Operation(
            summary = "Replace a user's roles",
            description = "Roles: customer, seller, admin. Admins only. Ends the user's sessions, so the new roles"
                    + " apply from the next sign-in on.")
    UserResponse setRoles(@PathVariable UUID id, @Valid @RequestBody RolesRequest request) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String code : request.roles()) {
            try {
                roles.add(Role.fromCode(code));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("roles", "unknown role '" + code + "'; use customer, seller or admin");
            }
        }
        UserResponse changed = UserResponse.of(accounts.changeRoles(new UserId(id), roles));
        sessions.revokeAll(changed.email());
        return changed;
    }
}
