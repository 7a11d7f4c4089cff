package app.dukkan.privacy.request;

import app.dukkan.platform.FileStore;
import app.dukkan.platform.RetentionPurge;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Deletes the packages of exports completed longer ago than {@code dukkan.privacy.export-retention}
 * (7 days): the person had their link, and a copy of all their data is not kept for good. The
 * request stays, completed, without a package to download. Each file goes before its key, so a crash
 * between the two leaves a key to a missing file (answered as gone), never a file nobody knows of.
 */
@Component
class ExportPurge implements RetentionPurge {

    private final JdbcClient jdbc;
    private final FileStore files;
    private final PrivacyRequestRepository requests;
    private final PrivacyProperties properties;

    ExportPurge(JdbcClient jdbc, FileStore files, PrivacyRequestRepository requests, PrivacyProperties properties) {
        this.jdbc = jdbc;
        this.files = files;
        this.requests = requests;
        this.properties = properties;
    }

    @Override
    public String name() {
        return "privacy-exports";
    }

    @Override
    public Duration retention() {
        return properties.exportRetention();
    }

    @Override
    public int purgeBefore(Instant cutoff) {
        List<String> keys =
                jdbc.sql("""
                        select file_key from privacy_requests
                        where kind = 'export' and file_key is not null and completed_at < ?""").param(Timestamp.from(cutoff)).query(String.class).list();
        for (String key : keys) {
            files.delete(key);
            requests.forgetExportFile(key);
        }
        return keys.size();
    }
}
