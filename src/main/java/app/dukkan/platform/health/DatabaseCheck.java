package app.dukkan.platform.health;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Borrows a connection and asks the server whether it is alive. */
@Component
class DatabaseCheck {

    private static final Logger log = LoggerFactory.getLogger(DatabaseCheck.class);
    private static final int VALIDATION_TIMEOUT_SECONDS = 2;

    /**
     * @param up whether the database answered
     * @param latencyMs time to borrow a connection and get the answer, in milliseconds
     */
    record Result(boolean up, double latencyMs) {}

    private final DataSource dataSource;

    DatabaseCheck(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    Result run() {
        long start = System.nanoTime();
        boolean up;
        try (Connection connection = dataSource.getConnection()) {
            up = connection.isValid(VALIDATION_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            log.warn("Database check failed: {}", e.getMessage());
            up = false;
        }
        // Two decimals: a local database answers well under a millisecond.
        double latencyMs = Math.round((System.nanoTime() - start) / 10_000.0) / 100.0;
        return new Result(up, latencyMs);
    }
}
