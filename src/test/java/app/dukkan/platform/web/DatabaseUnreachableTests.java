package app.dukkan.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Which failures are a database out of reach or a transaction a concurrent one ended (503, retry)
 * rather than a fault (500).
 */
class DatabaseUnreachableTests {

    @Test
    void lostAndRefusedConnectionsAreUnreachable() {
        assertThat(ApiExceptionHandler.databaseUnreachable(new UncategorizedSQLException(
                        "insert", "insert", new PSQLException("I/O error", PSQLState.CONNECTION_FAILURE))))
                .isTrue();
        assertThat(ApiExceptionHandler.databaseUnreachable(
                        new CannotGetJdbcConnectionException("pool", new SQLTransientConnectionException("timeout"))))
                .isTrue();
        assertThat(ApiExceptionHandler.databaseUnreachable(new SQLException("terminating connection", "57P01")))
                .isTrue();
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed");
        rollback.initCause(new SQLException("Connection is closed"));
        assertThat(ApiExceptionHandler.databaseUnreachable(rollback)).isTrue();
    }

    @Test
    void refusedStatementsAndBugsAreNot() {
        assertThat(ApiExceptionHandler.databaseUnreachable(
                        new DataIntegrityViolationException("duplicate", new SQLException("duplicate key", "23505"))))
                .isFalse();
        assertThat(ApiExceptionHandler.databaseUnreachable(new IllegalStateException("bug")))
                .isFalse();
        assertThat(ApiExceptionHandler.databaseUnreachable(new TransactionSystemException("no cause")))
                .isFalse();
    }

    @Test
    void deadlocksAndSerializationFailuresAreConflictsToRetry() {
        assertThat(ApiExceptionHandler.transactionConflict(new PessimisticLockingFailureException(
                        "update", new PSQLException("deadlock detected", PSQLState.DEADLOCK_DETECTED))))
                .isTrue();
        assertThat(ApiExceptionHandler.transactionConflict(new UncategorizedSQLException(
                        "update", "update", new SQLException("could not serialize access", "40001"))))
                .isTrue();
        assertThat(ApiExceptionHandler.transactionConflict(
                        new DataIntegrityViolationException("duplicate", new SQLException("duplicate key", "23505"))))
                .isFalse();
        assertThat(ApiExceptionHandler.transactionConflict(new IllegalStateException("bug")))
                .isFalse();
    }
}
