package app.dukkan.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;

/**
 * A row held locked (FOR UPDATE) by a transaction of the test while something else runs: what needs
 * no lock on that row ends in time, what waits for it fails the test instead of hanging it.
 */
public final class RowLock {

    private RowLock() {}

    /** Runs work on another thread while the row of the table with this id is locked; fails after the wait. */
    public static <T> T whileLocked(DataSource dataSource, String table, UUID id, Duration wait, Callable<T> work)
            throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement lock =
                    connection.prepareStatement("select 1 from " + table + " where id = ? for update")) {
                lock.setObject(1, id);
                if (!lock.executeQuery().next()) {
                    throw new IllegalArgumentException("no row " + id + " in " + table);
                }
            }
            Future<T> result = thread.submit(work);
            try {
                return result.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("still waiting after " + wait + " while " + table + " " + id + " was locked");
            } finally {
                rollback(connection);
            }
        } finally {
            thread.shutdown();
            thread.awaitTermination(1, TimeUnit.MINUTES);
        }
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
