package app.dukkan.platform.web;

import app.dukkan.platform.ProblemException;
import app.dukkan.platform.ProblemException.FieldProblem;
import app.dukkan.platform.Problems;
import jakarta.validation.ConstraintViolationException;
import java.math.BigInteger;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.util.ClassUtils;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidNullException;

/**
 * Turns every client mistake into an RFC 9457 problem detail that names the offending field, so a
 * bad request is a 4xx with a reason and never a 500.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> handleProblem(ProblemException exception) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(exception.status());
        if (exception.retryAfter() != null) {
            response.header(
                    HttpHeaders.RETRY_AFTER,
                    Long.toString(exception.retryAfter().toSeconds()));
        }
        return response.body(Problems.of(exception));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> handleConstraintViolation(ConstraintViolationException exception) {
        List<FieldProblem> errors = exception.getConstraintViolations().stream()
                .map(v ->
                        new FieldProblem(JsonNames.lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .toList();
        return validation(errors);
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> handleIntegrity(DataIntegrityViolationException exception) {
        if (isDataException(exception)) {
            // a value PostgreSQL cannot store (bad encoding, out of range) that the edge did not catch
            log.debug("Value refused by the database", exception);
            ProblemDetail problem = Problems.of(
                    HttpStatus.BAD_REQUEST,
                    "validation",
                    "Invalid input",
                    "The request holds a value that cannot be stored, such as a NUL character or a number out of"
                            + " range; nothing was changed");
            return ResponseEntity.badRequest().body(problem);
        }
        // Services check uniqueness first; this catches the race between two concurrent writers.
        log.debug("Integrity violation", exception);
        ProblemDetail problem = Problems.of(
                HttpStatus.CONFLICT,
                "conflict",
                "Conflict",
                "The change conflicts with existing data; reload and retry");
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    /**
     * Anything unexpected is a server fault: logged with its stack trace, answered without internals.
     * Security exceptions are left to the security filters, which answer 401/403.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> handleUnexpected(Exception exception) throws Exception {
        if (exception instanceof AccessDeniedException || exception instanceof AuthenticationException) {
            throw exception;
        }
        log.error("Unexpected failure", exception);
        ProblemDetail problem = Problems.of(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal",
                "Internal error",
                "Something went wrong on our side; the request changed nothing that was not committed");
        return ResponseEntity.internalServerError().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = ex.getBindingResult().getAllErrors().stream()
                .map(error -> error instanceof FieldError fieldError
                        ? new FieldProblem(JsonNames.snake(fieldError.getField()), messageOf(fieldError))
                        : new FieldProblem(error.getObjectName(), String.valueOf(error.getDefaultMessage())))
                .toList();
        return body(validation(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new FieldProblem(
                                parameterName(result.getMethodParameter().getParameterName()),
                                String.valueOf(error.getDefaultMessage()))))
                .toList();
        return body(validation(errors));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name =
                ex instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName() : ex.getPropertyName();
        return body(validation(List.of(new FieldProblem(
                String.valueOf(name),
                "must be a valid " + describe(ex.getRequiredType()) + ", got '" + ex.getValue() + "'"))));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException ex,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        return body(validation(List.of(new FieldProblem(ex.getParameterName(), "is required"))));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        JacksonException jackson = firstWithPath(ex);
        if (jackson != null) {
            String field = jackson.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."))
                    .replace(".[", "[");
            // map keys in the path are the client's: repeat only so much of them
            return body(validation(List.of(new FieldProblem(TextInput.echoed(field), reason(jackson)))));
        }
        ProblemDetail problem = Problems.of(
                HttpStatus.BAD_REQUEST,
                "malformed-body",
                "Malformed request body",
                "The request body is missing or is not valid JSON");
        return body(ResponseEntity.badRequest().body(problem));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            HttpMediaTypeNotSupportedException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = Problems.of(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type",
                "Unsupported media type",
                "Content type '" + ex.getContentType() + "' is not supported; send " + ex.getSupportedMediaTypes());
        return body(ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).body(problem));
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(
            NoResourceFoundException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem =
                Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", "No resource at /" + ex.getResourcePath());
        return body(ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem));
    }

    private static ResponseEntity<ProblemDetail> validation(List<FieldProblem> errors) {
        String detail = errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "validation", "Invalid input", detail);
        return ResponseEntity.badRequest().body(Problems.withErrors(problem, errors));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> body(ResponseEntity<ProblemDetail> entity) {
        return (ResponseEntity) entity;
    }

    private static String messageOf(FieldError error) {
        if (error.isBindingFailure()) {
            return "has an invalid value '" + error.getRejectedValue() + "'";
        }
        return String.valueOf(error.getDefaultMessage());
    }

    private static String parameterName(@Nullable String name) {
        return name == null ? "parameter" : JsonNames.snake(name);
    }

    /** Names the expected type as a client knows it: "integer", not "int" or "long". */
    private static String describe(@Nullable Class<?> type) {
        if (type == null) {
            return "another type";
        }
        Class<?> boxed = ClassUtils.resolvePrimitiveIfNecessary(type);
        if (boxed == Integer.class
                || boxed == Long.class
                || boxed == Short.class
                || boxed == Byte.class
                || boxed == BigInteger.class) {
            return "integer";
        }
        if (Number.class.isAssignableFrom(boxed)) {
            return "number";
        }
        return boxed.getSimpleName().toLowerCase();
    }

    /** The Jackson failure that knows which field of the body was wrong, if any. */
    private static @Nullable JacksonException firstWithPath(Throwable throwable) {
        for (Throwable t = throwable; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
                return jackson;
            }
        }
        return null;
    }

    /** SQL state class 22, "data exception": the value itself is wrong, whatever else is stored. */
    private static boolean isDataException(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState().startsWith("22");
            }
        }
        return false;
    }

    /** A value type's own complaint (e.g. Money's) when there is one, else Jackson's short message. */
    private static String reason(JacksonException jackson) {
        if (jackson instanceof InvalidNullException) {
            return "must not be null";
        }
        for (Throwable t = jackson.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IllegalArgumentException && t.getMessage() != null) {
                return t.getMessage();
            }
        }
        return jackson.getOriginalMessage();
    }
}
