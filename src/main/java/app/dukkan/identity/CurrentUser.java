package app.dukkan.identity;

import app.dukkan.platform.ProblemException;
import java.util.Optional;

/** Who is calling: the signed-in user of the current request, if any. */
public interface CurrentUser {

    Optional<AuthenticatedUser> get();

    default AuthenticatedUser require() {
        return get().orElseThrow(() -> ProblemException.unauthorized("Sign in first"));
    }

    /**
     * Whether the request may do what the scope covers beyond the route it called: always with a
     * session (its roles decide), with an API key only when the key has the scope or {@code admin}.
     */
    boolean keyAllows(ApiScope scope);
}
