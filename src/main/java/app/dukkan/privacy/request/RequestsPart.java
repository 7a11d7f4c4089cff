package app.dukkan.privacy.request;

import app.dukkan.platform.FileStore;
import app.dukkan.privacy.DataSubject;
import app.dukkan.privacy.PersonalData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The privacy module's own part: the packages of the person's earlier exports are deleted and
 * operators' reasons lose what names them. The requests themselves stay, without the person.
 */
@Component
class RequestsPart implements PersonalData {

    private final PrivacyRequestRepository requests;
    private final SubjectHashes hashes;
    private final FileStore files;

    RequestsPart(PrivacyRequestRepository requests, SubjectHashes hashes, FileStore files) {
        this.requests = requests;
        this.hashes = hashes;
        this.files = files;
    }

    @Override
    public String part() {
        return "privacy";
    }

    /** Nothing beyond the export's own metadata, which every package carries. */
    @Override
    public Object export(DataSubject subject) {
        return Map.of();
    }

    @Override
    public void erase(DataSubject subject) {
        List<byte[]> known = new ArrayList<>(List.of(hashes.of(subject)));
        if (subject.email() != null && subject.phone() != null) {
            // a package an operator made by the person's phone alone (a chat's customer) goes too
            known.add(hashes.of(DataSubject.ofPhone(subject.phone())));
        }
        for (byte[] hash : known) {
            for (String key : requests.exportFiles(subject.userId(), hash)) {
                files.delete(key);
                requests.forgetExportFile(key);
            }
            requests.redactReasons(subject.userId(), hash, subject.pattern());
        }
    }
}
