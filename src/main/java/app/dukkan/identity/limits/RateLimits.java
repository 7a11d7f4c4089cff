package app.dukkan.identity.limits;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Makes {@link RateLimit}s whose buckets live in the table {@code identity_rate_limits}, so that
 * every instance counts against one budget (ADR 0019). Each check is a short transaction of its
 * own on a connection of its own, holding the bucket's row lock only while Bucket4j reads and
 * writes it.
 */
@Component
public class RateLimits {

    static final String TABLE = "identity_rate_limits";

    /** Rows deleted per statement by {@link #removeExpired()}: short locks, short transactions. */
    private static final int REMOVE_BATCH = 1_000;

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

    /*
     * Bucket4j reads the system's time, not the shop's Clock: it computes expires_at and removes
     * expired rows with System.currentTimeMillis() whatever clock it is given, so a clock of its
     * own would only make the two disagree.
     */
    RateLimits(DataSource dataSource) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(TABLE)
                .idColumn("id")
                .stateColumn("state")
                .expiresAtColumn("expires_at")
                // a bucket that has refilled completely is as good as none: its row may go
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO))
                .build();
    }

    /**
     * At most {@code limit} events per key in a window of {@code window} that starts at the key's
     * first event; then all of them again.
     *
     * @param name names the limit in keys and messages, e.g. {@code sign-in}
     */
    public RateLimit limit(String name, int limit, Duration window) {
        return new RateLimit(name, limit, window, buckets);
    }

    /**
     * At most {@code perUser} events of one member and {@code perAddress} from one client address in
     * a window of {@code window}.
     *
     * @param name names the limit in keys and messages, e.g. {@code post}
     */
    public MemberLimit perMember(String name, int perUser, int perAddress, Duration window) {
        return new MemberLimit(limit(name, perUser, window), limit(name + " address", perAddress, window));
    }

    /** Deletes buckets that have refilled completely; returns how many. Rows being updated are skipped. */
    public int removeExpired() {
        int total = 0;
        int removed;
        do {
            removed = buckets.removeExpired(REMOVE_BATCH);
            total += removed;
        } while (removed == REMOVE_BATCH);
        return total;
    }
}
