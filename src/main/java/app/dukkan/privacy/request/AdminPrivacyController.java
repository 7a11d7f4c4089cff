package app.dukkan.privacy.request;

import app.dukkan.privacy.PrivacyRequest.Kind;
import app.dukkan.privacy.PrivacyRequests;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Admin: privacy", description = "Exports and erasures of any customer's data, by email or phone")
@PreAuthorize("hasRole('ADMIN')")
class AdminPrivacyController {

    /** Long enough for anything the service accepts, so that it (not the binding) names the limit. */
    private static final int MAX_TEXT = 10_000;

    record ExportRequest(
            @Nullable @Size(max = MAX_TEXT) String email,
            @Nullable @Size(max = MAX_TEXT) String phone) {}

    record ErasureRequest(
            @Nullable @Size(max = MAX_TEXT) String email,
            @Nullable @Size(max = MAX_TEXT) String phone,
            @Nullable @Size(max = MAX_TEXT) String reason) {}

    private final PrivacyRequests privacy;

    AdminPrivacyController(PrivacyRequests privacy) {
        this.privacy = privacy;
    }

    @PostMapping("/api/v1/admin/privacy/exports")
    @Operation(
            summary = "Export a person's data",
            description = "email or phone (international as +49…, 0049… or WhatsApp's digits, all read as E.164;"
                    + " or a national number as in an order's address), at least one: 400 naming the field when"
                    + " missing or malformed; 404 not-found when the shop holds nothing about them (nothing is"
                    + " queued). 202 with the request; its download_url appears once completed. Audited with ids"
                    + " only (privacy.export-requested). Admins only.")
    ResponseEntity<PrivacyRequestResponse> export(@Valid @RequestBody ExportRequest request) {
        return ResponseEntity.accepted()
                .body(PrivacyRequestResponse.of(privacy.export(request.email(), request.phone())));
    }

    @GetMapping("/api/v1/admin/privacy/exports/{id}")
    @Operation(summary = "One export", description = "As the request answered, now. 404 for an unknown id.")
    PrivacyRequestResponse export(@PathVariable UUID id) {
        return PrivacyRequestResponse.of(privacy.find(id, Kind.EXPORT));
    }

    @PostMapping("/api/v1/admin/privacy/erasures")
    @Operation(
            summary = "Erase a person",
            description = "email or phone as for exports, and reason (1-500 characters, kept with the request, not in"
                    + " the audit log). The account (if any) is closed at once; each part erases in a job of its own"
                    + " with retries, then a dead letter (the part shows failed). A second request for the same"
                    + " person answers the first. 400 naming the field; 404 not-found; 409 self-erasure; 409"
                    + " erasure-held while an order of theirs is being paid or awaits shipping. Admins only.")
    ResponseEntity<PrivacyRequestResponse> erase(@Valid @RequestBody ErasureRequest request) {
        String reason = request.reason() == null ? "" : request.reason();
        return ResponseEntity.accepted()
                .body(PrivacyRequestResponse.of(privacy.erase(request.email(), request.phone(), reason)));
    }

    @GetMapping("/api/v1/admin/privacy/erasures/{id}")
    @Operation(
            summary = "One erasure",
            description = "Its parts (pending, done, failed) and their counts in progress. 404 for an unknown id.")
    PrivacyRequestResponse erasure(@PathVariable UUID id) {
        return PrivacyRequestResponse.of(privacy.find(id, Kind.ERASURE));
    }

    @GetMapping("/api/v1/admin/privacy/requests")
    @Operation(
            summary = "Latest requests",
            description = "Exports and erasures, newest first; limit 1-100 (default 20), else 400 naming limit.")
    List<PrivacyRequestResponse> recent(@RequestParam(defaultValue = "20") int limit) {
        return privacy.recent(limit).stream().map(PrivacyRequestResponse::of).toList();
    }
}
