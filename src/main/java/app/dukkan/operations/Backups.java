package app.dukkan.operations;

import app.dukkan.platform.AppVersion;
import app.dukkan.platform.FileStore;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Backs the shop's database up: a {@link DatabaseDump} in one snapshot, gzip-compressed, sealed
 * with AES-256-GCM under the backup key, stored in the file store under a name that tells its time
 * and version; then older backups beyond the retention are deleted.
 */
@Component
@EnableConfigurationProperties(BackupProperties.class)
public class Backups {

    /** A backup made: its name, size, contents, duration and the backups the retention deleted. */
    public record Backup(
            String name, long bytes, int tables, long rows, int sequences, Duration took, List<String> deleted) {}

    private final DataSource dataSource;
    private final FileStore files;
    private final AppVersion version;
    private final BackupProperties properties;
    private final Clock clock;

    Backups(DataSource dataSource, FileStore files, AppVersion version, BackupProperties properties, Clock clock) {
        this.dataSource = dataSource;
        this.files = files;
        this.version = version;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Makes a backup now.
     *
     * @throws IllegalStateException when no backup key is configured or it is not 32 bytes
     */
    public Backup create() {
        byte[] key = key();
        Instant started = clock.instant();
        String name = BackupNames.name(started, version.value());
        Path temporary = null;
        try {
            temporary = Files.createTempFile("dukkan-backup-", ".tmp");
            DatabaseDump.Counts counts;
            try (Connection connection = dataSource.getConnection();
                    OutputStream file = new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16);
                    OutputStream sealed = SealedStreams.seal(file, key);
                    GZIPOutputStream zipped = new GZIPOutputStream(sealed, 1 << 16)) {
                counts = DatabaseDump.write(connection, version.value(), zipped);
            }
            long bytes = Files.size(temporary);
            files.store(BackupNames.key(name), temporary);
            List<String> deleted = prune(name);
            return new Backup(
                    name,
                    bytes,
                    counts.tables(),
                    counts.rows(),
                    counts.sequences(),
                    Duration.between(started, clock.instant()),
                    deleted);
        } catch (IOException e) {
            throw new UncheckedIOException("The backup failed: " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("The backup failed: " + e.getMessage(), e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException e) {
                    // a leftover temporary file is no reason to fail a backup that was stored
                }
            }
        }
    }

    /** The stored backups' names, oldest first. */
    public List<String> names() {
        return BackupNames.names(files.list(BackupNames.PREFIX));
    }

    private List<String> prune(String made) {
        List<String> expired = new BackupRetention(properties.daily(), properties.weekly())
                .expired(names(), name -> BackupNames.time(name).orElseThrow());
        List<String> deleted =
                expired.stream().filter(name -> !name.equals(made)).toList();
        deleted.forEach(name -> files.delete(BackupNames.key(name)));
        return deleted;
    }

    private byte[] key() {
        if (properties.key() == null || properties.key().isBlank()) {
            throw new IllegalStateException(
                    "No backup key: set DUKKAN_BACKUP_KEY to 32 random bytes, base64-encoded (openssl rand -base64 32)");
        }
        try {
            return SealedStreams.key(properties.key());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
