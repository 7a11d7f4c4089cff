package app.dukkan.loyalty.points;

import app.dukkan.identity.CurrentUser;
import app.dukkan.loyalty.Loyalty;
import app.dukkan.platform.Feature;
import app.dukkan.platform.FeatureFlags;
import app.dukkan.platform.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@Tag(name = "Loyalty", description = "Your points, badge and their history")
class LoyaltyController {

    private final CurrentUser currentUser;
    private final Loyalty loyalty;
    private final FeatureFlags flags;

    LoyaltyController(CurrentUser currentUser, Loyalty loyalty, FeatureFlags flags) {
        this.currentUser = currentUser;
        this.loyalty = loyalty;
        this.flags = flags;
    }

    @GetMapping("/api/v1/me/loyalty")
    @Operation(
            summary = "Show your loyalty points",
            description = "Balance, current badge, the next badge with the points still to go, and the history of"
                    + " credits and reversals, newest first. Answers 404 while the shop's flag `points` is off"
                    + " (points are still earned).")
    Loyalty.Statement get(
            @RequestParam(defaultValue = "0") @Min(0) @Max(100000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        if (!flags.isOn(Feature.POINTS)) {
            throw ProblemException.notFound("resource", "/api/v1/me/loyalty");
        }
        return loyalty.statement(currentUser.require().id(), page, size);
    }
}
