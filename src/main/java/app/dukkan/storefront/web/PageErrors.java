package app.dukkan.storefront.web;

import app.dukkan.platform.ProblemException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * A page that cannot be served answers with the shop's error page (in the page's language, with
 * search and a way home), never with a problem document or a stack trace.
 */
// the console's pages are pages too: same error page
@ControllerAdvice(basePackages = {"app.dukkan.storefront", "app.dukkan.admin"})
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrors {

    @ExceptionHandler(ProblemException.class)
    ModelAndView problem(ProblemException problem, HttpServletResponse response) {
        if (problem.retryAfter() != null) {
            response.setHeader(
                    HttpHeaders.RETRY_AFTER, Long.toString(problem.retryAfter().toSeconds()));
        }
        return page(problem.status());
    }

    /** A path or query value of the wrong type names nothing that exists. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ModelAndView mismatch() {
        return page(HttpStatus.NOT_FOUND);
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, HandlerMethodValidationException.class})
    ModelAndView badRequest() {
        return page(HttpStatus.BAD_REQUEST);
    }

    /** The error page for a status, as the container's error handling renders it too. */
    static ModelAndView page(HttpStatus status) {
        ModelAndView page = new ModelAndView("error");
        page.setStatus(status);
        page.addObject("status", status.value());
        return page;
    }
}
