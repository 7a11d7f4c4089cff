package app.dukkan.platform;

import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Builds problem details with the shop's stable problem types. Texts are cut to a bounded length
 * and at most {@value #MAX_ERRORS} field errors are listed, so that no message that quotes a
 * client's input can grow with it.
 */
public final class Problems {

    private static final String TYPE_BASE = "https://dukkan.app/problems/";
    private static final int MAX_DETAIL = 1000;
    private static final int MAX_FIELD_TEXT = 200;
    static final int MAX_ERRORS = 50;

    private Problems() {}

    public static ProblemDetail of(HttpStatusCode status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, cut(detail, MAX_DETAIL));
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }

    public static ProblemDetail of(ProblemException exception) {
        ProblemDetail problem = of(exception.status(), exception.type(), exception.title(), exception.getMessage());
        withErrors(problem, exception.errors());
        return problem;
    }

    public static ProblemDetail withErrors(ProblemDetail problem, List<ProblemException.FieldProblem> errors) {
        if (!errors.isEmpty()) {
            problem.setProperty(
                    "errors",
                    errors.stream()
                            .limit(MAX_ERRORS)
                            .map(e -> new ProblemException.FieldProblem(
                                    cut(e.field(), MAX_FIELD_TEXT), cut(e.message(), MAX_FIELD_TEXT)))
                            .toList());
        }
        return problem;
    }

    private static @Nullable String cut(@Nullable String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
