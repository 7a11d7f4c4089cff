package app.dukkan.storefront.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Serves {@code /de/…} and {@code /ar/…} as the same pages as their English paths: the language
 * prefix becomes the request's context path. Controllers, security rules and templates see paths
 * without it, while links built with {@code @{/…}} and {@code redirect:/…} keep it. An error page
 * speaks the language of the page that failed.
 */
class LanguagePrefixFilter extends OncePerRequestFilter {

    static final String LANGUAGE = LanguagePrefixFilter.class.getName() + ".language";

    /** Paths that are never pages: the API, files and assets exist once, without a language. */
    private static final List<String> NOT_PAGES = List.of("/api/", "/assets/", "/files/", "/actuator/", "/webjars/");

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean error = request.getDispatcherType() == DispatcherType.ERROR;
        String path =
                error ? (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) : request.getRequestURI();
        Optional<Language> language = path == null ? Optional.empty() : Language.ofPrefix(path);
        if (language.isEmpty()
                || isNotPage(path.substring(language.get().prefix().length()))) {
            request.setAttribute(LANGUAGE, Language.EN);
            chain.doFilter(request, response);
            return;
        }
        String prefix = language.get().prefix();
        if (!error && path.length() == prefix.length()) {
            response.sendRedirect(prefix + "/");
            return;
        }
        request.setAttribute(LANGUAGE, language.get());
        chain.doFilter(
                error
                        ? new Prefixed(request, prefix, prefix + request.getRequestURI(), request.getServletPath())
                        : new Prefixed(
                                request, prefix, path, request.getServletPath().substring(prefix.length())),
                response);
    }

    private static boolean isNotPage(String path) {
        return NOT_PAGES.stream().anyMatch(path::startsWith);
    }

    /** The request as seen inside the language's "application". */
    private static final class Prefixed extends HttpServletRequestWrapper {
        private final String contextPath;
        private final String requestUri;
        private final String servletPath;

        Prefixed(HttpServletRequest request, String contextPath, String requestUri, String servletPath) {
            super(request);
            this.contextPath = contextPath;
            this.requestUri = requestUri;
            this.servletPath = servletPath;
        }

        @Override
        public String getContextPath() {
            return contextPath;
        }

        @Override
        public String getRequestURI() {
            return requestUri;
        }

        @Override
        public String getServletPath() {
            return servletPath;
        }
    }
}
