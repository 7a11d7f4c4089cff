package app.dukkan.platform.flags;

import app.dukkan.platform.AuditLog;
import app.dukkan.platform.ClusterNotifications;
import app.dukkan.platform.Feature;
import app.dukkan.platform.FeatureFlags;
import app.dukkan.platform.ProblemException;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.OpenFeatureAPI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Flags through an OpenFeature client of this application's own (an isolated API, so two shops in
 * one JVM — as in tests — do not share a provider). A switch notifies every instance, which reload
 * the table at once; a reload every {@code dukkan.flags.refresh-interval} also catches a
 * notification lost while an instance's listening connection was down.
 */
@Component
class TableFeatureFlags implements FeatureFlags, SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(TableFeatureFlags.class);
    private static final String CHANNEL = "feature_flags_changed";

    private final JdbcClient jdbc;
    private final ClusterNotifications notifications;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration refreshInterval;
    private final OpenFeatureAPI api = OpenFeatureAPI.createIsolated();
    private final TableFlagProvider provider;
    private final Client client;
    private @Nullable ScheduledExecutorService refresher;

    TableFeatureFlags(
            JdbcClient jdbc,
            ClusterNotifications notifications,
            AuditLog audit,
            Clock clock,
            @Value("${dukkan.flags.refresh-interval:5s}") Duration refreshInterval) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.notifications = notifications;
        this.clock = clock;
        this.refreshInterval = refreshInterval;
        this.provider = new TableFlagProvider(this::states);
        this.client = api.getClient();
        // ready before the web server takes requests: evaluation never sees an empty provider
        api.setProviderAndWait(provider);
        notifications.subscribe(CHANNEL, payload -> reload());
        notifications.onMissed(this::reload);
    }

    @Override
    public boolean isOn(Feature feature) {
        return client.getBooleanValue(feature.key(), false);
    }

    @Override
    public List<Flag> list() {
        return jdbc.sql("select key, enabled, description, updated_at, updated_by from feature_flags order by key")
                .query(Flag.class)
                .list();
    }

    @Override
    public void forgetSwitcher(String by) {
        jdbc.sql("update feature_flags set updated_by = '[erased]' where lower(updated_by) = lower(?)")
                .param(by)
                .update();
    }

    @Override
    @Transactional
    public Flag set(String key, boolean enabled, @Nullable String by) {
        Flag flag = jdbc.sql("""
                        update feature_flags set enabled = :enabled, updated_at = :now, updated_by = :by
                        where key = :key
                        returning key, enabled, description, updated_at, updated_by""")
                .param("key", key)
                .param("enabled", enabled)
                .param("now", Instant.now(clock).atOffset(java.time.ZoneOffset.UTC))
                .param("by", by)
                .query(Flag.class)
                .optional()
                .orElseThrow(() -> ProblemException.notFound("feature flag", key));
        audit.record("flag.switched", "flag", key, null, Map.of("enabled", enabled));
        // delivered to every instance once the switch commits; this one reloads at once, so the
        // answer of the switch and the next evaluation here agree
        notifications.publish(CHANNEL, key);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                reload();
            }
        });
        return flag;
    }

    private Map<String, Boolean> states() {
        Map<String, Boolean> states = new LinkedHashMap<>();
        jdbc.sql("select key, enabled from feature_flags").query(rs -> {
            states.put(rs.getString("key"), rs.getBoolean("enabled"));
        });
        return states;
    }

    private void reload() {
        try {
            provider.reload();
        } catch (RuntimeException e) {
            log.warn("Could not reload the feature flags; keeping the last known states: {}", e.toString());
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "feature-flags-refresh");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(100, refreshInterval.toMillis());
        executor.scheduleWithFixedDelay(this::reload, millis, millis, TimeUnit.MILLISECONDS);
        refresher = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = refresher;
        if (executor != null) {
            executor.shutdownNow();
            refresher = null;
        }
    }

    /** The provider outlives a stop, as a stopped context may be started again (tests do). */
    @Override
    public void destroy() {
        api.shutdown();
    }

    @Override
    public boolean isRunning() {
        return refresher != null;
    }
}
