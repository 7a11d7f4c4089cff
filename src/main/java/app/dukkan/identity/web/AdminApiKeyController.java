package app.dukkan.identity.web;

import app.dukkan.identity.ApiKeyId;
import app.dukkan.identity.ApiKeyPage;
import app.dukkan.identity.ApiKeys;
import app.dukkan.identity.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Admin: API keys", description = "Every account's API keys, and revoking any of them")
@PreAuthorize("hasRole('ADMIN')")
class AdminApiKeyController {

    /** Long enough for any reason the service accepts, so that it (not the binding) names the limit. */
    private static final int MAX_TEXT = 10_000;

    record RevokeRequest(@Nullable @Size(max = MAX_TEXT) String reason) {}

    record ApiKeyPageResponse(List<ApiKeyResponse> items, int page, int size, long total) {

        static ApiKeyPageResponse of(ApiKeyPage page) {
            return new ApiKeyPageResponse(
                    page.items().stream().map(ApiKeyResponse::of).toList(), page.page(), page.size(), page.total());
        }
    }

    private final ApiKeys keys;

    AdminApiKeyController(ApiKeys keys) {
        this.keys = keys;
    }

    @GetMapping("/api/v1/admin/api-keys")
    @Operation(
            summary = "Every API key",
            description = "Newest first (ties by id), with the owner's id and email; user_id: only that account's"
                    + " keys; page from 0 (at most 10000), size 1-100 (default 20). Never a secret. Admins only.")
    ApiKeyPageResponse all(
            @RequestParam(name = "user_id", required = false) @Nullable UUID userId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return ApiKeyPageResponse.of(keys.all(userId == null ? null : new UserId(userId), page, size));
    }

    @PostMapping("/api/v1/admin/api-keys/{id}/revoke")
    @Operation(
            summary = "Revoke any API key",
            description = "It stops working at once. reason is optional (at most 500 characters) and goes to the"
                    + " audit log (api-key.revoked). Revoking a revoked key changes nothing. 404 for an unknown"
                    + " key. Admins only.")
    ApiKeyResponse revoke(
            @PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable RevokeRequest request) {
        return ApiKeyResponse.of(keys.revoke(new ApiKeyId(id), request == null ? null : request.reason()));
    }
}
