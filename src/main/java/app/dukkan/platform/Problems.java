package app.dukkan.platform;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds problem details with the shop's stable problem types. */
public final class Problems {

    private static final String TYPE_BASE = "https://dukkan.app/problems/";

    private Problems() {}

    public static ProblemDetail of(HttpStatusCode status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
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
            problem.setProperty("errors", errors);
        }
        return problem;
    }
}
