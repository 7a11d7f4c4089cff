package app.dukkan.storefront.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The theme switch: a link per theme that stores the choice and returns to the page. With
 * JavaScript the page switches at once and calls the same link in the background.
 */
@Controller
class ThemeController {

    private final boolean secureCookies;

    ThemeController(
            @org.springframework.beans.factory.annotation.Value("${server.servlet.session.cookie.secure:true}")
                    boolean secureCookies) {
        this.secureCookies = secureCookies;
    }

    @GetMapping("/theme/{code}")
    String choose(
            @PathVariable String code,
            @RequestParam(required = false) @Nullable String next,
            HttpServletResponse response) {
        Theme.ofCode(code)
                .ifPresent(theme -> response.addHeader(
                        HttpHeaders.SET_COOKIE,
                        ResponseCookie.from(Theme.COOKIE, theme.code())
                                .path("/")
                                .maxAge(Duration.ofDays(365))
                                .httpOnly(true)
                                .secure(secureCookies)
                                .sameSite("Lax")
                                .build()
                                .toString()));
        return "redirect:" + SafeNext.orHome(next);
    }
}
