package app.dukkan.privacy.consent;

import app.dukkan.privacy.Consents;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The consent log as the JSON API shows it: purposes and channels by their lower-case codes. */
final class ConsentResponses {

    private ConsentResponses() {}

    /** A subject's consents: the current state of each purpose and the entries that made it, newest first. */
    record ConsentState(String noticeVersion, List<ConsentEntry> current, List<ConsentEntry> history) {

        static ConsentState of(Consents consents, List<Consents.Entry> current, List<Consents.Entry> history) {
            return new ConsentState(
                    consents.noticeVersion(),
                    current.stream().map(ConsentEntry::of).toList(),
                    history.stream().map(ConsentEntry::of).toList());
        }
    }

    record ConsentEntry(
            UUID id,
            String purpose,
            boolean granted,
            String channel,
            String noticeVersion,
            Instant at,
            @Nullable UUID userId,
            @Nullable String email,
            @Nullable String phone,
            @Nullable String clientAddress) {

        static ConsentEntry of(Consents.Entry entry) {
            return new ConsentEntry(
                    entry.id(),
                    ConsentLog.code(entry.purpose()),
                    entry.granted(),
                    ConsentLog.code(entry.channel()),
                    entry.noticeVersion(),
                    entry.at(),
                    entry.userId(),
                    entry.email(),
                    entry.phone(),
                    entry.clientAddress());
        }
    }
}
