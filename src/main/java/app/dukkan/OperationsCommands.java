package app.dukkan;

import app.dukkan.operations.Backups;
import app.dukkan.operations.Restorer;
import app.dukkan.operations.SmokeCheck;
import app.dukkan.platform.FileStore;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** The commands {@code backup}, {@code restore}, {@code restore-drill} and {@code smoke}. */
final class OperationsCommands {

    static final String BACKUP_USAGE = """
            Usage: java -jar dukkan.jar backup [--spring.datasource.url=…] [--dukkan.storage.…=…]
            Dumps the database in one snapshot, compresses it, encrypts it with AES-256-GCM under
            DUKKAN_BACKUP_KEY (32 random bytes, base64: openssl rand -base64 32) and stores it in the
            file store (directory or S3) as private/backups/dukkan-<utc time>-<version>.dump.enc (lower case).
            Then deletes backups beyond the retention: the newest of each of the last 7 days and of
            each of the last 4 weeks stay (dukkan.backup.daily, dukkan.backup.weekly).
            Exit codes: 0 stored, 1 failed.""";

    static final String RESTORE_USAGE = """
            Usage: java -jar dukkan.jar restore <backup name | latest> --target-url=jdbc:postgresql://host/db
                       [--target-user=name] [--dukkan.storage.…=…]
            Restores a backup from the file store into a new, empty database (the password of
            --target-user comes from DUKKAN_RESTORE_TARGET_PASSWORD, the key from DUKKAN_BACKUP_KEY):
            builds the schema with the migrations of the backup's version, loads every table in one
            transaction, then checks the restored database (row counts, migrations). Needs neither a
            running shop nor the database the backup came from. Point the shop at the restored
            database (SPRING_DATASOURCE_URL) and run the smoke command against it.
            Exit codes: 0 restored and checked, 1 failed (the target then holds at most the empty schema), 2 bad usage.""";

    static final String DRILL_USAGE = """
            Usage: java -jar dukkan.jar restore-drill [--spring.datasource.url=…] [--dukkan.storage.…=…]
            Proves that backups restore: makes a backup, restores it into a scratch database on the
            same server (the database user needs CREATEDB), starts the shop on it on a free port,
            runs the smoke checks against it, drops the scratch database and prints each step's time.
            Exit codes: 0 when every step passed, 1 otherwise.""";

    static final String SMOKE_USAGE = """
            Usage: java -jar dukkan.jar smoke --url=https://shop.example [--p95-ms=300] [--max-error-rate=0.01]
                       [--timeout-ms=5000]
            Checks a running shop: /livez, /readyz, /healthz, a listing, a product, a cart, a test
            purchase when the built-in test provider is on (never with a real provider), and from
            /health/metrics every route's p95 (routes with at least 20 requests) and the 5xx rate.
            Exit codes: 0 when every check passed or was skipped, 1 when one failed, 2 bad usage.""";

    private static final Pattern DATABASE_IN_URL = Pattern.compile("^(jdbc:postgresql://[^/]*/)([^?]*)(.*)$");

    private OperationsCommands() {}

    static int backup(List<String> args, PrintStream out, PrintStream err) {
        if (!Commands.settingsOnly(args)) {
            err.println(BACKUP_USAGE);
            return Commands.USAGE_ERROR;
        }
        try (ConfigurableApplicationContext context = DukkanApplication.startCommand(args)) {
            printBackup(context.getBean(Backups.class).create(), out);
            return 0;
        } catch (RuntimeException e) {
            err.println("backup failed: " + e.getMessage());
            return 1;
        }
    }

    static int restore(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.get(0).startsWith("--")) {
            err.println(RESTORE_USAGE);
            return Commands.USAGE_ERROR;
        }
        String name = args.get(0);
        String url = null;
        String user = null;
        List<String> settings = new ArrayList<>();
        for (String arg : args.subList(1, args.size())) {
            if (arg.startsWith("--target-url=")) {
                url = arg.substring("--target-url=".length());
            } else if (arg.startsWith("--target-user=")) {
                user = arg.substring("--target-user=".length());
            } else if (arg.startsWith("--") && arg.contains("=")) {
                settings.add(arg);
            } else {
                err.println(RESTORE_USAGE);
                return Commands.USAGE_ERROR;
            }
        }
        if (url == null || !url.startsWith("jdbc:postgresql://")) {
            err.println("restore needs --target-url=jdbc:postgresql://…\n\n" + RESTORE_USAGE);
            return Commands.USAGE_ERROR;
        }
        Environment environment = environment(settings);
        try {
            Restorer restorer = new Restorer(FileStore.open(environment), backupKey(environment));
            String backup = name.equals("latest")
                    ? restorer.latest()
                            .orElseThrow(() -> new IllegalArgumentException("There is no backup in the file store"))
                    : name;
            printRestore(
                    restorer.restore(
                            backup, new Restorer.Target(url, user, System.getenv("DUKKAN_RESTORE_TARGET_PASSWORD"))),
                    out);
            return 0;
        } catch (RuntimeException e) {
            err.println("restore failed: " + e.getMessage());
            return 1;
        }
    }

    static int drill(List<String> args, PrintStream out, PrintStream err) {
        if (!Commands.settingsOnly(args)) {
            err.println(DRILL_USAGE);
            return Commands.USAGE_ERROR;
        }
        long started = System.nanoTime();
        try (ConfigurableApplicationContext context = DukkanApplication.startCommand(args)) {
            Backups.Backup backup = context.getBean(Backups.class).create();
            printBackup(backup, out);
            Source source = source(context);
            String scratch = "dukkan_drill_" + System.currentTimeMillis();
            execute(context.getBean(DataSource.class), "create database " + scratch);
            try {
                Restorer.Target target = new Restorer.Target(source.urlOf(scratch), source.user(), source.password());
                Restorer.Restored restored = new Restorer(
                                context.getBean(FileStore.class), backupKey(context.getEnvironment()))
                        .restore(backup.name(), target);
                printRestore(restored, out);
                long smokeStarted = System.nanoTime();
                List<SmokeCheck.Check> checks;
                try (ConfigurableApplicationContext shop =
                        startShop(target, context.getEnvironment().getActiveProfiles())) {
                    int port =
                            ((WebServerApplicationContext) shop).getWebServer().getPort();
                    checks = new SmokeCheck(new SmokeCheck.Settings(
                                    URI.create("http://127.0.0.1:" + port),
                                    Duration.ofMillis(300),
                                    0.01,
                                    Duration.ofSeconds(10)))
                            .run(out);
                }
                out.printf(
                        "drill: backup %.1f s, restore %.1f s, shop start and smoke %.1f s, total %.1f s%n",
                        seconds(backup.took()),
                        seconds(restored.took()),
                        (System.nanoTime() - smokeStarted) / 1e9,
                        (System.nanoTime() - started) / 1e9);
                return SmokeCheck.passed(checks) ? 0 : 1;
            } finally {
                execute(context.getBean(DataSource.class), "drop database if exists " + scratch + " with (force)");
            }
        } catch (RuntimeException e) {
            err.println("restore drill failed: " + e.getMessage());
            return 1;
        }
    }

    static int smoke(List<String> args, PrintStream out, PrintStream err) {
        URI url = null;
        long p95 = 300;
        double errorRate = 0.01;
        long timeout = 5000;
        try {
            for (String arg : args) {
                String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "";
                switch (arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg) {
                    case "--url" -> url = URI.create(value.endsWith("/") ? value : value + "/");
                    case "--p95-ms" -> p95 = Long.parseLong(value);
                    case "--max-error-rate" -> errorRate = Double.parseDouble(value);
                    case "--timeout-ms" -> timeout = Long.parseLong(value);
                    default -> throw new IllegalArgumentException("unknown argument " + arg);
                }
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage() + "\n\n" + SMOKE_USAGE);
            return Commands.USAGE_ERROR;
        }
        if (url == null
                || !(url.getScheme() != null && url.getScheme().matches("https?") && url.getHost() != null)
                || p95 <= 0
                || timeout <= 0
                || !(errorRate >= 0 && errorRate <= 1)) {
            err.println(SMOKE_USAGE);
            return Commands.USAGE_ERROR;
        }
        List<SmokeCheck.Check> checks = new SmokeCheck(
                        new SmokeCheck.Settings(url, Duration.ofMillis(p95), errorRate, Duration.ofMillis(timeout)))
                .run(out);
        boolean passed = SmokeCheck.passed(checks);
        out.println(passed ? "smoke checks passed" : "smoke checks FAILED");
        return passed ? 0 : 1;
    }

    private static void printBackup(Backups.Backup backup, PrintStream out) {
        out.printf(
                "backup %s: %d tables, %d rows, %d sequences, %,d bytes in %.1f s%n",
                backup.name(),
                backup.tables(),
                backup.rows(),
                backup.sequences(),
                backup.bytes(),
                seconds(backup.took()));
        backup.deleted().forEach(name -> out.println("deleted by the retention: " + name));
    }

    private static void printRestore(Restorer.Restored restored, PrintStream out) {
        out.printf(
                "restored %s (made %s by Dukkan %s, schema %s): %d tables, %d rows, %d sequences in %.1f s; row counts and migrations checked%n",
                restored.name(),
                restored.createdAt(),
                restored.appVersion(),
                restored.schemaVersion(),
                restored.tables(),
                restored.rows(),
                restored.sequences(),
                seconds(restored.took()));
    }

    /** The shop on the restored database: web only (no jobs: a copy never mails or charges anyone). */
    private static ConfigurableApplicationContext startShop(Restorer.Target target, String[] profiles) {
        List<String> settings = new ArrayList<>(List.of(
                "--spring.datasource.url=" + target.url(),
                "--server.port=0",
                "--management.server.port=",
                "--dukkan.roles=web",
                "--dukkan.seed.demo-products=0"));
        if (target.user() != null) {
            settings.add("--spring.datasource.username=" + target.user());
        }
        if (target.password() != null) {
            settings.add("--spring.datasource.password=" + target.password());
        }
        if (profiles.length > 0) {
            settings.add("--spring.profiles.active=" + String.join(",", profiles));
        }
        return new SpringApplication(DukkanApplication.class).run(settings.toArray(String[]::new));
    }

    private record Source(
            String url, @Nullable String user, @Nullable String password) {
        String urlOf(String database) {
            Matcher matcher = DATABASE_IN_URL.matcher(url);
            if (!matcher.matches()) {
                throw new IllegalStateException("Cannot tell the database in " + url);
            }
            return matcher.group(1) + database + matcher.group(3);
        }
    }

    private static Source source(ConfigurableApplicationContext context) {
        try (Connection connection = context.getBean(DataSource.class).getConnection()) {
            DatabaseMetaData metadata = connection.getMetaData();
            return new Source(
                    metadata.getURL(),
                    metadata.getUserName(),
                    context.getEnvironment().getProperty("spring.datasource.password"));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the database's address: " + e.getMessage(), e);
        }
    }

    private static void execute(DataSource dataSource, String sql) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static String backupKey(Environment environment) {
        return Optional.ofNullable(environment.getProperty("dukkan.backup.key"))
                .filter(key -> !key.isBlank())
                .orElseThrow(() -> new IllegalStateException(
                        "No backup key: set DUKKAN_BACKUP_KEY to the key the backups were made with"));
    }

    /** The settings as the shop reads them (arguments, environment, application.yaml), without starting it. */
    private static Environment environment(List<String> settings) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(settings.toArray(String[]::new)));
        try {
            new YamlPropertySourceLoader()
                    .load("application.yaml", new ClassPathResource("application.yaml"))
                    .forEach(environment.getPropertySources()::addLast);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return environment;
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
