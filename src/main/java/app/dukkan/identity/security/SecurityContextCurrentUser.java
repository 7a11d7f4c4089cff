package app.dukkan.identity.security;

import app.dukkan.identity.ApiScope;
import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.identity.CurrentUser;
import app.dukkan.platform.Actors;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

@Component
class SecurityContextCurrentUser implements CurrentUser, Actors {

    @Override
    public Optional<AuthenticatedUser> get() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof AccountPrincipal principal) {
            return Optional.of(principal.user());
        }
        return Optional.empty();
    }

    @Override
    public boolean keyAllows(ApiScope scope) {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof ApiKeyAuthentication key) {
            return key.holder().scopes().contains(scope)
                    || key.holder().scopes().contains(ApiScope.ADMIN);
        }
        return true;
    }

    @Override
    public Optional<Actor> current() {
        return get().map(user -> new Actor(user.id().value(), user.email()));
    }
}
