package app.dukkan.privacy.request;

import app.dukkan.privacy.PrivacyRequest.Kind;
import app.dukkan.privacy.PrivacyRequests;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Privacy", description = "A customer's export of their data and the erasure of their account")
class MyPrivacyController {

    record ErasureRequest(@Nullable @Size(max = 1000) String password) {}

    private final PrivacyRequests privacy;

    MyPrivacyController(PrivacyRequests privacy) {
        this.privacy = privacy;
    }

    @PostMapping("/api/v1/me/exports")
    @Operation(
            summary = "Export my data",
            description = "Queues a job that packs everything the shop holds about you (account, orders, payments"
                    + " without card data, carts, community, loyalty, mails, …) into one JSON file; while one runs,"
                    + " asking again answers it. 202 with the request; poll GET /api/v1/me/exports/{id} until its"
                    + " status is completed, then fetch download_url (valid until download_expires_at). 409"
                    + " email-unverified until your email address is confirmed: your data is found by it.")
    ResponseEntity<PrivacyRequestResponse> export() {
        return ResponseEntity.accepted().body(PrivacyRequestResponse.of(privacy.exportMine()));
    }

    @GetMapping("/api/v1/me/exports/{id}")
    @Operation(
            summary = "One of my exports",
            description = "Its status (running, completed, failed) and, once completed, a signed download_url that"
                    + " works until download_expires_at. 404 for anyone else's export.")
    PrivacyRequestResponse export(@PathVariable UUID id) {
        return PrivacyRequestResponse.of(privacy.mine(id, Kind.EXPORT));
    }

    @PostMapping("/api/v1/me/erasures")
    @Operation(
            summary = "Erase my account and data",
            description = "password: your current password again (400 wrong-current-password naming password; counts"
                    + " against the sign-in limit, 429 beyond it). At once your account is closed: it cannot sign in,"
                    + " every session and API key ends. Then each part of the shop erases your data in a job of its"
                    + " own; orders are kept for accounting without your name, email, phone or address. A second"
                    + " request answers the first. 409 operator-account for sellers and administrators; 409 erasure-held"
                    + " while an order is being paid or awaits shipping (the detail names it); 409 email-unverified"
                    + " until your email address is confirmed. 202 with the"
                    + " request and its parts' progress.")
    ResponseEntity<PrivacyRequestResponse> erase(@Valid @RequestBody ErasureRequest request, HttpServletRequest http) {
        String password = request.password() == null ? "" : request.password();
        return ResponseEntity.accepted()
                .body(PrivacyRequestResponse.of(privacy.eraseMine(password, http.getRemoteAddr())));
    }

    @GetMapping("/api/v1/me/erasures/{id}")
    @Operation(
            summary = "One of my erasures",
            description = "Progress per part (pending, done, failed) while it runs. Usable only while you are still"
                    + " signed in: the erasure ends your sessions. 404 for anyone else's.")
    PrivacyRequestResponse erasure(@PathVariable UUID id) {
        return PrivacyRequestResponse.of(privacy.mine(id, Kind.ERASURE));
    }
}
