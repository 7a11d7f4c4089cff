package app.dukkan.operations;

import app.dukkan.platform.FileStore;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.zip.GZIPInputStream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.jspecify.annotations.Nullable;

/**
 * Restores a backup into a fresh, empty database: the migrations build the schema of the backup's
 * version, the dump's rows are loaded in one transaction, and the restored database is checked
 * (every table's row count as the backup has it, the migrations valid). Needs no running shop and
 * no access to the database the backup came from.
 */
public final class Restorer {

    /** The database to restore into. */
    public record Target(
            String url, @Nullable String user, @Nullable String password) {}

    /** A restore done: which backup, what it held, and how long it took. */
    public record Restored(
            String name,
            String schemaVersion,
            String appVersion,
            Instant createdAt,
            int tables,
            long rows,
            int sequences,
            Duration took) {}

    private final FileStore files;
    private final byte[] key;

    /**
     * @param files the file store the backups are kept in
     * @param base64Key the backup key they were sealed with
     */
    public Restorer(FileStore files, String base64Key) {
        this.files = files;
        this.key = SealedStreams.key(base64Key);
    }

    /** The name of the newest backup in the store, if there is one. */
    public Optional<String> latest() {
        List<String> names = BackupNames.names(files.list(BackupNames.PREFIX));
        return names.isEmpty() ? Optional.empty() : Optional.of(names.get(names.size() - 1));
    }

    /**
     * Restores the named backup into the target.
     *
     * @throws IllegalArgumentException when there is no such backup or the target is not empty
     * @throws IllegalStateException when the backup cannot be read (another key, damaged, cut off)
     *     or does not load; the target then holds at most the empty schema
     */
    public Restored restore(String name, Target target) {
        long started = System.nanoTime();
        Path temporary = null;
        try {
            temporary = Files.createTempFile("dukkan-restore-", ".tmp");
            if (BackupNames.time(name).isEmpty() || !files.copyTo(BackupNames.key(name), temporary)) {
                throw new IllegalArgumentException("No backup named " + name);
            }
            try (Connection connection = connect(target);
                    InputStream file = new BufferedInputStream(Files.newInputStream(temporary), 1 << 16);
                    DataInputStream dump = new DataInputStream(new BufferedInputStream(
                            new GZIPInputStream(SealedStreams.open(file, key), 1 << 16), 1 << 16))) {
                requireEmpty(connection);
                DatabaseDump.Manifest manifest = DatabaseDump.manifest(dump);
                Flyway flyway = migrations(target, manifest);
                flyway.migrate();
                DatabaseDump.Counts counts = DatabaseDump.load(dump, connection);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("analyze");
                }
                flyway.validate();
                return new Restored(
                        name,
                        manifest.schemaVersion(),
                        manifest.appVersion(),
                        manifest.createdAt(),
                        counts.tables(),
                        counts.rows(),
                        counts.sequences(),
                        Duration.ofNanos(System.nanoTime() - started));
            }
        } catch (IOException e) {
            throw new IllegalStateException("The restore failed: " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("The restore failed: " + e.getMessage(), e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException e) {
                    // the restore's outcome stands; a temporary file left behind is the system's to clean
                }
            }
        }
    }

    private static Connection connect(Target target) throws SQLException {
        Properties properties = new Properties();
        if (target.user() != null) {
            properties.setProperty("user", target.user());
        }
        if (target.password() != null) {
            properties.setProperty("password", target.password());
        }
        return DriverManager.getConnection(target.url(), properties);
    }

    private static void requireEmpty(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("""
                        select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
                        where n.nspname = current_schema() and c.relkind in ('r', 'p', 'v', 'm', 'S')""")) {
            result.next();
            if (result.getLong(1) > 0) {
                throw new IllegalArgumentException(
                        "The target database is not empty: a restore goes into a new database only");
            }
        }
    }

    /** The migrations up to the backup's schema version, which this version of the shop must know. */
    private static Flyway migrations(Target target, DatabaseDump.Manifest manifest) {
        MigrationVersion version = MigrationVersion.fromVersion(manifest.schemaVersion());
        Flyway flyway = Flyway.configure(Restorer.class.getClassLoader())
                .dataSource(target.url(), target.user(), target.password())
                .locations("classpath:db/migration")
                .target(version)
                .load();
        boolean known = Arrays.stream(flyway.info().all())
                .map(MigrationInfo::getVersion)
                .anyMatch(version::equals);
        if (!known) {
            throw new IllegalStateException("The backup's schema version " + manifest.schemaVersion()
                    + " is not among this version's migrations: restore it with Dukkan " + manifest.appVersion());
        }
        return flyway;
    }
}
