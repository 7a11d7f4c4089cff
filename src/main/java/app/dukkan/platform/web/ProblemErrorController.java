package app.dukkan.platform.web;

import app.dukkan.platform.Problems;
import app.dukkan.platform.Uploads;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.autoconfigure.web.ErrorProperties;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.servlet.view.RedirectView;

/**
 * Errors the servlet container handles itself (a filter's or Tomcat's refusal) answer problem
 * details like every other error; pages keep Spring Boot's error views, except a browser's upload
 * form refused for its declared size, which goes back to its form. The error path requested
 * directly is simply not found.
 */
class ProblemErrorController extends BasicErrorController {

    ProblemErrorController(ErrorAttributes attributes, ErrorProperties properties, List<ErrorViewResolver> views) {
        super(attributes, properties, views);
    }

    @Override
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        HttpStatus status = getStatus(request);
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        ProblemDetail problem = switch (status) {
            case NOT_FOUND ->
                Problems.of(
                        status,
                        "not-found",
                        "Not found",
                        "No resource at " + ApiExceptionHandler.echo(path == null ? request.getRequestURI() : path));
            case CONTENT_TOO_LARGE ->
                request.getAttribute(BodyLimitFilter.LIMIT) instanceof DataSize limit
                        ? BodyLimitFilter.tooLarge(limit)
                        : refused(status);
            case SERVICE_UNAVAILABLE ->
                Problems.of(status, "busy", "Busy", "The shop is very busy right now: try again in a moment");
            case INTERNAL_SERVER_ERROR ->
                Problems.of(status, "internal", "Internal error", "Something went wrong on our side");
            default -> refused(status);
        };
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }

    /**
     * A browser's upload form whose declared length passed its route's limit goes back to the form
     * (303 to the same path, without the query and its token), which says why ({@link
     * Uploads#REFUSED_AS_TOO_LARGE}); its body was read by the error dispatch (see the multipart
     * resolver), so the browser reads this answer. Every other error of a page is the error page.
     */
    @Override
    public ModelAndView errorHtml(HttpServletRequest request, HttpServletResponse response) {
        if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String path
                && isRefusedUploadForm(request, path)) {
            RequestContextUtils.getOutputFlashMap(request).put(Uploads.REFUSED_AS_TOO_LARGE, true);
            RedirectView back = new RedirectView(path);
            back.setStatusCode(HttpStatus.SEE_OTHER);
            back.setExposeModelAttributes(false);
            return new ModelAndView(back);
        }
        return super.errorHtml(request, response);
    }

    /**
     * Refused by the body limit before it was read: a multipart form of a page, never of the API. (The
     * error dispatch reports the method as GET, so the content type tells a form's upload.)
     */
    private static boolean isRefusedUploadForm(HttpServletRequest request, String path) {
        return request.getAttribute(BodyLimitFilter.LIMIT) != null
                && request.getContentType() != null
                && request.getContentType().toLowerCase(Locale.ROOT).startsWith("multipart/form-data")
                && !path.startsWith("/api/");
    }

    private static ProblemDetail refused(HttpStatus status) {
        return Problems.of(
                status,
                "http-" + status.value(),
                status.getReasonPhrase(),
                "The request was refused: " + status.getReasonPhrase());
    }

    /** Without an error to report, the error path was asked for as a page of its own. */
    @Override
    protected HttpStatus getStatus(HttpServletRequest request) {
        if (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) == null) {
            return HttpStatus.NOT_FOUND;
        }
        return super.getStatus(request);
    }
}
