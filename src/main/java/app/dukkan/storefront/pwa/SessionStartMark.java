package app.dukkan.storefront.pwa;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Marks an answer to a navigation that sets the session cookie with {@code Dukkan-Offline:
 * no-store}: the service worker must not keep such an answer for offline reading, and cannot tell
 * by itself, because browsers hide {@code Set-Cookie} from scripts. Only navigations are watched (a
 * worker keeps nothing else), and the filter sits outside the session filter, which writes the
 * cookie.
 */
class SessionStartMark extends OncePerRequestFilter {

    static final String HEADER = "Dukkan-Offline";

    private final String sessionCookie;

    SessionStartMark(String sessionCookie) {
        this.sessionCookie = sessionCookie;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"navigate".equals(request.getHeader("Sec-Fetch-Mode"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, new Marking(response));
    }

    private final class Marking extends HttpServletResponseWrapper {

        Marking(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void addCookie(Cookie cookie) {
            mark(cookie.getName() + "=");
            super.addCookie(cookie);
        }

        @Override
        public void addHeader(String name, String value) {
            if (HttpHeaders.SET_COOKIE.equalsIgnoreCase(name)) {
                mark(value);
            }
            super.addHeader(name, value);
        }

        @Override
        public void setHeader(String name, String value) {
            if (HttpHeaders.SET_COOKIE.equalsIgnoreCase(name)) {
                mark(value);
            }
            super.setHeader(name, value);
        }

        private void mark(String setCookie) {
            if (setCookie.startsWith(sessionCookie + "=")) {
                super.setHeader(HEADER, "no-store");
            }
        }
    }
}
