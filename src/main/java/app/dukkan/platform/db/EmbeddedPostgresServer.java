package app.dukkan.platform.db;

import app.dukkan.platform.StartupRefusedException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One embedded PostgreSQL server per JVM and data directory. Several Spring contexts (tests) share
 * a server and each gets a database of its own, so a server starts once per test run.
 *
 * <p>The server also listens on a Unix domain socket in its data directory, and the shop connects
 * through it when the platform supports it (junixsocket): every statement is a write and a read
 * on the connection, and over TCP loopback the kernel's TCP path was the largest single cost of
 * the JDBC driver under checkout load (docs/benchmarks.md).
 *
 * <p>The server stops when the JVM ends, but only after the last Spring context on it has closed its
 * pool ({@link #use}, {@link #release}): a stopping shop still drains its requests, jobs and
 * connections against a running database. (The library's own shutdown hook would stop the server
 * beside the contexts' shutdown, and each context's last work would fail against it.)
 *
 * <p>A server that a killed shop left running on the data directory is stopped first ({@link
 * OrphanedPostgres}), so that the first restart after a crash succeeds. PostgreSQL's own output goes
 * to {@code <data directory>.log}, rewritten at each start, and a failed start quotes its end.
 */
final class EmbeddedPostgresServer {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Map<Path, CompletableFuture<EmbeddedPostgresServer>> SERVERS = new ConcurrentHashMap<>();
    /** sun_path holds 108 bytes on Linux, 104 on macOS; "/.s.PGSQL.<port>" adds up to 15. */
    private static final int MAX_SOCKET_DIRECTORY_LENGTH = 80;
    /** Smart shutdown of a server whose clients are gone takes a checkpoint, a second or so. */
    private static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(60);

    private static final int LOG_LINES_ON_FAILURE = 15;

    private final EmbeddedPostgres postgres;
    private final @Nullable Path socketDirectory;

    /** Open pools on the server; guarded by this. */
    private int users;

    private boolean jvmEnding;
    private boolean stopped;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, @Nullable Path socketDirectory) {
        this.postgres = postgres;
        this.socketDirectory = socketDirectory;
        Runtime.getRuntime().addShutdownHook(new Thread(this::jvmEnding, "embedded-postgres-stop"));
    }

    /** A pool opened on the server: the server outlives it. */
    synchronized void use() {
        users++;
    }

    /** A pool on the server closed; the last one to close once the JVM ends stops the server. */
    synchronized void release() {
        users--;
        if (users == 0 && jvmEnding) {
            stop();
        }
    }

    private synchronized void jvmEnding() {
        jvmEnding = true;
        if (users == 0) {
            stop();
        }
    }

    private void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("Could not stop embedded PostgreSQL: {}", e.getMessage());
        }
    }

    /** The server on the data directory, started now unless {@link #startEarly} began already. */
    static EmbeddedPostgresServer at(Path dataDirectory, boolean clean) {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        CompletableFuture<EmbeddedPostgresServer> server =
                SERVERS.computeIfAbsent(directory, dir -> CompletableFuture.completedFuture(start(dir, clean)));
        try {
            return server.join();
        } catch (CompletionException e) {
            // a failed early start is not kept: the next context (a test's) tries again
            SERVERS.remove(directory, server);
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * Starts the server in the background, so that its second or so overlaps the application
     * context's preparation; {@link #at} waits for it.
     */
    static void startEarly(Path dataDirectory, boolean clean) {
        SERVERS.computeIfAbsent(
                dataDirectory.toAbsolutePath().normalize(),
                dir -> CompletableFuture.supplyAsync(() -> start(dir, clean), runnable -> {
                    Thread thread = new Thread(runnable, "embedded-postgres-start");
                    thread.setDaemon(true);
                    thread.start();
                }));
    }

    private static EmbeddedPostgresServer start(Path dataDirectory, boolean clean) {
        Path serverLog = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".log");
        try {
            Files.createDirectories(dataDirectory);
            OrphanedPostgres.stopIfRunning(dataDirectory, ORPHAN_STOP_TIMEOUT);
            log.info("Starting embedded PostgreSQL with data in {}", dataDirectory);
            Files.deleteIfExists(serverLog);
            Path socketDirectory = socketDirectoryFor(dataDirectory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(clean)
                    .setRegisterShutdownHook(false)
                    // PostgreSQL's own messages: a failed start quotes them (appended: pg_ctl and the
                    // server write to the file at once)
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(serverLog.toFile()))
                    // an ephemeral server (the tests') serves every cached test context, each with a
                    // full pool, and the instances the scale-out and drill tests start beside them
                    .setServerConfig("max_connections", clean ? "600" : "200")
                    .setServerConfig("shared_buffers", "256MB")
                    // data on SSD or in memory: with the default of 4 the planner reads every
                    // product's search vector (a sequential scan, ~40x slower) instead of asking
                    // the full-text index for the few that match
                    .setServerConfig("random_page_cost", "1.1")
                    .setServerConfig("fsync", clean ? "off" : "on")
                    .setServerConfig("synchronous_commit", clean ? "off" : "on");
            if (socketDirectory != null) {
                builder.setServerConfig("unix_socket_directories", socketDirectory.toString());
            }
            return new EmbeddedPostgresServer(builder.start(), socketDirectory);
        } catch (StartupRefusedException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(
                    "Could not start embedded PostgreSQL in " + dataDirectory + ": " + e.getMessage()
                            + lastLines(serverLog),
                    e);
        }
    }

    /** The end of PostgreSQL's log, where it says why it did not start. */
    private static String lastLines(Path serverLog) {
        try {
            List<String> lines = new String(Files.readAllBytes(serverLog), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
            return "\nPostgreSQL's log (" + serverLog + ") ends with:\n  "
                    + String.join(
                            "\n  ", lines.subList(Math.max(0, lines.size() - LOG_LINES_ON_FAILURE), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return " (no PostgreSQL log at " + serverLog + ")";
        }
    }

    /** The data directory, if a Unix domain socket can be used and its path fits. */
    private static @Nullable Path socketDirectoryFor(Path dataDirectory) {
        if (!AFUNIXSocket.isSupported()) {
            log.info("Unix domain sockets are not available here; connecting to PostgreSQL over TCP");
            return null;
        }
        if (dataDirectory.toString().length() > MAX_SOCKET_DIRECTORY_LENGTH) {
            log.info("The data directory's path is too long for a Unix domain socket; connecting over TCP");
            return null;
        }
        return dataDirectory;
    }

    /** Creates the database unless it exists and returns its JDBC URL. */
    String ensureDatabase(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("Invalid database name: " + name);
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            var exists = statement.executeQuery("select 1 from pg_database where datname = '" + name + "'");
            if (!exists.next()) {
                statement.execute("create database " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create embedded database " + name, e);
        }
        String url = postgres.getJdbcUrl("postgres", name);
        if (socketDirectory == null) {
            return url;
        }
        Path socket = socketDirectory.resolve(".s.PGSQL." + postgres.getPort());
        return url + "&socketFactory=" + AFUNIXSocketFactory.FactoryArg.class.getName() + "&socketFactoryArg="
                + URLEncoder.encode(socket.toString(), StandardCharsets.UTF_8);
    }
}
