package app.dukkan.identity;

import java.io.Serializable;
import java.util.Set;

/** The signed-in user behind the current request. */
public record AuthenticatedUser(UserId id, String email, Set<Role> roles) implements Serializable {

    public AuthenticatedUser {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return has(Role.ADMIN);
    }
}
