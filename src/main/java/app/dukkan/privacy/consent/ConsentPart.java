package app.dukkan.privacy.consent;

import app.dukkan.platform.ProblemException;
import app.dukkan.privacy.DataSubject;
import app.dukkan.privacy.PersonalData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The consent log's part in exports (every entry about the person) and erasures (who the entries
 * were about is blanked; the log keeps what was consented, when and under which notice).
 */
@Component
class ConsentPart implements PersonalData {

    private final ConsentLog log;

    ConsentPart(ConsentLog log) {
        this.log = log;
    }

    @Override
    public String part() {
        return "consents";
    }

    @Override
    public Object export(DataSubject subject) {
        Optional<DataSubject> known = known(subject);
        if (known.isEmpty()) {
            return Map.of("entries", List.of());
        }
        List<Map<String, Object>> entries = new ArrayList<>();
        log.eachEntry(known.get(), entry -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("purpose", ConsentLog.code(entry.purpose()));
            row.put("granted", entry.granted());
            row.put("channel", ConsentLog.code(entry.channel()));
            row.put("notice_version", entry.noticeVersion());
            row.put("at", entry.at().toString());
            row.put("client_address", entry.clientAddress());
            entries.add(row);
        });
        return Map.of("entries", entries);
    }

    @Override
    public void erase(DataSubject subject) {
        known(subject).ifPresent(log::forget);
    }

    /**
     * The subject as the log knows people: a phone that is not in international form (a local
     * number typed into an address) cannot be in the log, so it is left out.
     */
    private static Optional<DataSubject> known(DataSubject subject) {
        if (subject.phone() == null || subject.phone().isBlank()) {
            return Optional.of(subject);
        }
        try {
            ConsentLog.normalizePhone(subject.phone());
            return Optional.of(subject);
        } catch (ProblemException notInternational) {
            return subject.userId() == null
                            && (subject.email() == null || subject.email().isBlank())
                    ? Optional.empty()
                    : Optional.of(new DataSubject(subject.userId(), subject.email(), null, subject.name()));
        }
    }
}
