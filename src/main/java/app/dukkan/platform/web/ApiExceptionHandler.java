package app.dukkan.platform.web;

import app.dukkan.platform.ProblemException;
import app.dukkan.platform.ProblemException.FieldProblem;
import app.dukkan.platform.Problems;
import app.dukkan.platform.TextInput;
import app.dukkan.platform.Uploads;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
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
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.util.ClassUtils;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every client mistake into an RFC 9457 problem detail that names the offending field, so a
 * bad request is a 4xx with a reason and never a 500.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /** How much of a client's value a message quotes. */
    private static final int MAX_ECHO = 40;

    @ExceptionHandler(ProblemException.class)
    @Nullable
    ResponseEntity<ProblemDetail> handleProblem(ProblemException exception, WebRequest request) {
        return answer(request, problem(exception));
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemException exception) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(exception.status());
        if (exception.retryAfter() != null) {
            response.header(
                    HttpHeaders.RETRY_AFTER,
                    Long.toString(exception.retryAfter().toSeconds()));
        }
        return response.body(Problems.of(exception));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    @Nullable
    ResponseEntity<ProblemDetail> handleConstraintViolation(
            ConstraintViolationException exception, WebRequest request) {
        List<FieldProblem> errors = exception.getConstraintViolations().stream()
                .map(v ->
                        new FieldProblem(JsonNames.lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .toList();
        return answer(request, validation(errors));
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    @Nullable
    ResponseEntity<ProblemDetail> handleIntegrity(DataIntegrityViolationException exception, WebRequest request) {
        if (isDataException(exception)) {
            // a value PostgreSQL cannot store (bad encoding, out of range) that the edge did not catch
            log.debug("Value refused by the database", exception);
            ProblemDetail problem = Problems.of(
                    HttpStatus.BAD_REQUEST,
                    "validation",
                    "Invalid input",
                    "The request holds a value that cannot be stored, such as a NUL character or a number out of"
                            + " range; nothing was changed");
            return answer(request, ResponseEntity.badRequest().body(problem));
        }
        // Services check uniqueness first; this catches the race between two concurrent writers.
        log.debug("Integrity violation", exception);
        ProblemDetail problem = Problems.of(
                HttpStatus.CONFLICT,
                "conflict",
                "Conflict",
                "The change conflicts with existing data; reload and retry");
        return answer(request, ResponseEntity.status(HttpStatus.CONFLICT).body(problem));
    }

    /**
     * A multipart body is read before any handler is chosen, so one that cannot be parsed (no
     * boundary, cut off) fails here rather than as an unsupported media type.
     */
    @ExceptionHandler(MultipartException.class)
    @Nullable
    ResponseEntity<ProblemDetail> handleMultipart(MultipartException exception, WebRequest request) {
        return handleProblem(Uploads.refusal(exception), request);
    }

    /** The multipart parser's size limit: the shop's 413 problem, as the body limit answers it. */
    @Override
    protected @Nullable ResponseEntity<Object> handleMaxUploadSizeExceededException(
            MaxUploadSizeExceededException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return body(request, problem(Uploads.refusal(ex)));
    }

    /**
     * Anything unexpected is a server fault: logged with its stack trace, answered without internals.
     * Security exceptions are left to the security filters, which answer 401/403.
     */
    @ExceptionHandler(Exception.class)
    @Nullable
    ResponseEntity<ProblemDetail> handleUnexpected(Exception exception, WebRequest request) throws Exception {
        if (exception instanceof AccessDeniedException || exception instanceof AuthenticationException) {
            throw exception;
        }
        BodyLimitFilter.BodyTooLargeException tooLarge =
                causeOf(exception, BodyLimitFilter.BodyTooLargeException.class);
        if (tooLarge != null) {
            return answer(request, tooLarge(tooLarge));
        }
        if (databaseUnreachable(exception)) {
            // no fault of the client's nor a bug: the database restarts or the network fails; retry
            log.warn("Database unreachable: {}", exception.getMessage());
            return answer(
                    request,
                    unavailable(
                            5,
                            "database-unavailable",
                            "Service unavailable",
                            "The shop cannot reach its database at the moment; the request changed nothing that was"
                                    + " not committed. Try again in a few seconds."));
        }
        if (transactionConflict(exception)) {
            // a deadlock's victim or a serialization failure: a bug to find in the log, but the
            // transaction was rolled back and the same request may well succeed when sent again
            log.warn("Transaction ended by a concurrent one", exception);
            return answer(
                    request,
                    unavailable(
                            1,
                            "concurrent-change",
                            "Concurrent change",
                            "The request met another change of the same data at the same moment and changed"
                                    + " nothing. Send it again."));
        }
        log.error("Unexpected failure", exception);
        ProblemDetail problem = Problems.of(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal",
                "Internal error",
                "Something went wrong on our side; the request changed nothing that was not committed");
        return answer(request, ResponseEntity.internalServerError().body(problem));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = ex.getBindingResult().getAllErrors().stream()
                .map(error -> error instanceof FieldError fieldError
                        ? new FieldProblem(JsonNames.snake(fieldError.getField()), messageOf(fieldError))
                        : new FieldProblem(error.getObjectName(), String.valueOf(error.getDefaultMessage())))
                .toList();
        return body(request, validation(errors));
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
        return body(request, validation(errors));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name =
                ex instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName() : ex.getPropertyName();
        return body(
                request,
                validation(List.of(new FieldProblem(
                        String.valueOf(name),
                        "must be a valid " + describe(ex.getRequiredType()) + ", got '" + echo(ex.getValue()) + "'"))));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException ex,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        return body(request, validation(List.of(new FieldProblem(ex.getParameterName(), "is required"))));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        BodyLimitFilter.BodyTooLargeException tooLarge = causeOf(ex, BodyLimitFilter.BodyTooLargeException.class);
        if (tooLarge != null) {
            return body(request, tooLarge(tooLarge));
        }
        if (causeOf(ex, StreamConstraintsException.class) != null) {
            return body(
                    request,
                    malformed("The request body is nested too deeply or has a number, name or text that is too long"));
        }
        JacksonException jackson = firstWithPath(ex);
        if (jackson != null) {
            String field = jackson.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."))
                    .replace(".[", "[");
            return body(request, validation(List.of(new FieldProblem(echo(field), reason(jackson)))));
        }
        return body(request, malformed("The request body is missing or is not valid JSON"));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            HttpMediaTypeNotSupportedException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = Problems.of(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type",
                "Unsupported media type",
                "Content type '" + echo(ex.getContentType()) + "' is not supported; send "
                        + ex.getSupportedMediaTypes());
        return body(
                request,
                ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).body(problem));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(
            HttpMediaTypeNotAcceptableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = Problems.of(
                HttpStatus.NOT_ACCEPTABLE,
                "not-acceptable",
                "Not acceptable",
                "The API answers in application/json (errors in application/problem+json); accept one of them");
        return body(request, ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE).body(problem));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleNoResourceFoundException(
            NoResourceFoundException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = Problems.of(
                HttpStatus.NOT_FOUND, "not-found", "Not found", "No resource at /" + echo(ex.getResourcePath()));
        return body(request, ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem));
    }

    /** A browser's request for something outside the API, which answers in HTML. */
    private static boolean wantsPage(WebRequest request) {
        return request instanceof ServletWebRequest servlet
                && servlet.getResponse() != null
                && wantsPage(servlet.getRequest());
    }

    /** A browser's request for something outside the API, which answers in HTML. */
    static boolean wantsPage(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null
                && accept.contains("text/html")
                && !request.getRequestURI().startsWith("/api/");
    }

    private static ResponseEntity<ProblemDetail> validation(List<FieldProblem> errors) {
        String detail = errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "validation", "Invalid input", detail);
        return ResponseEntity.badRequest().body(Problems.withErrors(problem, errors));
    }

    private static ResponseEntity<ProblemDetail> malformed(String detail) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed request body", detail);
        return ResponseEntity.badRequest().body(problem);
    }

    private static ResponseEntity<ProblemDetail> tooLarge(BodyLimitFilter.BodyTooLargeException exception) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(BodyLimitFilter.tooLarge(exception.limit()));
    }

    /** A 503 the request may be sent again after: nothing of it was committed. */
    private static ResponseEntity<ProblemDetail> unavailable(
            int retryAfterSeconds, String type, String title, String detail) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(retryAfterSeconds))
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, type, title, detail));
    }

    /** A client's value as quoted in a message: never more than a few dozen characters of it. */
    static String echo(@Nullable Object value) {
        String text = String.valueOf(value);
        return TextInput.abbreviate(text, MAX_ECHO + 1);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static @Nullable ResponseEntity<Object> body(WebRequest request, ResponseEntity<ProblemDetail> entity) {
        return (ResponseEntity) answer(request, entity);
    }

    /** The rest of Spring MVC's refusals (405 with its {@code Allow}, …): a page for a browser too. */
    @Override
    protected @Nullable ResponseEntity<Object> handleExceptionInternal(
            Exception ex, @Nullable Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (wantsPage(request)) {
            return answer(
                    request, ResponseEntity.status(statusCode).headers(headers).build());
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    /**
     * The problem for an API client; for a browser that asked for a page, the shop's error page at
     * the same status (with the same headers), which the error controller renders in the page's
     * language: a page never answers with a problem document.
     */
    private static <T> @Nullable ResponseEntity<T> answer(WebRequest request, ResponseEntity<T> problem) {
        if (!wantsPage(request)) {
            return problem;
        }
        HttpServletResponse response = ((ServletWebRequest) request).getResponse();
        problem.getHeaders().forEach((name, values) -> values.forEach(value -> response.setHeader(name, value)));
        try {
            response.sendError(problem.getStatusCode().value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return null;
    }

    private static String messageOf(FieldError error) {
        if (error.isBindingFailure()) {
            return "has an invalid value '" + echo(error.getRejectedValue()) + "'";
        }
        return String.valueOf(error.getDefaultMessage());
    }

    private static String parameterName(@Nullable String name) {
        return name == null ? "parameter" : JsonNames.snake(name);
    }

    /** Names the expected type as a client knows it: "integer", not "int", "long" or "java.lang.Integer". */
    private static String describe(@Nullable Class<?> type) {
        if (type == null) {
            return "value";
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
        if (boxed == Boolean.class) {
            return "boolean";
        }
        if (boxed == UUID.class) {
            return "UUID";
        }
        if (CharSequence.class.isAssignableFrom(boxed) || boxed == Character.class || boxed.isEnum()) {
            return "string";
        }
        if (TemporalAccessor.class.isAssignableFrom(boxed)) {
            return "ISO-8601 date or time";
        }
        if (Collection.class.isAssignableFrom(boxed) || boxed.isArray()) {
            return "list";
        }
        return "object";
    }

    /** The first cause of that type in the chain, if any. */
    /**
     * Whether the failure is a lost or refused database connection (SQL state class 08, the server
     * shutting down: 57P01–57P03, or a commit or rollback that could not be sent), rather than a
     * statement the database refused.
     */
    static boolean databaseUnreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CannotGetJdbcConnectionException || cause instanceof SQLTransientConnectionException) {
                return true;
            }
            // a commit or rollback the driver could not send: the connection is gone
            if (cause instanceof TransactionSystemException && cause.getCause() instanceof SQLException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
                    return true;
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /**
     * Whether PostgreSQL ended the transaction because of a concurrent one: a deadlock (SQL state
     * 40P01) or a serialization failure (40001).
     */
    static boolean transactionConflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql
                    && ("40P01".equals(sql.getSQLState()) || "40001".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private static <T extends Throwable> @Nullable T causeOf(Throwable throwable, Class<T> type) {
        for (Throwable t = throwable; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
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

    /**
     * A value type's own complaint (e.g. Money's) when there is one, else what the field must be, in
     * the client's words: Jackson's own messages name Java types.
     */
    private static String reason(JacksonException jackson) {
        if (jackson instanceof InvalidNullException) {
            return "must not be null";
        }
        IllegalArgumentException complaint = causeOf(jackson.getCause(), IllegalArgumentException.class);
        if (complaint != null && complaint.getMessage() != null) {
            return echo(complaint.getMessage());
        }
        if (jackson instanceof InputCoercionException coercion) {
            return "must be " + withArticle(describe(coercion.getTargetType())) + " in range";
        }
        if (jackson instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        if (jackson instanceof MismatchedInputException mismatch) {
            return "must be " + withArticle(describe(mismatch.getTargetType()));
        }
        return "has an invalid value";
    }

    private static String withArticle(String noun) {
        return switch (noun) {
            case "boolean" -> "true or false";
            case "integer", "object", "ISO-8601 date or time" -> "an " + noun;
            default -> "a " + noun;
        };
    }
}
