package app.dukkan.privacy.request;

import app.dukkan.platform.AuditLog;
import app.dukkan.platform.FeatureFlags;
import app.dukkan.privacy.DataSubject;
import app.dukkan.privacy.PersonalData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The audit log: exported are the entries of what the person did; an erasure redacts their email,
 * phone and name wherever an entry mentions them and keeps every entry (who did what stays known),
 * and forgets them as who last switched a feature flag.
 */
@Component
class AuditPart implements PersonalData {

    private static final int PAGE = 200;

    private final AuditLog audit;
    private final FeatureFlags flags;

    AuditPart(AuditLog audit, FeatureFlags flags) {
        this.audit = audit;
        this.flags = flags;
    }

    @Override
    public String part() {
        return "audit";
    }

    @Override
    public Object export(DataSubject subject) {
        if (subject.userId() == null) {
            return List.of();
        }
        AuditLog.Query query = new AuditLog.Query(subject.userId(), null, null, null, null, null);
        List<Map<String, Object>> entries = new ArrayList<>();
        String cursor = null;
        do {
            AuditLog.Page page = audit.find(query, cursor, PAGE);
            page.items()
                    .forEach(entry -> entries.add(Map.of(
                            "at", entry.at(),
                            "action", entry.action(),
                            "target_type", entry.targetType(),
                            "target_id", entry.targetId())));
            cursor = page.next();
        } while (cursor != null);
        return entries;
    }

    @Override
    public void erase(DataSubject subject) {
        audit.redact(subject.userId(), subject.pattern());
        if (subject.email() != null) {
            flags.forgetSwitcher(subject.email());
        }
    }
}
