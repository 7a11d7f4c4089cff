package app.dukkan.identity.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import app.dukkan.platform.ProblemException;
import app.dukkan.testing.DukkanTest;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The limits' buckets live in PostgreSQL: two {@link RateLimits} on one database — as two instances
 * of the shop have — count against one budget.
 */
@DukkanTest
class RateLimitStoreTests {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    private static String uniqueName() {
        return "test-" + UUID.randomUUID();
    }

    @Test
    void twoInstancesShareOneBudget() {
        String name = uniqueName();
        RateLimit first = new RateLimits(dataSource).limit(name, 3, Duration.ofMinutes(15));
        RateLimit second = new RateLimits(dataSource).limit(name, 3, Duration.ofMinutes(15));

        first.acquire("192.0.2.1");
        second.acquire("192.0.2.1");
        first.acquire("192.0.2.1");

        assertThatThrownBy(() -> second.acquire("192.0.2.1")).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status().value()).isEqualTo(429);
            assertThat(e.type()).isEqualTo("rate-limited");
            assertThat(e.retryAfter()).isBetween(Duration.ofSeconds(850), Duration.ofMinutes(15));
        });
        assertThat(first.tryAcquire("192.0.2.1")).isFalse();
        // other keys have budgets of their own
        assertThat(second.tryAcquire("192.0.2.2")).isTrue();
    }

    @Test
    void anIpv6ClientIsCountedByItsSlash64() {
        RateLimit limit = new RateLimits(dataSource).limit(uniqueName(), 2, Duration.ofMinutes(15));
        limit.acquire("2001:db8:aa:1::1");
        limit.acquire("2001:db8:aa:1:ffff:ffff:ffff:fffe");
        // another address of the same /64: the same budget
        assertThat(limit.tryAcquire("2001:0db8:00aa:0001:1234::9")).isFalse();
        // another /64, and IPv4 addresses, have their own
        assertThat(limit.tryAcquire("2001:db8:aa:2::1")).isTrue();
        assertThat(limit.tryAcquire("192.0.2.1")).isTrue();
        assertThat(RateLimit.network("192.0.2.1")).isEqualTo("192.0.2.1");
        assertThat(RateLimit.network("c0ffee00deadbeef")).isEqualTo("c0ffee00deadbeef");
        assertThat(RateLimit.network("2001:db8:aa:1::1")).isEqualTo("20010db800aa0001::/64");
    }

    @Test
    void theWholeBudgetReturnsWhenTheWindowEnds() throws InterruptedException {
        RateLimit limit = new RateLimits(dataSource).limit(uniqueName(), 2, Duration.ofSeconds(1));
        limit.acquire("k");
        limit.acquire("k");
        ProblemException refused = catchThrowableOfType(ProblemException.class, () -> limit.acquire("k"));
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(1));

        Thread.sleep(1_100);
        assertThat(limit.tryAcquire("k")).isTrue();
        assertThat(limit.tryAcquire("k")).isTrue();
    }

    @Test
    void bucketsThatRefilledCompletelyAreRemoved() throws InterruptedException {
        RateLimits limits = new RateLimits(dataSource);
        String shortName = uniqueName();
        String longName = uniqueName();
        RateLimit quick = limits.limit(shortName, 2, Duration.ofSeconds(1));
        RateLimit slow = limits.limit(longName, 2, Duration.ofHours(1));
        quick.acquire("192.0.2.10");
        quick.acquire("192.0.2.11");
        slow.acquire("192.0.2.10");
        assertThat(rows(shortName)).isEqualTo(2);

        Thread.sleep(1_100);
        assertThat(limits.removeExpired()).isGreaterThanOrEqualTo(2);
        assertThat(rows(shortName)).isZero();
        assertThat(rows(longName)).as("still counting").isEqualTo(1);
        assertThat(slow.tryAcquire("192.0.2.10")).isTrue();
        assertThat(slow.tryAcquire("192.0.2.10")).isFalse();
    }

    @Test
    void refusesToCountInsideATransaction() {
        RateLimit limit = new RateLimits(dataSource).limit(uniqueName(), 5, Duration.ofMinutes(1));
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> limit.acquire("k")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before the transaction");
    }

    private long rows(String name) {
        return jdbc.sql("select count(*) from identity_rate_limits where id like ?")
                .param(name + "/%")
                .query(Long.class)
                .single();
    }
}
