package app.dukkan.orders.draft;

import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** The body of the payment start; the draft bodies are the public {@code DraftDetails} and {@code DraftChange}. */
final class DraftRequests {

    private DraftRequests() {}

    record StartPayment(@NotNull UUID draftId) {}
}
