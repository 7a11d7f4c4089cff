package app.dukkan.orders.receipt;

import app.dukkan.orders.OrderDirectory;
import app.dukkan.orders.OrderPaid;
import app.dukkan.orders.OrderSummary;
import app.dukkan.platform.FileStore;
import app.dukkan.platform.JobQueue;
import app.dukkan.platform.JobType;
import app.dukkan.platform.Jobs;
import app.dukkan.platform.RetryPolicy;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Receipts of paid orders: scheduled in the payment's transaction, rendered by a job, stored under a
 * private key and recorded once per order.
 */
@Component
class Receipts {

    /**
     * Renders one order's receipt; retried with back-off (about 3 hours in all), then a dead letter.
     * On the bulk queue: nobody waits for it the moment the order is paid.
     */
    static final JobType<Render> RENDER = new JobType<>(
            "order-receipt", Render.class, JobQueue.BULK, RetryPolicy.exponential(8, Duration.ofSeconds(10)));

    record Render(UUID orderId) {}

    private static final Logger log = LoggerFactory.getLogger(Receipts.class);

    private final Jobs jobs;
    private final OrderDirectory orders;
    private final ReceiptRenderer renderer;
    private final FileStore files;
    private final JdbcClient jdbc;
    private final ReceiptProperties properties;
    private final Clock clock;

    Receipts(
            Jobs jobs,
            OrderDirectory orders,
            ReceiptRenderer renderer,
            FileStore files,
            JdbcClient jdbc,
            ReceiptProperties properties,
            Clock clock) {
        this.jobs = jobs;
        this.orders = orders;
        this.renderer = renderer;
        this.files = files;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** Runs in the payment's transaction: the job exists exactly when the order is paid. */
    @EventListener
    void on(OrderPaid paid) {
        jobs.schedule(RENDER, paid.orderId().toString(), new Render(paid.orderId()));
    }

    /**
     * Renders and stores the receipt unless it is recorded already. The file's key depends only on
     * the order, so a run that stored the file but died before recording it is repeated harmlessly.
     */
    void render(Render job) {
        if (fileKey(job.orderId()).isPresent()) {
            return;
        }
        OrderSummary order = orders.find(job.orderId())
                .orElseThrow(() -> new IllegalStateException("no placed order " + job.orderId()));
        String key = keyOf(order);
        files.store(key, renderer.pdf(order, properties.receiptShopName()));
        int recorded = jdbc.sql("""
                        insert into order_receipts (order_id, file_key, created_at) values (?, ?, ?)
                        on conflict (order_id) do nothing
                        """)
                .params(order.id(), key, Timestamp.from(clock.instant()))
                .update();
        if (recorded == 1) {
            log.info("Receipt of order {} stored as {}", order.number(), key);
        }
    }

    Optional<String> fileKey(UUID orderId) {
        return jdbc.sql("select file_key from order_receipts where order_id = ?")
                .param(orderId)
                .query(String.class)
                .optional();
    }

    static String keyOf(OrderSummary order) {
        return FileStore.PRIVATE_PREFIX + "receipts/" + order.id() + "/receipt-"
                + order.number().toLowerCase(java.util.Locale.ROOT) + ".pdf";
    }
}
