package app.dukkan.catalog;

import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.platform.Money;
import app.dukkan.platform.ProblemException;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.InputStreamSource;
import org.springframework.util.unit.DataSize;

/**
 * The catalog as a spreadsheet: CSV export and import of products with their variants, and bulk
 * edits of variants' prices and stock, for admins (every product) and sellers (their own). The
 * REST API under {@code /api/v1/admin/...} and the console's pages use it alike.
 *
 * <p>The CSV has one row per variant with its product's columns repeated ({@link #COLUMNS}); a
 * product without variants has one row with empty variant columns. Files are UTF-8 (a leading BOM
 * is accepted), RFC 4180 (comma, or semicolon when the header uses it; double quotes; CRLF
 * written). A cell that a spreadsheet would run as a formula (starting with {@code =}, {@code +},
 * {@code -}, {@code @}, tab or CR, after any apostrophes) is written with one more leading {@code
 * '}; the import takes that apostrophe off again, so an exported file imports back unchanged.
 */
public interface CatalogTransfer {

    /** The columns of the CSV, in the order the export writes them. */
    List<String> COLUMNS = List.of(
            "slug",
            "name",
            "description",
            "category",
            "status",
            "attributes",
            "sku",
            "variant_name",
            "variant_attributes",
            "price",
            "stock",
            "images");

    /** The columns every imported file must have; the others may be left out (kept as they are). */
    List<String> REQUIRED_COLUMNS = List.of("slug", "name", "sku", "price", "stock");

    /** What an import does with a file that has bad rows. */
    enum ImportMode {
        /** One bad row and nothing is imported. */
        ALL_OR_NOTHING("all-or-nothing"),
        /** The good rows are imported; the report lists the others. */
        VALID_ONLY("valid-only");

        private final String code;

        ImportMode(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        /** @throws ProblemException 400 naming {@code field} for an unknown mode */
        public static ImportMode parse(String field, @Nullable String code) {
            if (code == null || code.isBlank()) {
                return ALL_OR_NOTHING;
            }
            for (ImportMode mode : values()) {
                if (mode.code.equals(code.strip())) {
                    return mode;
                }
            }
            throw ProblemException.invalid(field, "must be all-or-nothing or valid-only");
        }
    }

    /**
     * A file to import.
     *
     * @param fileName the uploaded file's name, for the record (may be null)
     * @param size its size in bytes
     * @param content the file's bytes, read once or twice
     * @param dryRun check and count only; the catalog stays as it is
     */
    record ImportRequest(
            @Nullable String fileName, long size, InputStreamSource content, ImportMode mode, boolean dryRun) {}

    /**
     * A problem with one row: its number as a spreadsheet shows it (the header is row 1), the column,
     * and what is wrong, in English ({@code message}) and as a stable {@code code} with its {@code
     * args} for pages to put into their own words (the console's bundle has a text for every code,
     * under {@code console.catalog.import.problem.}). Reports stored before problems had codes have
     * none: their {@code code} is null, their {@code args} empty.
     */
    record RowProblem(
            int row,
            String column,
            String message,
            @Nullable String code,
            List<String> args) {

        public RowProblem {
            args = args == null ? List.of() : List.copyOf(args);
        }

        /** A problem without a code, as reports stored before problems had codes list them. */
        public RowProblem(int row, String column, String message) {
            this(row, column, message, null, List.of());
        }
    }

    /**
     * An import and, once it ended, its report. Status: {@code queued}, {@code validating} (its rows
     * are read and checked, then checked against the catalog: {@code processedRows} of {@code
     * totalRows} read), {@code applying} (the checked rows are written: {@code writtenRows} of {@code
     * rowsToWrite}, advancing a batch at a time), {@code completed} (imported, or checked for a dry
     * run), {@code rejected} (all-or-nothing with bad rows: nothing imported), {@code failed} (an
     * unexpected failure rolled everything back; {@code error} says what). Rows written while the
     * import runs are not in the catalog before it completes: it is one transaction.
     *
     * <p>{@code rowsToWrite} is null until the rows are checked, and stays null when nothing is
     * written (a dry run, a rejected or failed import); {@code writtenRows} is then 0.
     *
     * <p>Counts are rows: {@code created} rows added a variant (or a product without variants),
     * {@code updated} rows changed their variant or their product, {@code unchanged} rows match
     * the catalog, {@code rejected} rows had problems (listed in {@code problems}, at most 1,000).
     * For a dry run they say what an import would do. {@code productsCreated} and {@code
     * productsUpdated} count products.
     */
    record ImportView(
            UUID id,
            String status,
            String mode,
            boolean dryRun,
            boolean applied,
            @Nullable String fileName,
            int totalRows,
            int processedRows,
            @Nullable Integer rowsToWrite,
            int writtenRows,
            int created,
            int updated,
            int unchanged,
            int rejected,
            int productsCreated,
            int productsUpdated,
            List<RowProblem> problems,
            boolean problemsTruncated,
            @Nullable String error,
            UUID requestedBy,
            Instant createdAt,
            @Nullable Instant startedAt,
            @Nullable Instant finishedAt) {

        /** Whether the import has ended (completed, rejected or failed). */
        public boolean finished() {
            return finishedAt != null;
        }
    }

    /** One bulk change: a variant by SKU, its new price (in the shop's currency) and/or stock. */
    record VariantChange(
            String sku, @Nullable Money price, @Nullable Integer stock) {}

    /** A variant after a bulk edit. */
    record EditedVariant(String sku, String productSlug, Money price, int stock, int available, boolean changed) {}

    /** What a bulk edit did: how many variants changed, and all of them as they are now. */
    record BulkEditResult(int changed, int unchanged, List<EditedVariant> variants) {}

    /** Most changes one bulk edit takes. */
    int MAX_BULK_CHANGES = 1000;

    /**
     * Writes the products the actor may edit ({@code status}: draft, active, archived or null for
     * all) as CSV, a page of products at a time: the file is never held in memory.
     *
     * @param bom start with a UTF-8 byte order mark (for spreadsheets that guess the encoding)
     * @throws ProblemException 400 for an unknown status (before anything is written)
     */
    void exportCsv(AuthenticatedUser actor, @Nullable String status, boolean bom, OutputStream out) throws IOException;

    /** Checks the export's filter without writing anything; a 400 naming {@code status} if unknown. */
    void checkExportFilter(@Nullable String status);

    /**
     * Imports a CSV file: small files at once (the answer is finished), larger ones as a durable job
     * (the answer is queued; follow it with {@link #importStatus}). A seller's import touches only
     * its own products.
     *
     * @throws ProblemException 413 {@code body-too-large} for a file above the size limit; 422
     *     {@code import-invalid-file} ({@link ImportFileRefused}) for a file that is not UTF-8 CSV, has missing or unknown columns,
     *     no rows or more rows than allowed; 409 when a concurrent change got in the way (nothing
     *     imported)
     */
    ImportView startImport(AuthenticatedUser actor, ImportRequest request);

    /** The largest file an import takes ({@code dukkan.catalog.import.max-file-size}), for forms to say. */
    DataSize maxImportFileSize();

    /** An import of the actor's (any, for admins); 404 otherwise. */
    ImportView importStatus(AuthenticatedUser actor, UUID id);

    /** The actor's latest imports (everyone's, for admins), newest first, without their problems. */
    List<ImportView> recentImports(AuthenticatedUser actor, int limit);

    /**
     * Changes the price and/or stock of up to {@link #MAX_BULK_CHANGES} variants by SKU, all or
     * nothing, as the variant edit does one (caches, search and live stock follow).
     *
     * @throws ProblemException 400 listing every change that is refused (unknown SKU, another
     *     seller's, price out of range or in another currency, stock below what is reserved, a SKU
     *     twice, nothing to change)
     */
    BulkEditResult bulkEdit(AuthenticatedUser actor, List<VariantChange> changes);
}
