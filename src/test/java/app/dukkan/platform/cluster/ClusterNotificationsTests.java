package app.dukkan.platform.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.platform.ClusterNotifications;
import app.dukkan.testing.DukkanTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Notifications travel through PostgreSQL, so they follow the publishing transaction; after a lost
 * listening connection subscribers re-read what they keep.
 */
@DukkanTest
class ClusterNotificationsTests {

    @Autowired
    ClusterNotifications notifications;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void deliversAfterCommitAndNeverAfterRollback() throws InterruptedException {
        List<String> received = new CopyOnWriteArrayList<>();
        notifications.subscribe("test_channel", received::add);

        transactions.executeWithoutResult(status -> {
            notifications.publish("test_channel", "rolled-back");
            status.setRollbackOnly();
        });
        transactions.executeWithoutResult(status -> {
            notifications.publish("test_channel", "committed");
            assertThat(received).as("not before the commit").isEmpty();
        });

        await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("committed"));
        Thread.sleep(300);
        assertThat(received).containsExactly("committed");
    }

    @Test
    void aLostListeningConnectionComesBackAndSubscribersReRead() {
        AtomicInteger resyncs = new AtomicInteger();
        List<String> received = new CopyOnWriteArrayList<>();
        notifications.onMissed(resyncs::incrementAndGet);
        notifications.subscribe("test_reconnect", received::add);

        // every instance's listening connection (other test contexts may run instances too)
        int killed = jdbc.sql("""
                        select count(pg_terminate_backend(pid)) from pg_stat_activity
                        where query = 'listen dukkan_cluster' and pid <> pg_backend_pid()""").query(Integer.class).single();
        assertThat(killed).as("listening connections").isPositive();

        await().atMost(Duration.ofSeconds(15)).until(() -> resyncs.get() >= 1);
        transactions.executeWithoutResult(status -> notifications.publish("test_reconnect", "after"));
        await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("after"));
    }
}
