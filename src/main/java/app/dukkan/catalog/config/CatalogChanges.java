package app.dukkan.catalog.config;

import app.dukkan.platform.ClusterNotifications;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Every catalog write reports here; read caches subscribe. The notification goes to all instances
 * once the write commits, and this instance also drops its caches right after the commit so that a
 * writer reads its own write.
 */
@Component
@EnableConfigurationProperties(CatalogProperties.class)
public class CatalogChanges {

    private static final String CHANNEL = "catalog_changed";

    private final ClusterNotifications notifications;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    CatalogChanges(ClusterNotifications notifications) {
        this.notifications = notifications;
        notifications.subscribe(CHANNEL, payload -> fire());
    }

    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** Call inside the writing transaction. */
    public void changed() {
        notifications.publish(CHANNEL, "");
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    fire();
                }
            });
        } else {
            fire();
        }
    }

    private void fire() {
        listeners.forEach(Runnable::run);
    }
}
