package app.dukkan.identity.security;

import app.dukkan.identity.ApiScope;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * What an API key needs for a request under {@code /api/v1}: the first rule whose methods and path
 * match decides. A request no rule matches needs the scope {@code admin}. The same table decides
 * for requests (by their path) and for the OpenAPI description (by its path templates).
 */
final class ApiKeyRules {

    /** The reading methods. */
    static final Set<String> READS = Set.of("GET", "HEAD");
    /** Every method. */
    static final Set<String> ANY = Set.of();

    /** What a key needs: any valid key ({@code scope} null, not denied), a scope, or no key at all. */
    record Access(@Nullable ApiScope scope, boolean denied) {

        static final Access OPEN = new Access(null, false);
        static final Access DENIED = new Access(null, true);

        static Access of(ApiScope scope) {
            return new Access(scope, false);
        }
    }

    /** One line of the table: methods (empty: all), path patterns, and what a key needs there. */
    record Rule(Set<String> methods, List<String> patterns, Access access) {}

    private record Compiled(Rule rule, List<PathPattern> paths, List<RequestMatcher> requests) {}

    private final List<Compiled> rules;

    private ApiKeyRules(List<Rule> rules) {
        List<Compiled> compiled = new ArrayList<>();
        for (Rule rule : rules) {
            List<PathPattern> paths = new ArrayList<>();
            List<RequestMatcher> requests = new ArrayList<>();
            for (String pattern : rule.patterns()) {
                paths.add(PathPatternParser.defaultInstance.parse(pattern));
                if (rule.methods().isEmpty()) {
                    requests.add(PathPatternRequestMatcher.withDefaults().matcher(pattern));
                } else {
                    for (String method : rule.methods()) {
                        requests.add(
                                PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.valueOf(method), pattern));
                    }
                }
            }
            compiled.add(new Compiled(rule, List.copyOf(paths), List.copyOf(requests)));
        }
        this.rules = List.copyOf(compiled);
    }

    static Builder builder() {
        return new Builder();
    }

    List<Rule> rules() {
        return rules.stream().map(Compiled::rule).toList();
    }

    /** What a key needs for this request. */
    Access required(HttpServletRequest request) {
        for (Compiled compiled : rules) {
            if (compiled.requests().stream().anyMatch(matcher -> matcher.matches(request))) {
                return compiled.rule().access();
            }
        }
        return Access.of(ApiScope.ADMIN);
    }

    /** What a key needs for an operation of the API description, e.g. {@code GET /api/v1/orders/{number}}. */
    Access required(String method, String pathTemplate) {
        PathContainer path = PathContainer.parsePath(pathTemplate);
        String wanted = method.toUpperCase(Locale.ROOT);
        for (Compiled compiled : rules) {
            Set<String> methods = compiled.rule().methods();
            if ((methods.isEmpty() || methods.contains(wanted))
                    && compiled.paths().stream().anyMatch(pattern -> pattern.matches(path))) {
                return compiled.rule().access();
            }
        }
        return Access.of(ApiScope.ADMIN);
    }

    static final class Builder {

        private final List<Rule> rules = new ArrayList<>();

        /** Any valid key: what anyone may read without signing in. */
        Builder open(Set<String> methods, String... patterns) {
            rules.add(new Rule(methods, List.of(patterns), Access.OPEN));
            return this;
        }

        /** Never with a key, whatever its scopes. */
        Builder denied(Set<String> methods, String... patterns) {
            rules.add(new Rule(methods, List.of(patterns), Access.DENIED));
            return this;
        }

        Builder scope(Set<String> methods, ApiScope scope, String... patterns) {
            rules.add(new Rule(methods, List.of(patterns), Access.of(scope)));
            return this;
        }

        ApiKeyRules build() {
            return new ApiKeyRules(List.copyOf(rules));
        }
    }
}
