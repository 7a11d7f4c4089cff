package app.dukkan.platform;

import jakarta.validation.ConstraintViolation;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * A client-facing failure that becomes an RFC 9457 problem detail with a stable {@code type}. Throw
 * it from any layer; the web layer renders it.
 */
public class ProblemException extends RuntimeException {

    /** One invalid input: the field (as the client spelled it) and what is wrong with it. */
    public record FieldProblem(String field, String message) {}

    private final HttpStatus status;
    private final String type;
    private final String title;
    private final List<FieldProblem> errors;
    private final @Nullable Duration retryAfter;

    public ProblemException(HttpStatus status, String type, String title, String detail, List<FieldProblem> errors) {
        this(status, type, title, detail, errors, null);
    }

    /** For subclasses that add what a caller needs to tell failures apart (e.g. a reason code). */
    protected ProblemException(
            HttpStatus status,
            String type,
            String title,
            String detail,
            List<FieldProblem> errors,
            @Nullable Duration retryAfter) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    /** A temporary failure: the response says, in a {@code Retry-After} header, when to try again. */
    public static ProblemException temporary(
            HttpStatus status, String type, String title, String detail, Duration retryAfter) {
        return new ProblemException(status, type, title, detail, List.of(), retryAfter);
    }

    public static ProblemException notFound(String what, Object key) {
        return new ProblemException(
                HttpStatus.NOT_FOUND, "not-found", "Not found", "No " + what + " '" + key + "'", List.of());
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(
                HttpStatus.BAD_REQUEST,
                "validation",
                "Invalid input",
                field + ": " + message,
                List.of(new FieldProblem(field, message)));
    }

    /**
     * Refuses a value that bean validation found faults in (for values that reach a module without
     * passing a controller's {@code @Valid}), naming the fields in the API's snake_case; does nothing
     * without violations.
     */
    public static void requireValid(Set<? extends ConstraintViolation<?>> violations) {
        if (violations.isEmpty()) {
            return;
        }
        List<FieldProblem> problems = violations.stream()
                .map(v -> new FieldProblem(
                        v.getPropertyPath()
                                .toString()
                                .replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                                .toLowerCase(Locale.ROOT),
                        v.getMessage()))
                .sorted(Comparator.comparing(FieldProblem::field))
                .toList();
        throw new ProblemException(
                HttpStatus.BAD_REQUEST,
                "validation",
                "Invalid input",
                problems.get(0).field() + ": " + problems.get(0).message(),
                problems);
    }

    public static ProblemException conflict(String field, String message) {
        return new ProblemException(
                HttpStatus.CONFLICT,
                "conflict",
                "Conflict",
                field + ": " + message,
                List.of(new FieldProblem(field, message)));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail, List.of());
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthenticated", detail, List.of());
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<FieldProblem> errors() {
        return errors;
    }

    public @Nullable Duration retryAfter() {
        return retryAfter;
    }
}
