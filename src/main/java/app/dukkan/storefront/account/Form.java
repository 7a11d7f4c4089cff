package app.dukkan.storefront.account;

import app.dukkan.identity.AccountProblem;
import app.dukkan.identity.Accounts;
import app.dukkan.platform.ProblemException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;

/**
 * One form's state on its way back to the shopper: what was typed (passwords never), the message
 * next to each refused field, a message for the whole form and the status the page answers with.
 * Field names are the JSON API's ({@code email}, {@code display_name}, {@code password}, …), so
 * identity's refusals land next to the right input.
 */
public final class Form {

    private final MessageSource messages;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> errors = new LinkedHashMap<>();
    private final Map<String, String> codes = new LinkedHashMap<>();
    private @Nullable String message;
    private @Nullable Duration retryAfter;
    private HttpStatus status = HttpStatus.OK;

    Form(MessageSource messages) {
        this.messages = messages;
    }

    Form value(String field, @Nullable String value) {
        values.put(field, value == null ? "" : value);
        return this;
    }

    /** What the shopper typed into a field, or "". */
    public String get(String field) {
        return values.getOrDefault(field, "");
    }

    public Map<String, String> getErrors() {
        return errors;
    }

    public boolean has(String field) {
        return errors.containsKey(field);
    }

    /** The message key of a field's error (e.g. {@code account.error.email-taken}), or null. */
    public @Nullable String code(String field) {
        return codes.get(field);
    }

    /** The message next to a field, or null. */
    public @Nullable String error(String field) {
        return errors.get(field);
    }

    public @Nullable String getMessage() {
        return message;
    }

    public HttpStatus status() {
        return status;
    }

    public @Nullable Duration retryAfter() {
        return retryAfter;
    }

    public boolean isValid() {
        return errors.isEmpty() && message == null;
    }

    /** A field's input refused by the page's own check (422). */
    Form reject(String field, String key, Object... args) {
        if (!errors.containsKey(field)) {
            errors.put(field, text(key, args));
            codes.put(field, key);
        }
        status = HttpStatus.UNPROCESSABLE_CONTENT;
        return this;
    }

    /** A message for the whole form, not one field. */
    Form fail(HttpStatus status, String key, Object... args) {
        this.message = text(key, args);
        this.status = status;
        return this;
    }

    /** Puts a refusal of identity (or a rate limit) into the shopper's words, next to its field. */
    Form refuse(ProblemException problem) {
        if (problem.status() == HttpStatus.TOO_MANY_REQUESTS) {
            retryAfter = problem.retryAfter();
            long seconds = retryAfter == null ? 60 : retryAfter.toSeconds();
            long minutes = Math.max(1, (seconds + 59) / 60);
            if (problem instanceof AccountProblem account
                    && account.reason() == AccountProblem.Reason.VERIFICATION_SENT_RECENTLY) {
                return fail(HttpStatus.TOO_MANY_REQUESTS, "account.error.verification-recent", seconds);
            }
            return fail(HttpStatus.TOO_MANY_REQUESTS, "account.error.rate-limited", minutes);
        }
        if (!(problem instanceof AccountProblem account)) {
            // a refusal without a reason the page knows: the field it names, in the API's words
            var first = problem.errors().stream().findFirst();
            if (first.isPresent()) {
                return reject(first.get().field(), "account.error.invalid");
            }
            return fail(HttpStatus.UNPROCESSABLE_CONTENT, "account.error.invalid");
        }
        String key = "account.error."
                + account.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        Object[] args = account.reason() == AccountProblem.Reason.PASSWORD_TOO_SHORT
                ? new Object[] {Accounts.MIN_PASSWORD_LENGTH}
                : new Object[0];
        String field = account.field().orElse(null);
        if (field == null || field.equals("token")) {
            return fail(HttpStatus.UNPROCESSABLE_CONTENT, key, args);
        }
        return reject(field, key, args);
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
