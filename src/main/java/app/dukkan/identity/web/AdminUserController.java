package app.dukkan.identity.web;

import app.dukkan.identity.ManagedUser;
import app.dukkan.identity.Role;
import app.dukkan.identity.UserAdministration;
import app.dukkan.identity.UserId;
import app.dukkan.identity.UserPage;
import app.dukkan.identity.UserQuery;
import app.dukkan.identity.UserStatus;
import app.dukkan.platform.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Admin: users", description = "Operators' management of accounts: search, roles, disabling")
@PreAuthorize("hasRole('ADMIN')")
class AdminUserController {

    /** Long enough for any reason the service accepts, so that it (not the binding) names the limit. */
    private static final int MAX_TEXT = 10_000;

    record RolesRequest(
            @NotEmpty @Size(max = 3) List<@NotNull String> roles,
            @Nullable @Size(max = MAX_TEXT) String reason) {}

    record DisableRequest(@Nullable @Size(max = MAX_TEXT) String reason) {}

    record EnableRequest(@Nullable @Size(max = MAX_TEXT) String reason) {}

    /** An account as operators see it; the disabling fields only while it is disabled. */
    record ManagedUserResponse(
            UUID id,
            String email,
            String displayName,
            List<String> roles,
            String status,
            @Nullable String disabledReason,
            @Nullable Instant disabledAt,
            @Nullable UUID disabledBy,
            @Nullable String disabledByEmail,
            Instant createdAt,
            boolean emailVerified,
            String locale) {

        static ManagedUserResponse of(ManagedUser user) {
            return new ManagedUserResponse(
                    user.id().value(),
                    user.email(),
                    user.displayName(),
                    user.roles().stream().sorted().map(Role::code).toList(),
                    user.status().code(),
                    user.disabledReason(),
                    user.disabledAt(),
                    user.disabledBy() == null ? null : user.disabledBy().value(),
                    user.disabledByEmail(),
                    user.createdAt(),
                    user.emailVerified(),
                    user.locale().toLanguageTag());
        }
    }

    record UserPageResponse(List<ManagedUserResponse> items, int page, int size, long total) {

        static UserPageResponse of(UserPage page) {
            return new UserPageResponse(
                    page.items().stream().map(ManagedUserResponse::of).toList(),
                    page.page(),
                    page.size(),
                    page.total());
        }
    }

    private final UserAdministration users;

    AdminUserController(UserAdministration users) {
        this.users = users;
    }

    @GetMapping("/api/v1/admin/users")
    @Operation(
            summary = "Search accounts",
            description = "Newest first (ties by id, so pages are stable), with the number of matching accounts."
                    + " search: a part of the email or display name, in any case (at most 254 characters; blank:"
                    + " every account); role: customer, seller or admin; status: active or disabled; page from 0"
                    + " (at most 10000), size 1-100 (default 20). Each item has id, email, display name, roles,"
                    + " status and, while disabled, disabled_reason, disabled_at, disabled_by and"
                    + " disabled_by_email. 400 naming the parameter for anything else. Admins only (403 for"
                    + " sellers and customers).")
    UserPageResponse search(
            @RequestParam(required = false) @Nullable String search,
            @RequestParam(required = false) @Nullable String role,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        UserQuery query = new UserQuery(search, role(role), status(status));
        return UserPageResponse.of(users.search(query, page, size));
    }

    @GetMapping("/api/v1/admin/users/{id}")
    @Operation(summary = "One account", description = "As in the search's items. 404 for an unknown id. Admins only.")
    ManagedUserResponse get(@PathVariable UUID id) {
        return users.find(new UserId(id))
                .map(ManagedUserResponse::of)
                .orElseThrow(() -> ProblemException.notFound("user", id));
    }

    @PostMapping("/api/v1/admin/users/{id}/disable")
    @Operation(
            summary = "Disable an account",
            description = "reason is required (1-500 characters) and kept with the account and in the audit log"
                    + " (user.disabled). The account can no longer sign in, by password or sign-in link (its"
                    + " sign-in answers exactly as a wrong password does), every session of it ends at once (its"
                    + " next request is anonymous) and its unused password-reset and sign-in links stop"
                    + " working. 400 naming reason; 404 unknown account; 409 self-disable (your own account),"
                    + " already-disabled, or last-active-admin (the shop's only active administrator). Nothing"
                    + " changes on a refusal. Admins only.")
    ManagedUserResponse disable(@PathVariable UUID id, @Valid @RequestBody DisableRequest request) {
        return ManagedUserResponse.of(users.disable(new UserId(id), request.reason() == null ? "" : request.reason()));
    }

    @PostMapping("/api/v1/admin/users/{id}/enable")
    @Operation(
            summary = "Enable a disabled account",
            description = "The account may sign in again; reason is optional (at most 500 characters) and goes to"
                    + " the audit log (user.enabled). 400 naming reason; 404 unknown account; 409 already-enabled."
                    + " Admins only.")
    ManagedUserResponse enable(
            @PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable EnableRequest request) {
        return ManagedUserResponse.of(users.enable(new UserId(id), request == null ? null : request.reason()));
    }

    @PutMapping("/api/v1/admin/users/{id}/roles")
    @Operation(
            summary = "Replace a user's roles",
            description = "roles: customer, seller, admin (at least one). reason is optional (at most 500"
                    + " characters). A change is written to the audit log (user.roles-changed, with the roles"
                    + " before and after) and ends the user's sessions, so the new roles apply from the next"
                    + " sign-in on; the same roles change nothing. 409 last-active-admin when the shop's only"
                    + " active administrator would lose the role. Admins only.")
    UserResponse setRoles(@PathVariable UUID id, @Valid @RequestBody RolesRequest request) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String code : request.roles()) {
            try {
                roles.add(Role.fromCode(code));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("roles", "unknown role '" + code + "'; use customer, seller or admin");
            }
        }
        ManagedUser changed = users.changeRoles(new UserId(id), roles, request.reason());
        return UserResponse.of(changed);
    }

    private static @Nullable Role role(@Nullable String role) {
        if (role == null || role.isBlank()) {
            return null;
        }
        return switch (role.strip().toLowerCase(Locale.ROOT)) {
            case "customer" -> Role.CUSTOMER;
            case "seller" -> Role.SELLER;
            case "admin" -> Role.ADMIN;
            default -> throw ProblemException.invalid("role", "must be one of customer, seller, admin");
        };
    }

    private static @Nullable UserStatus status(@Nullable String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return UserStatus.fromCode(status.strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("status", "must be active or disabled");
        }
    }
}
