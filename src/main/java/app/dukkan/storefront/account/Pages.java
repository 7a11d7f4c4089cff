package app.dukkan.storefront.account;

import app.dukkan.storefront.web.SafeNext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.view.RedirectView;

/** How account pages answer: a page or, for htmx, its fragment; after a change, the page to go to. */
final class Pages {

    private Pages() {}

    static boolean htmx(HttpServletRequest request) {
        return request.getHeader("HX-Request") != null;
    }

    /**
     * A page with a form, or for an htmx request only the form (the page includes the same
     * fragment). htmx swaps 2xx and 422 answers only, so an htmx answer past a rate limit is a 422
     * whose form says how long to wait (the page itself answers 429).
     */
    static ModelAndView form(
            String template,
            String fragment,
            Form form,
            Map<String, ?> model,
            HttpServletRequest request,
            HttpServletResponse response) {
        boolean htmx = htmx(request);
        ModelAndView page = new ModelAndView(htmx ? template + " :: " + fragment : template, model);
        page.addObject("form", form);
        HttpStatus status = form.status();
        if (form.retryAfter() != null) {
            response.setHeader(
                    HttpHeaders.RETRY_AFTER, Long.toString(form.retryAfter().toSeconds()));
        }
        if (htmx && status.is4xxClientError()) {
            status = HttpStatus.UNPROCESSABLE_CONTENT;
        }
        page.setStatus(status);
        return page;
    }

    /**
     * After a change: 303 to a page of the current language (POST → redirect → GET), or for htmx a
     * full load of it (the header, e.g. the account menu, may have changed).
     */
    static ModelAndView seeOther(HttpServletRequest request, HttpServletResponse response, String path) {
        return seeOtherAbsolute(request, response, request.getContextPath() + path);
    }

    /** As {@link #seeOther}, to a path that carries its language prefix already. */
    static ModelAndView seeOtherAbsolute(HttpServletRequest request, HttpServletResponse response, String path) {
        if (htmx(request)) {
            response.setHeader("HX-Redirect", path);
            View nothing = (model, req, res) -> res.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return new ModelAndView(nothing);
        }
        RedirectView view = new RedirectView(path, false);
        view.setStatusCode(HttpStatus.SEE_OTHER);
        view.setExposeModelAttributes(false);
        return new ModelAndView(view);
    }

    /**
     * Where to go after signing in: {@code next} when it is a path of this shop, also when
     * percent-decoded (again and again: {@code /%2F%2Fevil.example} and {@code /%252F%252Fevil.example}
     * are refused as {@code //evil.example} is), else the account page.
     */
    static String afterSignIn(@Nullable String next) {
        if (next == null || next.isEmpty()) {
            return "/account";
        }
        String decoded = next;
        for (int round = 0; round < 4; round++) {
            if (!SafeNext.isSafe(decoded)) {
                return "/account";
            }
            String once;
            try {
                once = URLDecoder.decode(decoded, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return "/account";
            }
            if (once.equals(decoded)) {
                return next;
            }
            decoded = once;
        }
        // still encoded after four rounds: nobody links like that
        return "/account";
    }

    /** The {@code next} to carry through a form: only a safe one, else none. */
    static @Nullable String keptNext(@Nullable String next) {
        return afterSignIn(next).equals(next) ? next : null;
    }
}
