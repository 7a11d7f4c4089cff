package app.dukkan.admin.dashboard;

import app.dukkan.catalog.LowStock;
import app.dukkan.platform.ProblemException;
import app.dukkan.platform.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin/figures")
@Tag(
        name = "Figures",
        description = "The dashboard's figures: the whole shop for admins, their own products and order lines for"
                + " sellers. Read from counters kept with every payment, refund and checkout (ADR 0028), in the"
                + " shop's time zone (`dukkan.figures.time-zone`) and currency (integer minor units).")
class FiguresApi {

    private static final String WINDOW = "`today` (by the hour, from midnight in the shop's time zone), `7d` or"
            + " `30d` (by the day, today included); default `today`";

    private final Figures figures;

    FiguresApi(Figures figures) {
        this.figures = figures;
    }

    @GetMapping("/summary")
    @Operation(
            summary = "Orders and revenue of a window",
            description = "Paid orders, what they paid, what was refunded in the window and the revenue (paid less"
                    + " refunded). A seller's figures are its order lines' (what they were paid, without shipping)"
                    + " and its share of refunds.")
    Figures.SalesSummary summary(
            @Parameter(description = WINDOW) @RequestParam(required = false) @Nullable String window) {
        return figures.snapshot(figures.scope(), Window.parse(window)).summary();
    }

    @GetMapping("/series")
    @Operation(
            summary = "Orders and revenue per hour or day",
            description = "Every hour of today or day of the window, also those without orders, oldest first;"
                    + " `start` is local to the shop's time zone.")
    Figures.SalesSeries series(
            @Parameter(description = WINDOW) @RequestParam(required = false) @Nullable String window) {
        return figures.snapshot(figures.scope(), Window.parse(window)).series();
    }

    @GetMapping("/funnel")
    @Operation(
            summary = "Conversion funnel of a window",
            description = "Product page views, carts created, checkouts started and paid orders, each with its"
                    + " percentage of the views. Sellers get views of their products and their orders only"
                    + " (`complete` false): carts and checkouts are the shop's.")
    Figures.Funnel funnel(@Parameter(description = WINDOW) @RequestParam(required = false) @Nullable String window) {
        return figures.snapshot(figures.scope(), Window.parse(window)).funnel();
    }

    @GetMapping("/low-stock")
    @Operation(
            summary = "Variants running out",
            description = "Active variants with at most `dukkan.figures.low-stock-threshold` units available (on hand"
                    + " less held), fewest first; a seller's own only.")
    LowStock.LowVariants lowStock(
            @Parameter(description = "0-based page, at most 100000", schema = @Schema(type = "integer", minimum = "0"))
                    @RequestParam(defaultValue = "0")
                    String page,
            @Parameter(
                            description = "variants per page, 1 to 100",
                            schema = @Schema(type = "integer", minimum = "1", maximum = "100"))
                    @RequestParam(defaultValue = "20")
                    String size) {
        return figures.lowStock(figures.scope(), number("page", page, 0, 100_000), number("size", size, 1, 100));
    }

    /**
     * Problems of this API as problem details: the console's pages, in the same module, answer errors
     * with the error page.
     */
    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> problem(ProblemException problem) {
        return ResponseEntity.status(problem.status()).body(Problems.of(problem));
    }

    private static int number(String name, String value, int min, int max) {
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalid(name, "a whole number from " + min + " to " + max);
    }
}
