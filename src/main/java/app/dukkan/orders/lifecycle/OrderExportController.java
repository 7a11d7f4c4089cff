package app.dukkan.orders.lifecycle;

import app.dukkan.orders.OrderConsole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.WebAsyncUtils;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

@RestController
@Tag(name = "Order operations", description = "Fulfilment, cancellation, refunds and returns (admins)")
class OrderExportController {

    /** How long an export may take to download before the server gives up on the client. */
    private static final long EXPORT_TIMEOUT_MILLIS = 60 * 60 * 1000L;

    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final OrderConsole console;
    private final Clock clock;

    OrderExportController(OrderConsole console, Clock clock) {
        this.console = console;
        this.clock = clock;
    }

    // no "produces": a client that asks for JSON gets the file too, not the order route's 404
    @GetMapping("/api/v1/admin/orders/export.csv")
    @Operation(
            summary = "Export placed orders as CSV",
            description = "The orders the console's list shows for the same filters, in its order: admins every"
                    + " order, sellers the orders with their products and only their own lines. One row per line:"
                    + " number, status, paid_at (ISO 8601, UTC), email, country, sku, product, variant, quantity,"
                    + " unit_price, line_paid (what was paid for the line after discounts), refunded_quantity,"
                    + " currency; for admins also order_total, order_refunded, carrier, tracking_number. UTF-8,"
                    + " RFC 4180 quoting, CRLF line ends. A cell that a spreadsheet would run as a formula"
                    + " (starting with =, +, -, @, tab or CR) starts with an extra apostrophe. Streamed a page of"
                    + " orders at a time. 400 naming each filter that is not valid.")
    ResponseEntity<StreamingResponseBody> export(
            @Parameter(description = "An order number, e.g. DK-100001") @RequestParam(required = false) @Nullable
                    String number,
            @Parameter(description = "The customer's email, any case") @RequestParam(required = false) @Nullable
                    String email,
            @Parameter(description = "The phone as given in the address") @RequestParam(required = false) @Nullable
                    String phone,
            @Parameter(description = "paid, fulfilled, cancelled or refunded") @RequestParam(required = false) @Nullable
                    String status,
            @Parameter(description = "First day paid (UTC), e.g. 2026-12-01") @RequestParam(required = false) @Nullable
                    String from,
            @Parameter(description = "Last day paid (UTC), included") @RequestParam(required = false) @Nullable
                    String to,
            @Parameter(description = "placed (default), total or status") @RequestParam(required = false) @Nullable
                    String sort,
            @Parameter(description = "desc (default) or asc") @RequestParam(required = false) @Nullable String dir,
            HttpServletRequest request) {
        OrderConsole.Filter filter = OrderConsole.Filter.parse(number, email, phone, status, from, to);
        OrderConsole.CsvExport export = console.exportCsv(filter, OrderConsole.Sort.fromCode(sort), !"asc".equals(dir));
        var asyncRequest = WebAsyncUtils.getAsyncManager(request).getAsyncWebRequest();
        if (asyncRequest != null) {
            asyncRequest.setTimeout(EXPORT_TIMEOUT_MILLIS);
        }
        String fileName = "orders-" + FILE_TIME.format(clock.instant()) + ".csv";
        StreamingResponseBody body = export::writeTo;
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(body);
    }
}
