package app.dukkan.automation.log;

import app.dukkan.platform.RetentionPurge;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Deletes lines older than {@code dukkan.automation.logs.retention}, a batch per statement (each
 * its own short transaction, over the primary key), so that no prune holds locks for long.
 */
@Component
class LogPruning implements RetentionPurge {

    private final JdbcClient jdbc;
    private final LogProperties properties;
    private final Clock clock;

    LogPruning(JdbcClient jdbc, LogProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** Deletes every line older than the retention; how many. */
    int pruneExpired() {
        return purgeBefore(clock.instant().minus(properties.retention()));
    }

    @Override
    public String name() {
        return "automation-logs";
    }

    @Override
    public Duration retention() {
        return properties.retention();
    }

    /** In batches (see {@link #prune}): the log is the busiest of the purged tables. */
    @Override
    public int purgeBefore(Instant cutoff) {
        return prune(cutoff, properties.pruneBatch());
    }

    /** Deletes every line written before {@code cutoff}, {@code batch} at a time; how many. */
    int prune(Instant cutoff, int batch) {
        int removed = 0;
        while (true) {
            int deleted = jdbc.sql("""
                            delete from automation_logs
                            where id in (select id from automation_logs
                                         where id < :bound and at < :cutoff
                                         order by id
                                         limit :batch)""")
                    .param("bound", LogIds.before(cutoff))
                    .param("cutoff", Timestamp.from(cutoff))
                    .param("batch", batch)
                    .update();
            removed += deleted;
            if (deleted < batch) {
                return removed;
            }
        }
    }
}
