package app.dukkan.catalog;

import app.dukkan.platform.ProblemException;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** Some lines asked for more than is available; the problem lists each of them. */
public class StockShortageException extends ProblemException {

    public record Shortage(UUID variantId, int requested, int available) {}

    private final List<Shortage> shortages;

    public StockShortageException(List<Shortage> shortages) {
        super(
                HttpStatus.CONFLICT,
                "out-of-stock",
                "Not enough stock",
                shortages.size() + " line(s) ask for more than is available",
                shortages.stream()
                        .map(s -> new FieldProblem(
                                "variant_id",
                                s.variantId() + ": " + s.available() + " available, " + s.requested() + " requested"))
                        .toList());
        this.shortages = List.copyOf(shortages);
    }

    public List<Shortage> shortages() {
        return shortages;
    }
}
