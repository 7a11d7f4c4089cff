package app.dukkan.platform.observability;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What names a request in per-route figures: the matched route pattern, never the raw path
 * (unbounded values), with the same fallbacks as Spring's {@code http.server.requests}.
 */
final class RouteNames {

    // any other method a client invents is reported as UNKNOWN
    private static final Set<String> METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE");

    private RouteNames() {}

    static String method(String method) {
        return METHODS.contains(method) ? method : "UNKNOWN";
    }

    static String route(@Nullable String pattern, int status) {
        if (pattern != null) {
            return pattern;
        }
        if (status == 404) {
            return "NOT_FOUND";
        }
        return status >= 300 && status < 400 ? "REDIRECTION" : "UNKNOWN";
    }
}
