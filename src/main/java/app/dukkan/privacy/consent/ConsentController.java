package app.dukkan.privacy.consent;

import app.dukkan.identity.AccountDirectory;
import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.identity.CurrentUser;
import app.dukkan.platform.ProblemException;
import app.dukkan.privacy.Consents;
import app.dukkan.privacy.DataSubject;
import app.dukkan.privacy.consent.ConsentResponses.ConsentEntry;
import app.dukkan.privacy.consent.ConsentResponses.ConsentState;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Privacy", description = "Your consents and the shop's consent log")
class ConsentController {

    record ConsentChange(@NotNull Boolean granted) {}

    private final Consents consents;
    private final CurrentUser currentUser;
    private final AccountDirectory directory;

    ConsentController(Consents consents, CurrentUser currentUser, AccountDirectory directory) {
        this.consents = consents;
        this.currentUser = currentUser;
        this.directory = directory;
    }

    @GetMapping("/api/v1/me/consents")
    @Operation(
            summary = "Your consents",
            description = "The current state of each purpose you have a consent entry for (`processing`: the"
                    + " privacy notice accepted at sign-up or checkout; `marketing`: offers and news by email;"
                    + " `whatsapp`: being contacted on WhatsApp) and the entries that made it, newest first (at"
                    + " most 200), matched by your account and, once you have confirmed it, your email address. Each entry names the notice"
                    + " version it was given under, the channel and the time.")
    ConsentState mine() {
        DataSubject subject = subject(currentUser.require());
        return ConsentState.of(consents, consents.current(subject), consents.history(subject));
    }

    @PutMapping("/api/v1/me/consents/{purpose}")
    @Operation(
            summary = "Grant or withdraw a consent",
            description = "`{\"granted\": true}` grants, `false` withdraws `marketing` or `whatsapp`, recorded under"
                    + " the current notice version with your client address (channel `api`; the account page"
                    + " records `web`). Idempotent: the same choice again records nothing and answers the entry"
                    + " that made it. `processing` cannot be withdrawn"
                    + " here (400): it ends with the account's erasure. `whatsapp` holds for the WhatsApp numbers"
                    + " your orders, or orders under your confirmed email, were placed from: a withdrawal stops"
                    + " messages to them, a grant again resumes them unless a number sent STOP in the chat (only"
                    + " START there undoes that).")
    ConsentEntry change(
            @PathVariable String purpose, @Valid @RequestBody ConsentChange body, HttpServletRequest request) {
        Consents.Purpose chosen = purpose(purpose);
        if (chosen == Consents.Purpose.PROCESSING) {
            throw ProblemException.invalid(
                    "purpose", "processing is withdrawn by erasing the account; choose marketing or whatsapp");
        }
        AuthenticatedUser user = currentUser.require();
        return ConsentEntry.of(
                consents.change(subject(user), chosen, body.granted(), Consents.Channel.API, request.getRemoteAddr()));
    }

    @GetMapping("/api/v1/admin/consents")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            summary = "Consents of a person",
            description = "The consent log of one person, found by exactly one of `email`, `phone` (E.164, e.g."
                    + " +4917612345678; spaces and dashes are dropped) or `user_id`: the current state of each"
                    + " purpose and the entries, newest first (at most 200). Admins only.")
    ConsentState search(
            @RequestParam(required = false) @Nullable String email,
            @RequestParam(required = false) @Nullable String phone,
            @RequestParam(name = "user_id", required = false) @Nullable String userId) {
        DataSubject subject = searched(email, phone, userId);
        return ConsentState.of(consents, consents.current(subject), consents.history(subject));
    }

    private DataSubject subject(AuthenticatedUser user) {
        return DataSubject.ofAccount(
                directory.find(user.id()).orElseThrow(() -> ProblemException.unauthorized("Sign in first")));
    }

    private static Consents.Purpose purpose(String code) {
        for (Consents.Purpose purpose : Consents.Purpose.values()) {
            if (ConsentLog.code(purpose).equals(code)) {
                return purpose;
            }
        }
        throw ProblemException.invalid("purpose", "must be marketing or whatsapp");
    }

    /** One person by exactly one of email, phone and account. */
    private static DataSubject searched(@Nullable String email, @Nullable String phone, @Nullable String userId) {
        int given = (blank(email) ? 0 : 1) + (blank(phone) ? 0 : 1) + (blank(userId) ? 0 : 1);
        if (given != 1) {
            throw ProblemException.invalid("email", "give exactly one of email, phone and user_id");
        }
        if (userId != null && !userId.isBlank()) {
            try {
                return new DataSubject(UUID.fromString(userId.strip()), null, null, null);
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("user_id", "must be a user id (UUID)");
            }
        }
        return new DataSubject(null, email, phone, null);
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
