package app.dukkan.automation.workflow;

import app.dukkan.identity.ApiScope;
import app.dukkan.identity.CurrentUser;
import app.dukkan.platform.ProblemException;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * 403 {@code insufficient-scope}: an API key asked for something that reaches further than the
 * scope of its route, without the scope that covers it. Answered with {@code required_scope}, as the
 * refusal of a route's own scope is.
 */
public final class ScopeRequired extends ProblemException {

    private final ApiScope scope;

    private ScopeRequired(ApiScope scope, String detail) {
        super(HttpStatus.FORBIDDEN, "insufficient-scope", "Insufficient scope", detail, List.of());
        this.scope = scope;
    }

    /**
     * @param what what the caller asked for, as the start of a sentence ("A workflow that reads orders")
     * @throws ScopeRequired when an API key without the scope (or {@code admin}) calls; a session's
     *     roles decide by themselves
     */
    public static void check(CurrentUser caller, ApiScope scope, String what) {
        if (!caller.keyAllows(scope)) {
            throw new ScopeRequired(
                    scope,
                    what + " needs an API key with the scope " + scope.code()
                            + (scope == ApiScope.ADMIN ? "" : " (or admin)"));
        }
    }

    public ApiScope scope() {
        return scope;
    }
}
