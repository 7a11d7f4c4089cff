package app.dukkan.identity.web;

import app.dukkan.identity.ApiKeyId;
import app.dukkan.identity.ApiKeys;
import app.dukkan.identity.NewApiKey;
import app.dukkan.identity.web.ApiKeyResponse.NewApiKeyResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "API keys", description = "Keys with which programs call the API as their owner, within scopes")
class ApiKeyController {

    /** Long enough for anything the service accepts, so that it (not the binding) names the limit. */
    private static final int MAX_TEXT = 10_000;

    record CreateRequest(
            @Nullable @Size(max = MAX_TEXT) String name,
            @NotEmpty @Size(max = 9) List<@NotNull String> scopes,
            @Nullable Instant expiresAt) {}

    private final ApiKeys keys;

    ApiKeyController(ApiKeys keys) {
        this.keys = keys;
    }

    @PostMapping("/api/v1/me/api-keys")
    @Operation(
            summary = "Create an API key",
            description = "name: 1-100 characters; scopes: at least one of catalog:read, catalog:write,"
                    + " orders:read, orders:write, triggers:write, workflows:write, logs:read, metrics:read"
                    + " (/actuator/** on the shop's port, for a Prometheus scraper), admin (admin grants"
                    + " everything your roles allow); expires_at: optional instant in the future. 201 with"
                    + " the key and its secret (dk_…), shown this once: only its hash is kept. Send it as"
                    + " 'Authorization: Bearer <secret>' or 'X-API-Key: <secret>'. 400 naming the field; 403"
                    + " scope-not-allowed for a scope your roles cannot use (catalog: sellers and admins; orders:"
                    + " everyone; triggers, workflows, logs, metrics and admin: admins); 409 too-many-api-keys past 50"
                    + " working keys. With an API key, only a key with the scope admin may create keys."
                    + " Written to the audit log (api-key.created).")
    ResponseEntity<NewApiKeyResponse> create(@Valid @RequestBody CreateRequest request) {
        NewApiKey created = keys.create(
                request.name() == null ? "" : request.name(),
                ApiKeyResponse.scopes(request.scopes()),
                request.expiresAt());
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new NewApiKeyResponse(ApiKeyResponse.of(created.key()), created.secret()));
    }

    @GetMapping("/api/v1/me/api-keys")
    @Operation(
            summary = "Your API keys",
            description = "Newest first, revoked and expired ones too: id, prefix (dk_ and the public id), name,"
                    + " scopes, created_at, expires_at, last_used_at (to about a minute), revoked_at. Never the"
                    + " secret.")
    List<ApiKeyResponse> mine() {
        return keys.mine().stream().map(ApiKeyResponse::of).toList();
    }

    @DeleteMapping("/api/v1/me/api-keys/{id}")
    @Operation(
            summary = "Revoke one of your API keys",
            description = "It stops working at once, on every instance. 204, also for a key revoked before; 404"
                    + " for a key that is not yours. Written to the audit log (api-key.revoked).")
    ResponseEntity<Void> revoke(@PathVariable UUID id) {
        keys.revoke(new ApiKeyId(id), null);
        return ResponseEntity.noContent().build();
    }
}
