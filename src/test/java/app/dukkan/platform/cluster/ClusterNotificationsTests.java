package app.dukkan.platform.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.platform.ClusterNotifications;
import app.dukkan.testing.DukkanTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** Notifications travel through PostgreSQL, so they follow the publishing transaction. */
@DukkanTest
class ClusterNotificationsTests {

    @Autowired
    ClusterNotifications notifications;

    @Autowired
    TransactionTemplate transactions;

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
}
