package app.dukkan.platform.health;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Borrows a connection and asks the server whether it is alive, answering within {@link
 * #TIMEOUT_MILLIS} even when borrowing blocks (the pool waits up to its connection timeout for a
 * server that is gone): a probe that hangs is a probe the load balancer gives up on. Probes arriving
 * while a check runs share it, so an outage never piles up blocked checks.
 */
@Component
class DatabaseCheck implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DatabaseCheck.class);
    private static final int VALIDATION_TIMEOUT_SECONDS = 2;
    static final long TIMEOUT_MILLIS = 2000;

    /**
     * @param up whether the database answered
     * @param latencyMs time to borrow a connection and get the answer, in milliseconds
     */
    record Result(boolean up, double latencyMs) {}

    private final DataSource dataSource;
    private final ExecutorService checker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "database-check");
        thread.setDaemon(true);
        return thread;
    });
    private @Nullable Future<Result> running;

    DatabaseCheck(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    Result run() {
        long start = System.nanoTime();
        Future<Result> check;
        synchronized (this) {
            if (running == null || running.isDone()) {
                running = checker.submit(this::check);
            }
            check = running;
        }
        try {
            return check.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("Database check got no connection within {} ms", TIMEOUT_MILLIS);
            return new Result(false, millis(start));
        } catch (ExecutionException e) {
            return new Result(false, millis(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, millis(start));
        }
    }

    private Result check() {
        long start = System.nanoTime();
        boolean up;
        try (Connection connection = dataSource.getConnection()) {
            up = connection.isValid(VALIDATION_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            log.warn("Database check failed: {}", e.getMessage());
            up = false;
        }
        return new Result(up, millis(start));
    }

    /** Two decimals: a local database answers well under a millisecond. */
    private static double millis(long start) {
        return Math.round((System.nanoTime() - start) / 10_000.0) / 100.0;
    }

    @Override
    public void destroy() {
        checker.shutdownNow();
    }
}
