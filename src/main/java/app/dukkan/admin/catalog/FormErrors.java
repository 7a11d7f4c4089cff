package app.dukkan.admin.catalog;

import app.dukkan.platform.ProblemException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * The field errors of a console form as message keys ({@code console.catalog.error.…}), from the
 * form's own parsing or from the catalog's refusal: the catalog names the field, the status and
 * type tell what kind of refusal it is, so the message is in the page's language.
 */
public final class FormErrors {

    private final Map<String, String> errors = new LinkedHashMap<>();

    void add(String field, String code) {
        errors.putIfAbsent(field, "console.catalog.error." + code);
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** The message key of the field's error, or null; for templates. */
    public @Nullable String get(String field) {
        return errors.get(field);
    }

    public boolean has(String field) {
        return errors.containsKey(field);
    }

    public Map<String, String> all() {
        return errors;
    }

    /**
     * Adds the refusal's field errors (the field with a {@code prefix} in front, as the form spells
     * it); false if it names no field, so that the caller lets it through as the error page.
     */
    boolean addAll(ProblemException problem, String prefix) {
        if (problem.errors().isEmpty()) {
            return false;
        }
        for (ProblemException.FieldProblem error : problem.errors()) {
            String field = error.field();
            String bare = field.contains(".") ? field.substring(field.lastIndexOf('.') + 1) : field;
            add(prefix + field, code(bare, problem));
        }
        return true;
    }

    /**
     * Makes the change a valid form asks for and gives its answer (a redirect with a notice). When
     * the form is not valid, or the catalog refuses one of its fields (added here with {@code prefix}
     * in front), it gives the form again (its page from {@code form}) with status 422. A refusal that
     * names no field goes on to the error page.
     */
    String submit(
            boolean valid,
            String prefix,
            Supplier<String> change,
            HttpServletResponse response,
            Supplier<String> form) {
        if (valid) {
            try {
                return change.get();
            } catch (ProblemException e) {
                if (!addAll(e, prefix)) {
                    throw e;
                }
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return form.get();
    }

    private static String code(String field, ProblemException problem) {
        if (problem.type().equals("stock-reserved")) {
            return "reserved";
        }
        boolean taken = problem.status().value() == 409;
        return switch (field) {
            case "name" -> "name";
            case "slug" -> taken ? "slug-taken" : "slug";
            case "sku" -> taken ? "sku-taken" : "sku";
            case "price" -> "price";
            case "compareAt" -> "compare-at";
            case "stock" -> "stock";
            case "status" -> "status";
            case "attributes" -> "attributes";
            case "description" -> "description";
            case "category" -> "category";
            case "active" -> "active";
            case "parent" -> "parent";
            default -> "invalid";
        };
    }
}
