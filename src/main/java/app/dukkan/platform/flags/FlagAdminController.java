package app.dukkan.platform.flags;

import app.dukkan.platform.FeatureFlags;
import app.dukkan.platform.FeatureFlags.Flag;
import app.dukkan.platform.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Admin: feature flags")
@PreAuthorize("hasRole('ADMIN')")
class FlagAdminController {

    record FlagSwitch(@Nullable Boolean enabled) {}

    private final FeatureFlags flags;

    FlagAdminController(FeatureFlags flags) {
        this.flags = flags;
    }

    @GetMapping("/api/v1/admin/flags")
    @Operation(
            summary = "Feature flags",
            description = "Every flag with its state, what it switches and when and by whom it was switched"
                    + " last: pwa, realtime, points, recommendations. Admins only.")
    Map<String, List<Flag>> list() {
        return Map.of("items", flags.list());
    }

    @PutMapping("/api/v1/admin/flags/{key}")
    @Operation(
            summary = "Switch a feature flag",
            description = "Body {\"enabled\": true|false}. Takes effect on every instance within a second,"
                    + " without a restart; answers the flag as stored. An unknown key is 404. Admins only.")
    Flag set(@PathVariable String key, @RequestBody FlagSwitch body, @Nullable Principal principal) {
        if (body.enabled() == null) {
            throw ProblemException.invalid("enabled", "must be true or false");
        }
        return flags.set(key, body.enabled(), principal == null ? null : principal.getName());
    }
}
