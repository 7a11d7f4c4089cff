package app.dukkan.catalog.transfer;

import app.dukkan.catalog.CatalogTransfer.RowProblem;
import app.dukkan.catalog.ImportFileRefused;
import app.dukkan.platform.TextInput;
import java.text.MessageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Everything an import can say is wrong with a row or with a file, once: the stable code that
 * reports and refusals carry (pages word it from their bundles, under {@code
 * console.catalog.import.problem.}) and the English text the JSON API answers. The texts are
 * {@link MessageFormat} patterns when the problem has arguments (apostrophes doubled, braces
 * quoted) and plain text when it has none, as the message bundles are.
 */
enum ImportProblem {

    // ------------------------------------------------------------------------ a row's cells
    TEXT_LONE_SURROGATE("text.lone-surrogate", TextInput.Refusal.LONE_SURROGATE.pattern()),
    TEXT_CONTROL_CHARACTER("text.control-character", TextInput.Refusal.CONTROL_CHARACTER.pattern()),
    REQUIRED("required", "is required"),
    TOO_LONG("too-long", "must be at most {0} characters"),
    SLUG_INVALID("slug.invalid", "use lower-case letters, digits and single hyphens (at most 120)"),
    STATUS_INVALID("status.invalid", "must be draft, active or archived"),
    ATTRIBUTES_NOT_AN_OBJECT("attributes.not-an-object", "must be a JSON object such as {\"colour\": \"red\"}"),
    ATTRIBUTES_TOO_MANY("attributes.too-many", "must have at most {0} keys"),
    ATTRIBUTES_KEY_LENGTH("attributes.key-length", "keys must be 1 to 64 characters"),
    ATTRIBUTES_TOO_LONG("attributes.too-long", "must be at most {0} characters of JSON"),
    IMAGES_URL_TOO_LONG("images.url-too-long", "each URL must be at most {0} characters"),
    IMAGES_INVALID(
            "images.invalid",
            "each image must be an http(s) URL or a /files/ path, separated by spaces: ''{0}'' is not"),
    SKU_REQUIRED("sku.required", "is required in a row with a price, stock or variant columns"),
    SKU_INVALID("sku.invalid", "use 1 to 64 letters, digits, '.', '_' or '-'"),
    VARIANT_VALUE_REQUIRED("variant-value.required", "is required for a variant"),
    PRICE_NEGATIVE("price.negative", "must not be negative"),
    PRICE_COMMA("price.comma", "use a point as the decimal separator, e.g. 12.50"),
    PRICE_INVALID("price.invalid", "must be a decimal number in {0} such as 12.50"),
    PRICE_DECIMALS("price.decimals", "must have at most {0} decimals in {1}"),
    PRICE_TOO_HIGH("price.too-high", "must be at most {0}"),
    STOCK_INVALID("stock.invalid", "must be a whole number from 0 to {0}"),
    CELLS("cells", "has {0} cells but the header has {1}"),

    // ------------------------------------------------------------------ a row against the catalog
    OTHER_SELLER("slug.other-seller", "belongs to another seller"),
    CATEGORY_UNKNOWN("category.unknown", "unknown category ''{0}''"),
    STATUS_ARCHIVE("status.archive", "the import does not archive products; use the product's archive action"),
    SKU_REPEATED("sku.repeated", "appears also in row {0}"),
    SKU_TAKEN("sku.taken", "is already used by another product"),
    STOCK_RESERVED("stock.reserved", "must be at least {0}, the quantity reserved by orders awaiting payment"),
    DIFFERS("differs", "differs from row {0}, the first row of product ''{1}''"),

    // ------------------------------------------------------------------- a product as a whole
    ACTIVE_WITHOUT_VARIANT("status.no-active-variant", "an active product needs at least one active variant"),
    TOO_MANY_VARIANTS("variants.too-many", "a product has at most {0} variants"),
    TOO_MANY_IMAGES("images.too-many", "a product has at most {0} images"),

    // ------------------------------------------------------------------------ the file as a whole
    FILE_EMPTY("file.empty", "is empty: the first row must name the columns"),
    FILE_NO_ROWS("file.no-rows", "has a header but no rows"),
    FILE_NOT_UTF8("file.not-utf8", "is not UTF-8 text; save it as CSV in UTF-8"),
    FILE_QUOTE_OPEN("file.quote-open", "is not valid CSV: a quoted cell is not closed (near line {0})"),
    FILE_QUOTE_TRAILING(
            "file.quote-trailing",
            "is not valid CSV: a quoted cell is followed by other characters before the separator (near line {0})"),
    FILE_NOT_CSV("file.not-csv", "is not valid CSV: it cannot be read (near line {0})"),
    FILE_TOO_MANY_ROWS("file.too-many-rows", "has more than {0} rows"),
    COLUMNS_MISSING("columns.missing", "missing columns: {0}"),
    COLUMNS_UNKNOWN("columns.unknown", "unknown columns: {0} (columns are: {1})"),
    COLUMNS_TWICE("columns.twice", "columns named twice: {0}");

    private final String code;
    private final String english;

    ImportProblem(String code, String english) {
        this.code = code;
        this.english = english;
    }

    String code() {
        return code;
    }

    /** The problem in English with its arguments. */
    String message(List<String> args) {
        return args.isEmpty() ? english : new MessageFormat(english, Locale.ROOT).format(args.toArray());
    }

    /** The problem in a row's column; arguments as text (numbers without grouping). */
    RowProblem at(int row, String column, Object... args) {
        List<String> texts = texts(args);
        return new RowProblem(row, column, message(texts), code, texts);
    }

    /** The problem of a refused file, in its {@code field} (file or header). */
    ImportFileRefused.Problem of(String field, Object... args) {
        List<String> texts = texts(args);
        return new ImportFileRefused.Problem(field, message(texts), code, texts);
    }

    static ImportProblem of(TextInput.RefusedCharacter refused) {
        return switch (refused.refusal()) {
            case LONE_SURROGATE -> TEXT_LONE_SURROGATE;
            case CONTROL_CHARACTER -> TEXT_CONTROL_CHARACTER;
        };
    }

    private static List<String> texts(Object... args) {
        return Arrays.stream(args).map(String::valueOf).toList();
    }
}
