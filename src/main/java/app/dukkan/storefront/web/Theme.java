package app.dukkan.storefront.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Light, dark, or whatever the device prefers. Kept in a cookie so the server renders the chosen
 * theme into the page and it never flashes the other one first.
 */
public enum Theme {
    LIGHT,
    DARK,
    SYSTEM;

    static final String COOKIE = "DUKKAN_THEME";

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Theme> ofCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code().equals(code)).findFirst();
    }

    static Theme of(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (COOKIE.equals(cookie.getName())) {
                    return ofCode(cookie.getValue()).orElse(SYSTEM);
                }
            }
        }
        return SYSTEM;
    }
}
