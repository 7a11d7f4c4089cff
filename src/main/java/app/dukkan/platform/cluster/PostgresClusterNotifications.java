package app.dukkan.platform.cluster;

import app.dukkan.platform.ClusterNotifications;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * PostgreSQL LISTEN/NOTIFY: one connection per instance listens on all subscribed channels, so
 * invalidations reach every instance without another broker.
 */
@Component
class PostgresClusterNotifications implements ClusterNotifications, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PostgresClusterNotifications.class);
    private static final Pattern CHANNEL = Pattern.compile("^[a-z][a-z0-9_]{0,62}$");
    /** One PostgreSQL channel carries all of ours, so subscribing needs no new LISTEN. */
    private static final String PG_CHANNEL = "dukkan_cluster";

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();
    private final List<Runnable> resyncs = new CopyOnWriteArrayList<>();
    private volatile boolean running;
    private volatile Thread thread;

    PostgresClusterNotifications(DataSource dataSource, JdbcClient jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    @Override
    public void publish(String channel, String payload) {
        checkChannel(channel);
        jdbc.sql("select pg_notify(?, ?)")
                .params(PG_CHANNEL, channel + ":" + payload)
                .query()
                .singleRow();
    }

    @Override
    public void subscribe(String channel, Consumer<String> listener) {
        checkChannel(channel);
        listeners.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(listener);
    }

    @Override
    public void onMissed(Runnable resync) {
        resyncs.add(resync);
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::listenLoop, "cluster-notifications");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread listener = thread;
        if (listener != null) {
            listener.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listenLoop() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("listen " + PG_CHANNEL);
                }
                // whatever was published while nobody listened is lost: subscribers re-read
                resync();
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            String message = notification.getParameter();
                            int colon = message.indexOf(':');
                            if (colon > 0) {
                                dispatch(message.substring(0, colon), message.substring(colon + 1));
                            }
                        }
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn("Lost the notification connection; reconnecting: {}", e.getMessage());
                    sleepQuietly();
                }
            }
        }
    }

    private void resync() {
        for (Runnable resync : resyncs) {
            try {
                resync.run();
            } catch (RuntimeException e) {
                log.warn("Re-reading after missed notifications failed", e);
            }
        }
    }

    private void dispatch(String channel, String payload) {
        for (Consumer<String> listener : listeners.getOrDefault(channel, List.of())) {
            try {
                listener.accept(payload);
            } catch (RuntimeException e) {
                log.warn("Listener on {} failed", channel, e);
            }
        }
    }

    private static void checkChannel(String channel) {
        if (!CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException("Invalid channel name: " + channel);
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
