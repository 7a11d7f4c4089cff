package app.dukkan.storefront.web;

import org.jspecify.annotations.Nullable;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Which of the error page's texts fits a status: {@code ${@errorPage.kind(status)}}. */
@Component("errorPage")
public class ErrorPage {

    public String kind(@Nullable Integer status) {
        int code = status == null ? 500 : status;
        return switch (code) {
            case 400, 405, 415 -> "bad-request";
            case 413 -> "too-large";
            case 401, 403 -> staleForm() ? "stale-form" : "forbidden";
            case 404 -> "not-found";
            case 409 -> "conflict";
            case 429 -> "too-many";
            case 503 -> "busy";
            default -> code >= 500 ? "server" : "bad-request";
        };
    }

    /** A form sent with a missing or outdated CSRF token (e.g. a page left open across a sign-out). */
    private static boolean staleForm() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && attributes.getRequest().getAttribute(WebAttributes.ACCESS_DENIED_403) instanceof CsrfException;
    }
}
