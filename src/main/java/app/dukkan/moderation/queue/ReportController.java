package app.dukkan.moderation.queue;

import app.dukkan.identity.CurrentUser;
import app.dukkan.moderation.ContentKind;
import app.dukkan.platform.ProblemException;
import app.dukkan.platform.TextInput;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Reports", description = "Signed-in people report posts, comments, reviews and profiles")
class ReportController {

    private static final String DESCRIPTION = "`reason` one of spam, harassment, hate, nudity, violence, scam, other;"
            + " `note` optional, at most 500 characters. Signed-in only (401). 404 when the item does not exist or"
            + " the reporter cannot see it, 422 `own-content` for one's own, 409 `already-reported` for a second"
            + " report of the same item (nothing changes), 429 past the report limits per user and per address."
            + " Enough reports from distinct users (`dukkan.moderation.auto-hide-reports`) hide the item until an"
            + " operator reviews it.";

    record ReportRequest(
            @NotBlank @Size(max = 20) String reason,
            @Nullable @Size(max = 500) String note) {}

    private final Reports reports;
    private final CurrentUser currentUser;

    ReportController(Reports reports, CurrentUser currentUser) {
        this.reports = reports;
        this.currentUser = currentUser;
    }

    @PostMapping("/api/v1/posts/{id}/report")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Report a post", description = DESCRIPTION)
    @ApiResponse(responseCode = "201", description = "Reported")
    Reports.Filed post(@PathVariable String id, @Valid @RequestBody ReportRequest request, HttpServletRequest http) {
        return report(ContentKind.POST, id, request, http);
    }

    @PostMapping("/api/v1/comments/{id}/report")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Report a comment", description = DESCRIPTION)
    @ApiResponse(responseCode = "201", description = "Reported")
    Reports.Filed comment(@PathVariable String id, @Valid @RequestBody ReportRequest request, HttpServletRequest http) {
        return report(ContentKind.COMMENT, id, request, http);
    }

    @PostMapping("/api/v1/reviews/{id}/report")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Report a review", description = DESCRIPTION)
    @ApiResponse(responseCode = "201", description = "Reported")
    Reports.Filed review(@PathVariable String id, @Valid @RequestBody ReportRequest request, HttpServletRequest http) {
        return report(ContentKind.REVIEW, id, request, http);
    }

    @PostMapping("/api/v1/profiles/{handle}/report")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Report a profile", description = DESCRIPTION)
    @ApiResponse(responseCode = "201", description = "Reported")
    Reports.Filed profile(
            @PathVariable String handle, @Valid @RequestBody ReportRequest request, HttpServletRequest http) {
        return report(ContentKind.PROFILE, handle, request, http);
    }

    private Reports.Filed report(ContentKind kind, String key, ReportRequest request, HttpServletRequest http) {
        var user = currentUser.require();
        if (key.length() > 64) {
            throw ProblemException.notFound(kind.code(), TextInput.abbreviate(key, 65));
        }
        return reports.report(kind, key, user.id(), http.getRemoteAddr(), request.reason(), request.note());
    }
}
