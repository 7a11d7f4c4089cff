package app.dukkan.notifications.web;

import app.dukkan.notifications.mail.DevMailbox;
import app.dukkan.platform.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@RequestMapping("/api/v1/admin/mailbox")
@Tag(
        name = "Development mailbox",
        description = "Mails the shop would have sent, kept when no SMTP server is configured (admins)")
class MailboxController {

    private final MailboxAccess access;

    MailboxController(MailboxAccess access) {
        this.access = access;
    }

    @GetMapping
    @Operation(
            summary = "List mails in the development mailbox",
            description = "Newest first, without their bodies; `to` filters by recipient (any case). 404 when mail"
                    + " goes out over SMTP.")
    DevMailbox.Page list(
            @RequestParam(required = false) @Nullable @Size(max = 254) String to,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return access.require().list(to, page, size);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Show a mail of the development mailbox", description = "With its text and HTML parts.")
    DevMailbox.Message get(@PathVariable UUID id) {
        return access.require().find(id).orElseThrow(() -> ProblemException.notFound("mail", id));
    }
}
