package app.dukkan.platform.web;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequestMappingHandlerMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.lang.reflect.Method;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Spring MVC's handler look-up, with a cheap first test. A request whose path has a variable part
 * ({@code /api/v1/triggers/{key}}) is matched against every mapping of the shop, several hundred,
 * each asking the request for its method and headers through a stack of filter wrappers and then
 * matching its patterns; under load that was a sixth of the CPU of a short API call. Here a mapping
 * none of whose patterns' literal beginnings the path starts with is passed over before any of
 * that, and the request's method is read once per look-up. It extends htmx's mapping, which adds
 * the {@code @HxRequest} conditions.
 *
 * <p>The test only rules out mappings that could not match: a literal pattern is kept whole, and
 * of any other the beginning up to its last {@code /} ahead of the first variable or wildcard (so
 * {@code /api/**} still takes {@code /api}); paths with escapes ({@code %}) skip the test, since
 * patterns match decoded segments.
 */
class PrefixFilteredHandlerMapping extends HtmxRequestMappingHandlerMapping {

    /**
     * The literal beginnings of each mapping's patterns; absent: the mapping is always tried. By
     * identity (a mapping's own hash and equality walk all its conditions), replaced whole on the
     * rare registration after start-up.
     */
    private volatile Map<RequestMappingInfo, String[]> prefixes = new IdentityHashMap<>();

    @Override
    protected void registerHandlerMethod(Object handler, Method method, RequestMappingInfo mapping) {
        super.registerHandlerMethod(handler, method, mapping);
        String[] literal = literalPrefixes(mapping);
        if (literal != null) {
            synchronized (this) {
                Map<RequestMappingInfo, String[]> updated = new IdentityHashMap<>(prefixes);
                updated.put(mapping, literal);
                prefixes = updated;
            }
        }
    }

    @Override
    protected @Nullable HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request)
            throws Exception {
        return super.lookupHandlerMethod(lookupPath, new Lookup(request, lookupPath));
    }

    @Override
    protected @Nullable RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
        if (request instanceof Lookup lookup && lookup.rulesOut(prefixes.get(info))) {
            return null;
        }
        return super.getMatchingMapping(info, request);
    }

    /** The mappings a request to {@code path} is matched against in full: those the prefix test keeps. */
    List<RequestMappingInfo> candidates(String path) {
        return getHandlerMethods().keySet().stream()
                .filter(info -> !rulesOut(path, prefixes.get(info)))
                .toList();
    }

    /** The prefixes a path must start with one of to match {@code mapping}; null when any path might. */
    private String @Nullable [] literalPrefixes(RequestMappingInfo mapping) {
        PathPatternParser parser = getPatternParser();
        PathPatternsRequestCondition condition = mapping.getPathPatternsCondition();
        if (parser == null || !parser.isCaseSensitive() || condition == null) {
            return null;
        }
        String[] literal = condition.getPatterns().stream()
                .map(PathPattern::getPatternString)
                .map(PrefixFilteredHandlerMapping::literalPrefix)
                .toArray(String[]::new);
        for (String prefix : literal) {
            if (prefix.isEmpty()) {
                return null;
            }
        }
        return literal;
    }

    /**
     * A literal pattern whole; else the pattern up to (not including) the last {@code /} before its
     * first variable or wildcard.
     */
    static String literalPrefix(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '{' || c == '*' || c == '?') {
                int slash = pattern.lastIndexOf('/', i - 1);
                return slash <= 0 ? "" : pattern.substring(0, slash);
            }
        }
        return pattern;
    }

    private static boolean rulesOut(@Nullable String path, String @Nullable [] prefixes) {
        if (path == null || prefixes == null) {
            return false;
        }
        for (String prefix : prefixes) {
            if (path.startsWith(prefix)) {
                return false;
            }
        }
        return true;
    }

    /** The request during one look-up: its path, and its method read once. */
    private static final class Lookup extends HttpServletRequestWrapper {

        private final @Nullable String path;
        private final String method;

        Lookup(HttpServletRequest request, String lookupPath) {
            super(request);
            this.path = lookupPath.indexOf('%') < 0 ? lookupPath : null;
            this.method = request.getMethod();
        }

        @Override
        public String getMethod() {
            return method;
        }

        boolean rulesOut(String @Nullable [] prefixes) {
            return PrefixFilteredHandlerMapping.rulesOut(path, prefixes);
        }
    }
}
