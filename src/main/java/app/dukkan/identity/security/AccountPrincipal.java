package app.dukkan.identity.security;

import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.identity.Role;
import java.util.Collection;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The principal kept in the session: the user without the password hash. */
public final class AccountPrincipal implements UserDetails, CredentialsContainer {

    private final AuthenticatedUser user;
    private final boolean enabled;
    private @Nullable String passwordHash;

    public AccountPrincipal(AuthenticatedUser user, boolean enabled, @Nullable String passwordHash) {
        this.user = user;
        this.enabled = enabled;
        this.passwordHash = passwordHash;
    }

    public AuthenticatedUser user() {
        return user;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return user.roles().stream()
                .map(Role::name)
                .map(role -> new SimpleGrantedAuthority("ROLE_" + role))
                .toList();
    }

    @Override
    public @Nullable String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return user.email();
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }
}
