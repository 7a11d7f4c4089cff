package app.dukkan.catalog.transfer;

import app.dukkan.catalog.CatalogTransfer;
import app.dukkan.catalog.CatalogTransfer.BulkEditResult;
import app.dukkan.catalog.CatalogTransfer.ImportMode;
import app.dukkan.catalog.CatalogTransfer.ImportRequest;
import app.dukkan.catalog.CatalogTransfer.ImportView;
import app.dukkan.catalog.CatalogTransfer.VariantChange;
import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.identity.CurrentUser;
import app.dukkan.platform.Money;
import app.dukkan.platform.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.WebAsyncUtils;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

@RestController
@PreAuthorize("hasAnyRole('ADMIN', 'SELLER')")
@Tag(name = "Admin: catalog spreadsheets", description = "CSV export and import of products, bulk variant edits")
class TransferController {

    /** How long an export may take to download before the server gives up on the client. */
    private static final long EXPORT_TIMEOUT_MILLIS = 60 * 60 * 1000L;

    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    record BulkEdit(
            @NotNull @Size(min = 1, max = CatalogTransfer.MAX_BULK_CHANGES)
            List<@Valid @NotNull Change> changes) {}

    record Change(
            @Nullable @Size(max = 64) String sku,
            @Nullable Money price,
            @Nullable Integer stock) {}

    private final CatalogTransfer transfer;
    private final CurrentUser currentUser;
    private final Clock clock;

    TransferController(CatalogTransfer transfer, CurrentUser currentUser, Clock clock) {
        this.transfer = transfer;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    @GetMapping(value = "/api/v1/admin/products/export.csv", produces = "text/csv")
    @Operation(
            summary = "Export products as CSV",
            description = "The products you may edit (admins: all, sellers: their own), filtered by `status`"
                    + " (draft, active, archived) as the product list is. One row per variant with the product's"
                    + " columns repeated: slug, name, description, category (slug), status, attributes (JSON),"
                    + " sku, variant_name, variant_attributes (JSON), price (decimal in the shop's currency),"
                    + " stock (on hand), images (URLs separated by spaces); a product without variants has one"
                    + " row with empty variant columns. UTF-8 (with a byte order mark when `bom=true`, for"
                    + " spreadsheets that guess the encoding), RFC 4180 quoting, CRLF line ends. A cell that a"
                    + " spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) starts with an"
                    + " extra apostrophe, which the import takes off again: an exported file imports back"
                    + " unchanged. Streamed a page of products at a time.")
    ResponseEntity<StreamingResponseBody> export(
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(defaultValue = "false") boolean bom,
            HttpServletRequest request) {
        AuthenticatedUser actor = currentUser.require();
        transfer.checkExportFilter(status);
        var asyncRequest = WebAsyncUtils.getAsyncManager(request).getAsyncWebRequest();
        if (asyncRequest != null) {
            asyncRequest.setTimeout(EXPORT_TIMEOUT_MILLIS);
        }
        String fileName = "products-" + FILE_TIME.format(clock.instant()) + ".csv";
        StreamingResponseBody body = out -> transfer.exportCsv(actor, status, bom, out);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(body);
    }

    @PostMapping(value = "/api/v1/admin/products/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(
            summary = "Import products from CSV",
            description = "Multipart form: `file` (the CSV, columns as the export writes them; slug, name, sku,"
                    + " price and stock required, the others may be left out and then stay as they are),"
                    + " `mode` (`all-or-nothing`, the default: one bad row and nothing is imported;"
                    + " `valid-only`: the good rows are imported), `dry_run` (true: check and count only)."
                    + " Rows are matched by product slug and variant SKU: missing ones are created, existing"
                    + " ones updated (the import never archives or deletes; images it names are added when"
                    + " missing). A seller's rows may only name its own products; other rows are rejected"
                    + " and the attempt is audited. Files up to `dukkan.catalog.import.sync-rows` rows (1,000)"
                    + " are imported at once (200 with the report); larger ones run as a job (202, `Location`"
                    + " of the import to follow with GET /api/v1/admin/imports/{id}). The import is one"
                    + " transaction: a failure leaves the catalog as it was. Errors: 413 `body-too-large`"
                    + " above `dukkan.catalog.import.max-file-size` (20 MB by default); 422 `import-invalid-file` for a"
                    + " file that is not UTF-8 CSV, has missing, unknown or repeated columns, no rows or"
                    + " more than `dukkan.catalog.import.max-rows` (100,000); 409 when someone else created a"
                    + " product or SKU of the file meanwhile.")
    ResponseEntity<ImportView> importProducts(
            @RequestParam(required = false) @Nullable MultipartFile file,
            @RequestParam(required = false) @Nullable String mode,
            @RequestParam(name = "dry_run", defaultValue = "false") boolean dryRun) {
        AuthenticatedUser actor = currentUser.require();
        if (file == null) {
            throw ProblemException.invalid("file", "is required: the CSV file as a multipart part named 'file'");
        }
        ImportView view = transfer.startImport(
                actor,
                new ImportRequest(
                        file.getOriginalFilename(), file.getSize(), file, ImportMode.parse("mode", mode), dryRun));
        if (view.finished()) {
            return ResponseEntity.ok(view);
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/admin/imports/" + view.id()))
                .body(view);
    }

    @GetMapping("/api/v1/admin/imports/{id}")
    @Operation(
            summary = "An import's progress and report",
            description = "Status: queued; validating (the rows are read and checked, `processed_rows` of"
                    + " `total_rows` read so far, then checked against the catalog); applying (the checked rows"
                    + " are written: `written_rows` of `rows_to_write`, advancing a batch of about 1,000 rows at"
                    + " a time); completed, rejected or failed. The import is one transaction: rows counted as"
                    + " written reach the catalog only when it completes, and a failed import writes nothing"
                    + " (`written_rows` 0). `rows_to_write` is absent until the rows are checked and when"
                    + " nothing is written (dry run, rejected, failed). When it ended: the counts (created,"
                    + " updated, unchanged, rejected rows; products created and updated) and the rejected"
                    + " rows' problems (row number as a spreadsheet shows it, column, message in English, and a"
                    + " stable `code` with its `args` to word it otherwise, e.g. `price.negative`; at most 1,000;"
                    + " imports reported before codes existed have none)."
                    + " Sellers see their own imports (404 for others).")
    ImportView importStatus(@PathVariable UUID id) {
        return transfer.importStatus(currentUser.require(), id);
    }

    @GetMapping("/api/v1/admin/imports")
    @Operation(
            summary = "Latest imports",
            description = "Newest first, `limit` 1-100 (default 20), without the problem lists. Admins see every"
                    + " import, sellers their own.")
    List<ImportView> imports(@RequestParam(defaultValue = "20") int limit) {
        return transfer.recentImports(currentUser.require(), limit);
    }

    @PostMapping("/api/v1/admin/variants/bulk")
    @Operation(
            summary = "Change prices and stock of many variants",
            description = "`{changes: [{sku, price?, stock?}]}`, 1 to 1,000 changes, each with a price (in the"
                    + " shop's currency), a stock or both. All or nothing: a 400 lists every refused change"
                    + " (unknown SKU, another seller's product, a SKU twice, price out of range, stock out of"
                    + " range or below what orders awaiting payment reserve) and nothing changes. Stock changes"
                    + " reach caches, search and live stock as a single variant edit does. Answers each variant"
                    + " as it is now and how many changed.")
    BulkEditResult bulk(@Valid @RequestBody BulkEdit request) {
        return transfer.bulkEdit(
                currentUser.require(),
                request.changes().stream()
                        .map(c -> new VariantChange(c.sku() == null ? "" : c.sku(), c.price(), c.stock()))
                        .toList());
    }
}
