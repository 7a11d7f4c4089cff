package app.dukkan.automation.secret;

import app.dukkan.platform.AuditLog;
import app.dukkan.platform.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Admins keep connector credentials here; values go in and never come out. */
@RestController
@Tag(name = "Automation: credentials")
@PreAuthorize("hasRole('ADMIN')")
class CredentialsController {

    record CredentialInput(
            @Nullable String name,
            @Nullable String connector,
            @Nullable String value) {}

    private final Credentials credentials;
    private final AuditLog audit;

    CredentialsController(Credentials credentials, AuditLog audit) {
        this.credentials = credentials;
        this.audit = audit;
    }

    @GetMapping("/api/v1/automation/credentials")
    @Operation(
            summary = "Connector credentials",
            description = "Every credential's name, connector and times, never its value. Admins only.")
    Map<String, List<Credentials.Credential>> list() {
        return Map.of("items", credentials.list());
    }

    @PostMapping("/api/v1/automation/credentials")
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    @Operation(
            summary = "Create or replace a connector credential",
            description = "Body {\"name\", \"connector\": \"slack\"|\"whatsapp\"|\"http\", \"value\"}: for slack the"
                    + " incoming-webhook URL, for whatsapp JSON {\"phoneNumberId\", \"accessToken\"}. Stored"
                    + " encrypted; a credential of the same name is replaced. Answers the credential without"
                    + " its value. Admins only.")
    Credentials.Credential save(@RequestBody CredentialInput input) {
        String name = required("name", input.name());
        String connector = required("connector", input.connector());
        String value = required("value", input.value());
        Credentials.Credential saved = credentials.save(name, connector, value);
        audit.record(
                "automation.credential.saved", "automation_credential", name, null, Map.of("connector", connector));
        return saved;
    }

    @DeleteMapping("/api/v1/automation/credentials/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Transactional
    @Operation(summary = "Delete a connector credential", description = "404 when there is none. Admins only.")
    void delete(@PathVariable String name) {
        if (!credentials.delete(name)) {
            throw ProblemException.notFound("credential", name);
        }
        audit.record("automation.credential.deleted", "automation_credential", name, null, Map.of());
    }

    private static String required(String field, @Nullable String value) {
        if (value == null) {
            throw ProblemException.invalid(field, "is required");
        }
        return value;
    }
}
