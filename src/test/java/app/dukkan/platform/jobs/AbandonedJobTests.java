package app.dukkan.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.boot.autoconfigure.Jackson3Serializer;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * A worker killed mid-job leaves its execution picked, with heartbeats that stop. With short
 * heartbeats (a context of its own), another worker takes the job over after the timeout, and the
 * handler's effect (keyed by the payload) happens once.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"db-scheduler.heartbeat-interval=500ms", "db-scheduler.missed-heartbeats-limit=4"})
@ActiveProfiles("test")
// closed afterwards: its scheduler and connection pool would otherwise run beside the shared context
@DirtiesContext
class AbandonedJobTests {

    @Autowired
    JdbcClient jdbc;

    @Test
    void anAbandonedPickedJobIsRunAgainAfterTheHeartbeatTimeoutAndTakesEffectOnce() {
        String key = UUID.randomUUID().toString();
        byte[] data = new Jackson3Serializer()
                .serialize(new JobEnvelope("{\"key\":\"" + key + "\"}", System.currentTimeMillis() - 60_000));
        jdbc.sql("""
                        insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked,
                            picked_by, last_heartbeat, consecutive_failures, version, priority)
                        values (?, ?, ?, ?, true, 'dead-worker', ?, 0, 1, 20)""")
                .params(
                        TestJobs.COUNTED.name(),
                        key,
                        data,
                        Timestamp.from(Instant.now().minusSeconds(60)),
                        Timestamp.from(Instant.now().minusSeconds(3600)))
                .update();

        await().atMost(Duration.ofSeconds(20)).until(() -> runs(key) == 1);
        assertThat(TestJobs.EFFECTS).contains(key);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> jdbc.sql("select count(*) from scheduled_tasks where task_instance = ?")
                                .param(key)
                                .query(Long.class)
                                .single()
                        == 0);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> runs(key) == 1);
    }

    private static int runs(String key) {
        AtomicInteger runs = TestJobs.RUNS.get(key);
        return runs == null ? 0 : runs.get();
    }
}
