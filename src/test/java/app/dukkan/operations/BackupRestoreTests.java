package app.dukkan.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.dukkan.DukkanApplication;
import app.dukkan.platform.FileStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Backups against the real embedded PostgreSQL: a backup restored into a new database holds every
 * row of every table and every sequence's position; damaged, cut-off and foreign files and
 * occupied targets are refused.
 */
class BackupRestoreTests {

    private static final String KEY = key();
    private static Path files;
    private static ConfigurableApplicationContext shop;
    private static JdbcClient jdbc;
    private static FileStore store;
    private static Backups backups;

    @BeforeAll
    static void start() throws IOException {
        files = Files.createTempDirectory("dukkan-backups");
        shop = DukkanApplication.startCommand(List.of(
                "--spring.profiles.active=test",
                "--dukkan.seed.products=25",
                "--dukkan.backup.key=" + KEY,
                "--dukkan.storage.directory=" + files));
        jdbc = shop.getBean(JdbcClient.class);
        // every sequence in use, so that a restore must carry each one's position
        jdbc.sql("select nextval(format('%I', sequencename)::regclass) from pg_sequences where schemaname = 'public'")
                .query(Long.class)
                .list();
        store = shop.getBean(FileStore.class);
        backups = shop.getBean(Backups.class);
        // text that COPY must carry intact: quotes, tabs, newlines, backslashes, Arabic, NUL-free binary
        jdbc.sql("update products set description = ? where slug = (select min(slug) from products)")
                .param("Quote \" tab\t newline\n backslash \\ عربي ✓")
                .update();
    }

    @AfterAll
    static void stop() {
        shop.close();
    }

    @Test
    void aRestoredBackupHoldsEveryRowOfEveryTableAndEverySequence() {
        Backups.Backup backup = backups.create();
        assertThat(backup.name()).matches("dukkan-\\d{8}t\\d{6}z-.+\\.dump\\.enc");
        assertThat(backup.rows()).isPositive();
        assertThat(store.list("private/backups/")).contains("private/backups/" + backup.name());
        byte[] sealed = store.read("private/backups/" + backup.name()).orElseThrow();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1))
                .as("encrypted: no table name or product text readable")
                .doesNotContain("products", "Quote");

        String database = newDatabase();
        Restorer.Restored restored = new Restorer(store, KEY).restore(backup.name(), target(database));
        assertThat(restored.rows()).isEqualTo(backup.rows());
        assertThat(restored.tables()).isEqualTo(backup.tables());
        assertThat(restored.sequences()).isEqualTo(backup.sequences()).isPositive();

        JdbcClient copy = JdbcClient.create(dataSourceOf(database));
        assertThat(fingerprints(copy)).isEqualTo(fingerprints(jdbc));
        assertThat(sequences(copy)).isEqualTo(sequences(jdbc));
        assertThat(copy.sql("select max(version) from flyway_schema_history where success")
                        .query(String.class)
                        .single())
                .isEqualTo(jdbc.sql("select max(version) from flyway_schema_history where success")
                        .query(String.class)
                        .single());
    }

    @Test
    void aDamagedCutOffOrForeignBackupIsRefusedAndLeavesNoRows() throws IOException {
        String name = backups.create().name();
        byte[] sealed = store.read("private/backups/" + name).orElseThrow();

        byte[] flipped = sealed.clone();
        flipped[flipped.length / 2] ^= 1;
        String damaged = storeAs(flipped, 1);
        String database = newDatabase();
        assertThatThrownBy(() -> new Restorer(store, KEY).restore(damaged, target(database)))
                .hasMessageContaining("cannot be decrypted");
        assertThat(JdbcClient.create(dataSourceOf(database))
                        .sql("select count(*) from pg_tables where schemaname = 'public' and tablename = 'products'")
                        .query(Long.class)
                        .single())
                .as("refused before the schema was built")
                .isZero();

        String cut = storeAs(Arrays.copyOf(sealed, sealed.length - 100), 2);
        assertThatThrownBy(() -> new Restorer(store, KEY).restore(cut, target(newDatabase())))
                .hasMessageContaining("cut off");

        assertThatThrownBy(() -> new Restorer(store, key()).restore(name, target(newDatabase())))
                .as("another key")
                .hasMessageContaining("cannot be decrypted");

        String foreign = storeAs("PGDMP not ours".getBytes(StandardCharsets.US_ASCII), 3);
        assertThatThrownBy(() -> new Restorer(store, KEY).restore(foreign, target(newDatabase())))
                .hasMessageContaining("Not a Dukkan backup");
    }

    @Test
    void aRestoreGoesIntoAnEmptyDatabaseOnlyAndNeedsAKnownBackup() {
        String name = backups.create().name();
        String database = newDatabase();
        JdbcClient.create(dataSourceOf(database))
                .sql("create table precious (id int)")
                .update();
        assertThatThrownBy(() -> new Restorer(store, KEY).restore(name, target(database)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not empty");
        assertThatThrownBy(() ->
                        new Restorer(store, KEY).restore("dukkan-20990101t000000z-x.dump.enc", target(newDatabase())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No backup named");
        assertThatThrownBy(() -> new Restorer(store, KEY).restore("../../etc/passwd", target(newDatabase())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new Restorer(store, KEY).latest()).isPresent();
    }

    @Test
    void aKeyMustBe32BytesOfBase64() {
        assertThatThrownBy(() -> new Restorer(store, "not base64!")).hasMessageContaining("not base64");
        assertThatThrownBy(() -> new Restorer(store, Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32 bytes");
    }

    /** Stores a copy of backup content under a backup name a few seconds in the future. */
    private static String storeAs(byte[] content, int seconds) {
        String name = BackupNames.name(Instant.now().plusSeconds(3600 + seconds), "test");
        store.store("private/backups/" + name, content);
        return name;
    }

    private static Map<String, String> fingerprints(JdbcClient client) {
        Map<String, String> tables = new LinkedHashMap<>();
        for (String table : client.sql("""
                        select tablename from pg_tables where schemaname = 'public' and tablename <> 'flyway_schema_history'
                        order by tablename""").query(String.class).list()) {
            tables.put(
                    table,
                    client.sql("select count(*) || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '')"
                                    + " from \"" + table + "\" t")
                            .query(String.class)
                            .single());
        }
        return tables;
    }

    private static List<String> sequences(JdbcClient client) {
        return client.sql("select sequencename || '=' || coalesce(last_value, 0) from pg_sequences"
                        + " where schemaname = 'public' order by sequencename")
                .query(String.class)
                .list();
    }

    private static String newDatabase() {
        String name = "restore_" + Long.toHexString(new SecureRandom().nextLong() & Long.MAX_VALUE);
        jdbc.sql("create database " + name).update();
        return name;
    }

    private static Restorer.Target target(String database) {
        try (Connection connection = shop.getBean(DataSource.class).getConnection()) {
            String url =
                    connection.getMetaData().getURL().replaceFirst("(jdbc:postgresql://[^/]*/)[^?]*", "$1" + database);
            return new Restorer.Target(url, connection.getMetaData().getUserName(), null);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DataSource dataSourceOf(String database) {
        Restorer.Target target = target(database);
        DriverManagerDataSource dataSource = new DriverManagerDataSource(target.url());
        dataSource.setUsername(target.user());
        return dataSource;
    }

    private static String key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
