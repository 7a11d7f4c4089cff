package app.dukkan.identity.account;

import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.identity.CurrentUser;
import app.dukkan.identity.ManagedUser;
import app.dukkan.identity.Role;
import app.dukkan.identity.UserAdministration;
import app.dukkan.identity.UserId;
import app.dukkan.identity.UserPage;
import app.dukkan.identity.UserQuery;
import app.dukkan.identity.UserStatus;
import app.dukkan.platform.AuditLog;
import app.dukkan.platform.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** {@link UserAdministration} over the account tables, with the audit log and session revocation. */
@Service
class UserAdministrationService implements UserAdministration {

    private final ManagedUsers users;
    private final UserAccountRepository accounts;
    private final UserTokenRepository tokens;
    private final CurrentUser currentUser;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    UserAdministrationService(
            ManagedUsers users,
            UserAccountRepository accounts,
            UserTokenRepository tokens,
            CurrentUser currentUser,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.users = users;
        this.accounts = accounts;
        this.tokens = tokens;
        this.currentUser = currentUser;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public UserPage search(UserQuery query, int page, int size) {
        requireAdmin();
        if (page < 0 || page > MAX_PAGE) {
            throw ProblemException.invalid("page", "must be between 0 and " + MAX_PAGE);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ProblemException.invalid("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        String search = query.search();
        if (search != null && search.strip().codePointCount(0, search.strip().length()) > MAX_SEARCH_LENGTH) {
            throw ProblemException.invalid("search", "must be at most " + MAX_SEARCH_LENGTH + " characters");
        }
        return new UserPage(users.page(query, page, size), page, size, users.count(query));
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ManagedUser> find(UserId id) {
        requireAdmin();
        return users.find(id);
    }

    @Override
    public Map<UserId, ManagedUser> find(Collection<UserId> ids) {
        requireAdmin();
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<UserId, ManagedUser> found = new HashMap<>();
        users.find(ids).forEach(user -> found.put(user.id(), user));
        return found;
    }

    @Override
    @Transactional
    public ManagedUser disable(UserId id, String reason) {
        AuthenticatedUser operator = requireAdmin();
        String why = reason(reason, true);
        users.lockAdministration();
        ManagedUser user = locked(id);
        if (operator.id().equals(id)) {
            throw conflict("self-disable", "Cannot disable yourself", "You cannot disable your own account.");
        }
        if (user.status() == UserStatus.DISABLED) {
            throw conflict("already-disabled", "Already disabled", "This account is disabled already.");
        }
        if (user.has(Role.ADMIN)) {
            requireAnotherActiveAdmin(id, "disabled");
        }
        Instant now = now();
        users.disable(id, why, now, operator.id());
        // links mailed before stop working with the account; verification links may stay
        tokens.markAllUsed(id, TokenPurpose.PASSWORD_RESET, now);
        tokens.markAllUsed(id, TokenPurpose.MAGIC_LINK, now);
        events.publishEvent(new AccessChanged(id, user.email()));
        audit.record("user.disabled", "user", id.toString(), why, Map.of("email", user.email()));
        return users.find(id).orElseThrow();
    }

    @Override
    @Transactional
    public ManagedUser enable(UserId id, @Nullable String reason) {
        requireAdmin();
        String why = reason(reason, false);
        ManagedUser user = locked(id);
        if (user.status() == UserStatus.ACTIVE) {
            throw conflict("already-enabled", "Already active", "This account is active already.");
        }
        if (!users.enable(id, now())) {
            // the erasure's jobs are under way or done: the account is nobody's decision to undo
            throw conflict(
                    "erasure-pending",
                    "Closed for an erasure",
                    "This account was closed for an erasure of its personal data and cannot be enabled again.");
        }
        audit.record("user.enabled", "user", id.toString(), why, Map.of("email", user.email()));
        return users.find(id).orElseThrow();
    }

    @Override
    @Transactional
    public ManagedUser changeRoles(UserId id, Set<Role> roles, @Nullable String reason) {
        requireAdmin();
        if (roles.isEmpty()) {
            throw ProblemException.invalid("roles", "must contain at least one role");
        }
        String why = reason(reason, false);
        users.lockAdministration();
        ManagedUser user = locked(id);
        Set<Role> wanted = EnumSet.copyOf(roles);
        if (wanted.equals(user.roles().isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(user.roles()))) {
            return user;
        }
        if (user.has(Role.ADMIN) && !wanted.contains(Role.ADMIN) && user.status() == UserStatus.ACTIVE) {
            requireAnotherActiveAdmin(id, "left without the role admin");
        }
        accounts.replaceRoles(id, wanted, now());
        // a session keeps the roles it signed in with: the new ones apply from the next sign-in
        events.publishEvent(new AccessChanged(id, user.email()));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("email", user.email());
        details.put("from", codes(user.roles()));
        details.put("to", codes(wanted));
        audit.record("user.roles-changed", "user", id.toString(), why, details);
        return users.find(id).orElseThrow();
    }

    private AuthenticatedUser requireAdmin() {
        AuthenticatedUser user = currentUser.require();
        if (!user.isAdmin()) {
            throw ProblemException.forbidden("Only administrators manage accounts");
        }
        return user;
    }

    /** The account, its row locked until the transaction ends; 404 when there is none. */
    private ManagedUser locked(UserId id) {
        if (!accounts.lock(id)) {
            throw ProblemException.notFound("user", id);
        }
        return users.find(id).orElseThrow(() -> ProblemException.notFound("user", id));
    }

    private void requireAnotherActiveAdmin(UserId id, String change) {
        if (users.otherActiveAdmins(id) == 0) {
            throw conflict(
                    "last-active-admin",
                    "Last active administrator",
                    "This is the shop's only active administrator: it cannot be " + change
                            + ". Make another account an administrator first.");
        }
    }

    /** The reason stripped, 1 to {@link #MAX_REASON_LENGTH} characters; null when optional and blank. */
    private static @Nullable String reason(@Nullable String reason, boolean required) {
        String text = reason == null ? "" : reason.strip();
        if (text.isEmpty()) {
            if (required) {
                throw ProblemException.invalid("reason", "is required: say why the account is disabled");
            }
            return null;
        }
        if (text.codePointCount(0, text.length()) > MAX_REASON_LENGTH) {
            throw ProblemException.invalid("reason", "must be at most " + MAX_REASON_LENGTH + " characters");
        }
        return text;
    }

    private static List<String> codes(Set<Role> roles) {
        return roles.stream().sorted().map(Role::code).toList();
    }

    private static ProblemException conflict(String type, String title, String detail) {
        return new ProblemException(HttpStatus.CONFLICT, type, title, detail, List.of());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
