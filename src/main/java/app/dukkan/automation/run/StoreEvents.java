package app.dukkan.automation.run;

import app.dukkan.automation.Workflow;
import app.dukkan.automation.workflow.WorkflowChanged;
import app.dukkan.automation.workflow.WorkflowStore;
import app.dukkan.catalog.StockChanged;
import app.dukkan.community.PostPublished;
import app.dukkan.community.ReviewPublished;
import app.dukkan.identity.UserRegistered;
import app.dukkan.moderation.ContentFlagged;
import app.dukkan.orders.OrderCancelled;
import app.dukkan.orders.OrderFulfilled;
import app.dukkan.orders.OrderPaid;
import app.dukkan.orders.OrderRefunded;
import app.dukkan.platform.ClusterNotifications;
import app.dukkan.platform.JobQueue;
import app.dukkan.platform.JobTasks;
import app.dukkan.platform.JobType;
import app.dukkan.platform.Jobs;
import app.dukkan.platform.RetryPolicy;
import com.github.kagkarlsson.scheduler.task.Task;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The store's events that start workflows. A listener runs in the transaction of the change it
 * hears of and schedules a job there (the job table is the outbox), only when some enabled workflow
 * starts on that event; the job starts a run of each such workflow, once per event even when the
 * job is repeated.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RunProperties.class)
class StoreEvents {

    /** One store event: its name (e.g. {@code order.paid}), a key unique to it, and its payload. */
    record Happened(String event, String key, JsonNode payload) {}

    static final JobType<Happened> EVENT = new JobType<>(
            "automation-event", Happened.class, JobQueue.DEFAULT, RetryPolicy.exponential(8, Duration.ofSeconds(2)));

    private final WorkflowStore workflows;
    private final RunEngine engine;
    private final Jobs jobs;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final JdbcClient jdbc;
    private final int lowStock;
    private volatile Set<String> subscribed = Set.of();

    StoreEvents(
            WorkflowStore workflows,
            RunEngine engine,
            Jobs jobs,
            TransactionTemplate transactions,
            ClusterNotifications cluster,
            JsonMapper json,
            JdbcClient jdbc,
            RunProperties properties) {
        this.workflows = workflows;
        this.engine = engine;
        this.jobs = jobs;
        this.transactions = transactions;
        this.json = json;
        this.jdbc = jdbc;
        this.lowStock = properties.lowStock();
        cluster.subscribe(WorkflowStore.CHANNEL, payload -> reload());
        cluster.onMissed(this::reload);
    }

    private void reload() {
        subscribed = Set.copyOf(workflows.subscribedEvents());
    }

    /**
     * This instance's own change counts as soon as it commits, so that an event right after a
     * workflow was enabled starts it; other instances hear of it by notification, a moment later.
     */
    @TransactionalEventListener(fallbackExecution = true)
    void on(WorkflowChanged changed) {
        reload();
    }

    @Bean
    Task<?> automationEventTask(JobTasks tasks) {
        return tasks.task(EVENT, this::start);
    }

    @EventListener
    void on(OrderPaid paid) {
        publish(
                "order.paid",
                paid.orderId().toString(),
                fields(
                        "orderId",
                        paid.orderId(),
                        "number",
                        paid.number(),
                        "email",
                        paid.email(),
                        "customerId",
                        paid.customer() == null ? null : paid.customer().value(),
                        "total",
                        paid.total()));
    }

    @EventListener
    void on(OrderFulfilled fulfilled) {
        publish(
                "order.fulfilled",
                fulfilled.orderId().toString(),
                fields("orderId", fulfilled.orderId(), "number", fulfilled.number(), "email", fulfilled.email()));
    }

    @EventListener
    void on(OrderRefunded refunded) {
        // an order may be refunded in parts: each refund is its own event
        publish(
                "order.refunded",
                refunded.orderId() + "/" + refunded.amount() + "/" + System.nanoTime(),
                fields(
                        "orderId",
                        refunded.orderId(),
                        "number",
                        refunded.number(),
                        "email",
                        refunded.email(),
                        "amount",
                        refunded.amount(),
                        "full",
                        refunded.full(),
                        "chargeback",
                        refunded.chargeback()));
    }

    /** {@code refunded} is named as money is in {@code order.refunded}: amount and currency. */
    @EventListener
    void on(OrderCancelled cancelled) {
        publish(
                "order.cancelled",
                cancelled.orderId().toString(),
                fields(
                        "orderId",
                        cancelled.orderId(),
                        "number",
                        cancelled.number(),
                        "email",
                        cancelled.email(),
                        "reason",
                        cancelled.reason(),
                        "refunded",
                        cancelled.refunded()));
    }

    /**
     * {@code stock.low} once each time a variant's stock falls to the low-stock level or below, and
     * again only after it was restocked above it; in the stock change's own transaction, whose lock
     * on the variant orders the changes.
     */
    @EventListener
    void on(StockChanged changed) {
        if (!subscribed.contains("stock.low")) {
            return;
        }
        if (changed.available() > lowStock) {
            jdbc.sql("update automation_low_stock set low = false where variant_id = ? and low")
                    .param(changed.variantId())
                    .update();
            return;
        }
        jdbc.sql("""
                        insert into automation_low_stock (variant_id, dips, low) values (?, 1, true)
                        on conflict (variant_id) do update set dips = automation_low_stock.dips + 1, low = true
                        where not automation_low_stock.low
                        returning dips""")
                .param(changed.variantId())
                .query(Long.class)
                .optional()
                .ifPresent(dip -> publish(
                        "stock.low",
                        changed.variantId() + "/" + dip,
                        fields(
                                "productId",
                                changed.productId(),
                                "variantId",
                                changed.variantId(),
                                "available",
                                changed.available())));
    }

    @EventListener
    void on(UserRegistered registered) {
        publish(
                "user.registered",
                registered.user().value().toString(),
                fields(
                        "userId",
                        registered.user().value(),
                        "email",
                        registered.email(),
                        "locale",
                        registered.locale().toLanguageTag()));
    }

    @EventListener
    void on(ReviewPublished published) {
        publish(
                "review.published",
                published.review().toString(),
                fields(
                        "reviewId",
                        published.review(),
                        "productId",
                        published.product(),
                        "authorId",
                        published.author().value(),
                        "rating",
                        published.rating()));
    }

    @EventListener
    void on(PostPublished published) {
        publish(
                "post.published",
                published.post().toString(),
                fields(
                        "postId",
                        published.post(),
                        "authorId",
                        published.author().value(),
                        "taggedProducts",
                        published.taggedProducts()));
    }

    /**
     * {@code post.flagged} once per opening of the item's queue entry, and once more when the item
     * gets hidden in it: an author alternating between a flagged and a clean text starts nothing new.
     */
    @EventListener
    void on(ContentFlagged flagged) {
        publish(
                "post.flagged",
                flagged.item().kind() + "/" + flagged.item().id() + "/" + flagged.opening()
                        + (flagged.hidden() ? "/hidden" : ""),
                fields(
                        "kind",
                        flagged.item().kind().name().toLowerCase(java.util.Locale.ROOT),
                        "id",
                        flagged.item().id(),
                        "authorId",
                        flagged.author().value(),
                        "reason",
                        flagged.reason(),
                        "hidden",
                        flagged.hidden(),
                        "rules",
                        flagged.rules()));
    }

    private void publish(String event, String key, Map<String, Object> payload) {
        if (subscribed.contains(event)) {
            jobs.schedule(EVENT, event + "/" + key, new Happened(event, key, json.valueToTree(payload)));
        }
    }

    private void start(Happened happened) {
        byte[] hash = TriggerController.sha256(happened.payload().toString().getBytes(StandardCharsets.UTF_8));
        for (Workflow workflow : workflows.enabledFor(happened.event())) {
            transactions.executeWithoutResult(status -> engine.start(
                    workflow, "event", happened.payload(), "event:" + happened.event() + "/" + happened.key(), hash));
        }
    }

    private static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }
}
