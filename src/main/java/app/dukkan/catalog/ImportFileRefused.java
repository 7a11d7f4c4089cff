package app.dukkan.catalog;

import app.dukkan.platform.ProblemException;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A file an import refuses as a whole, a 422 {@code import-invalid-file}: not UTF-8, not CSV,
 * missing, unknown or repeated columns, no rows or too many. The JSON API renders it like any other
 * {@link ProblemException}, each problem an English field problem; pages word each problem from
 * its {@link Problem#code()} and {@link Problem#args()} (under {@code
 * console.catalog.import.problem.}).
 */
public final class ImportFileRefused extends ProblemException {

    public static final String TYPE = "import-invalid-file";

    /** One problem: the field it concerns (file or header), in English, and as a code with its arguments. */
    public record Problem(String field, String message, String code, List<String> args) {

        public Problem {
            args = List.copyOf(args);
        }
    }

    private final List<Problem> problems;

    public ImportFileRefused(String title, String detail, List<Problem> problems) {
        super(
                HttpStatus.UNPROCESSABLE_CONTENT,
                TYPE,
                title,
                detail,
                problems.stream()
                        .map(p -> new FieldProblem(p.field(), p.message()))
                        .toList());
        this.problems = List.copyOf(problems);
    }

    /** The problems, at least one. */
    public List<Problem> problems() {
        return problems;
    }
}
