package app.dukkan.identity;

import app.dukkan.platform.ProblemException;
import java.util.Optional;

/** Who is calling: the signed-in user of the current request, if any. */
public interface CurrentUser {

    Optional<AuthenticatedUser> get();

    default AuthenticatedUser require() {
        return get().orElseThrow(() -> ProblemException.unauthorized("Sign in first"));
    }
}
