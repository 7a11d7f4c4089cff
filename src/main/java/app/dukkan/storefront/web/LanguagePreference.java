package app.dukkan.storefront.web;

import app.dukkan.identity.Accounts;
import app.dukkan.identity.CurrentUser;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Remembers the language of the pages a shopper reads in the {@code DUKKAN_LANG} cookie (and, when
 * signed in, as the account's language, which its mails use), and brings
 * someone who enters the shop at the English home page back to the language they chose before.
 * Moving between languages inside the shop (the switch links to the same page in the other
 * language) changes the choice; a link from another site (a shared product page in Arabic, or a
 * hostile page) shows its language without changing anyone's choice.
 */
class LanguagePreference implements HandlerInterceptor {

    static final String COOKIE = "DUKKAN_LANG";

    private final boolean secureCookies;
    private final CurrentUser currentUser;
    private final Accounts accounts;

    LanguagePreference(boolean secureCookies, CurrentUser currentUser, Accounts accounts) {
        this.secureCookies = secureCookies;
        this.currentUser = currentUser;
        this.accounts = accounts;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!"GET".equals(request.getMethod()) || request.getHeader("HX-Request") != null) {
            return true;
        }
        Language language = PageContext.language(request);
        Optional<Language> remembered = remembered(request);
        boolean crossSite = crossSite(request);
        if (remembered.isEmpty() || remembered.get() == language) {
            if (remembered.isEmpty() && language != Language.EN && !crossSite) {
                remember(response, language);
            }
            return true;
        }
        boolean home = language == Language.EN && "/".equals(request.getRequestURI());
        if (home && !cameFromThisShop(request)) {
            response.setHeader(HttpHeaders.LOCATION, remembered.get().prefix() + "/");
            response.setStatus(HttpServletResponse.SC_FOUND);
            return false;
        }
        if (!crossSite) {
            remember(response, language);
        }
        return true;
    }

    private void remember(HttpServletResponse response, Language language) {
        currentUser.get().ifPresent(user -> accounts.rememberLanguage(user.id(), language.locale()));
        response.addHeader(
                HttpHeaders.SET_COOKIE,
                ResponseCookie.from(COOKIE, language.tag())
                        .path("/")
                        .maxAge(Duration.ofDays(365))
                        .httpOnly(true)
                        .secure(secureCookies)
                        .sameSite("Lax")
                        .build()
                        .toString());
    }

    private static Optional<Language> remembered(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (COOKIE.equals(cookie.getName())) {
                    return Language.ofTag(cookie.getValue());
                }
            }
        }
        return Optional.empty();
    }

    /** A navigation from another site, as the browser says (Fetch Metadata). */
    private static boolean crossSite(HttpServletRequest request) {
        return "cross-site".equals(request.getHeader("Sec-Fetch-Site"));
    }

    private static boolean cameFromThisShop(HttpServletRequest request) {
        @Nullable String referer = request.getHeader(HttpHeaders.REFERER);
        if (referer == null) {
            return false;
        }
        try {
            return request.getServerName().equalsIgnoreCase(URI.create(referer).getHost());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
