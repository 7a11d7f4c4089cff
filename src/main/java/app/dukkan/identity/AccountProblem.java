package app.dukkan.identity;

import app.dukkan.platform.ProblemException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * An account operation refused for a {@link Reason} a page can put into its own words, next to the
 * {@link #field()} it concerns. The JSON API renders it like any other {@link ProblemException}.
 */
public final class AccountProblem extends ProblemException {

    /** Why an account operation was refused. */
    public enum Reason {
        EMAIL_INVALID,
        DISPLAY_NAME_BLANK,
        DISPLAY_NAME_TOO_LONG,
        PASSWORD_TOO_SHORT,
        PASSWORD_TOO_LONG,
        PASSWORD_TOO_EASY,
        PASSWORD_CONTAINS_EMAIL,
        EMAIL_TAKEN,
        BAD_CREDENTIALS,
        WRONG_CURRENT_PASSWORD,
        TOKEN_INVALID,
        TOKEN_EXPIRED,
        TOKEN_USED,
        EMAIL_ALREADY_VERIFIED,
        VERIFICATION_SENT_RECENTLY,
        UNSUPPORTED_LANGUAGE,
        PRIVACY_NOTICE_NOT_ACCEPTED
    }

    private final Reason reason;
    private final @Nullable String field;

    /**
     * @param field the input it concerns, as the JSON API names it ({@code password}, {@code email},
     *     {@code display_name}, {@code token}, …), or null
     */
    public AccountProblem(
            Reason reason,
            HttpStatus status,
            String type,
            String title,
            String detail,
            @Nullable String field,
            @Nullable String fieldMessage,
            @Nullable Duration retryAfter) {
        super(
                status,
                type,
                title,
                detail,
                field == null || fieldMessage == null ? List.of() : List.of(new FieldProblem(field, fieldMessage)),
                retryAfter);
        this.reason = reason;
        this.field = field;
    }

    /** 400 {@code validation} naming the field, as {@link ProblemException#invalid} answers. */
    public static AccountProblem invalid(Reason reason, String field, String message) {
        return new AccountProblem(
                reason,
                HttpStatus.BAD_REQUEST,
                "validation",
                "Invalid input",
                field + ": " + message,
                field,
                message,
                null);
    }

    public Reason reason() {
        return reason;
    }

    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
