package app.dukkan.identity.security;

import app.dukkan.identity.ApiScope;
import app.dukkan.identity.apikey.ApiKeyAuthenticator.KeyHolder;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request authenticated by an API key: its owner (so {@link app.dukkan.identity.CurrentUser} and
 * the role rules see the owner, with the roles the owner has now) and the key's scopes as {@code
 * SCOPE_…} authorities. Lives for one request; never stored in a session.
 */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final AccountPrincipal principal;
    private final KeyHolder holder;

    ApiKeyAuthentication(KeyHolder holder) {
        super(authorities(holder));
        this.holder = holder;
        this.principal = new AccountPrincipal(holder.owner(), true, null);
        setAuthenticated(true);
    }

    private static List<GrantedAuthority> authorities(KeyHolder holder) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        holder.owner().roles().forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role.name())));
        holder.scopes().stream()
                .map(ApiScope::code)
                .forEach(scope -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + scope)));
        return authorities;
    }

    KeyHolder holder() {
        return holder;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public AccountPrincipal getPrincipal() {
        return principal;
    }
}
