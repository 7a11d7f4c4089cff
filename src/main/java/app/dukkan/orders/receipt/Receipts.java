package app.dukkan.orders.receipt;

import app.dukkan.identity.AccountDirectory;
import app.dukkan.identity.AccountSummary;
import app.dukkan.orders.OrderCancelled;
import app.dukkan.orders.OrderDirectory;
import app.dukkan.orders.OrderPaid;
import app.dukkan.orders.OrderRefunded;
import app.dukkan.orders.OrderSummary;
import app.dukkan.platform.FileStore;
import app.dukkan.platform.Ids;
import app.dukkan.platform.JobQueue;
import app.dukkan.platform.JobType;
import app.dukkan.platform.Jobs;
import app.dukkan.platform.RetryPolicy;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Receipts of paid orders: scheduled in the payment's transaction, rendered by a job in the
 * customer's language, stored under a private key and recorded per order. Each refund makes it
 * again, showing the amount refunded; the newer file replaces the older one.
 */
@Component
public class Receipts {

    /**
     * Renders one order's receipt; retried with back-off (about 3 hours in all), then a dead letter.
     * On the bulk queue: nobody waits for it the moment the order is paid.
     */
    static final JobType<Render> RENDER = new JobType<>(
            "order-receipt", Render.class, JobQueue.BULK, RetryPolicy.exponential(8, Duration.ofSeconds(10)));

    /**
     * @param refresh made again after a refund or cancellation: only a receipt already recorded is
     *     (a first one still to come shows the order as it is then)
     */
    record Render(UUID orderId, boolean refresh) {

        Render(UUID orderId) {
            this(orderId, false);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(Receipts.class);

    private final Jobs jobs;
    private final OrderDirectory orders;
    private final ReceiptRenderer renderer;
    private final FileStore files;
    private final JdbcClient jdbc;
    private final AccountDirectory accounts;
    private final TransactionTemplate transactions;
    private final ReceiptProperties properties;
    private final Clock clock;

    Receipts(
            Jobs jobs,
            OrderDirectory orders,
            ReceiptRenderer renderer,
            FileStore files,
            JdbcClient jdbc,
            AccountDirectory accounts,
            TransactionTemplate transactions,
            ReceiptProperties properties,
            Clock clock) {
        this.jobs = jobs;
        this.orders = orders;
        this.renderer = renderer;
        this.files = files;
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /** Runs in the payment's transaction: the job exists exactly when the order is paid. */
    @EventListener
    void on(OrderPaid paid) {
        jobs.schedule(RENDER, paid.orderId().toString(), new Render(paid.orderId()));
    }

    /**
     * Runs in the refund's transaction. A job of its own per refund: one already running may have
     * read the order before this refund.
     */
    @EventListener
    void on(OrderRefunded refunded) {
        refresh(refunded.orderId());
    }

    /** A cancelled paid order was refunded whatever was left, without an {@link OrderRefunded}. */
    @EventListener
    void on(OrderCancelled cancelled) {
        refresh(cancelled.orderId());
    }

    private void refresh(UUID orderId) {
        jobs.schedule(RENDER, orderId + ":refresh:" + Ids.newId(clock), new Render(orderId, true));
    }

    /**
     * Renders and stores the receipt unless the recorded one shows as much refunded. The file's key
     * depends only on the order and what it shows, so a run that stored the file but died before
     * recording it is repeated harmlessly; a run that lost to one showing more deletes its file.
     */
    void render(Render job) {
        Optional<Recorded> current = recorded(job.orderId());
        if (job.refresh() && current.isEmpty()) {
            return; // never had one (cancelled unpaid), or its first is yet to be made
        }
        OrderSummary order = orders.find(job.orderId())
                .orElseThrow(() -> new IllegalStateException("no placed order " + job.orderId()));
        long refunded = order.refunded().minor();
        if (current.filter(stored -> stored.refundedMinor() >= refunded).isPresent()) {
            return;
        }
        String key = keyOf(order);
        files.store(key, renderer.pdf(order, properties.receiptShopName(), language(order)));
        AtomicBoolean stale = new AtomicBoolean();
        String unused = transactions.execute(status -> {
            // one run at a time per order records: the row may not exist yet to lock
            jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
                    .param("key", "dukkan.orders.receipt:" + order.id())
                    .query()
                    .singleRow();
            Recorded stored = recorded(order.id()).orElse(null);
            if (stored != null && stored.refundedMinor() >= refunded) {
                return stored.fileKey().equals(key) ? null : key; // a newer one won meanwhile
            }
            if (orders.find(order.id()).map(now -> now.refunded().minor()).orElse(refunded) != refunded) {
                // refunded while this was rendered: a refresh finding no receipt yet skipped it, so
                // this run renders again (the job's retry)
                stale.set(true);
                return key;
            }
            jdbc.sql("""
                            insert into order_receipts (order_id, file_key, refunded_minor, created_at) values (?, ?, ?, ?)
                            on conflict (order_id) do update
                                set file_key = excluded.file_key, refunded_minor = excluded.refunded_minor,
                                    created_at = excluded.created_at
                            """)
                    .params(order.id(), key, refunded, Timestamp.from(clock.instant()))
                    .update();
            log.info("Receipt of order {} stored as {}", order.number(), key);
            return stored == null ? null : stored.fileKey(); // the one this replaced
        });
        if (unused != null) {
            files.delete(unused);
        }
        if (stale.get()) {
            throw new IllegalStateException("order " + order.number() + " was refunded while its receipt was rendered");
        }
    }

    /**
     * A customer's receipt speaks the account's language as it is now; a guest's, the one they
     * checked out in, else the shop's.
     */
    private Locale language(OrderSummary order) {
        return order.customer() == null
                ? orders.language(order.id()).orElse(properties.receiptLanguage())
                : accounts.find(order.customer()).map(AccountSummary::locale).orElse(properties.receiptLanguage());
    }

    record Recorded(String fileKey, long refundedMinor) {}

    private Optional<Recorded> recorded(UUID orderId) {
        return jdbc.sql("select file_key, refunded_minor from order_receipts where order_id = ?")
                .param(orderId)
                .query(Recorded.class)
                .optional();
    }

    Optional<String> fileKey(UUID orderId) {
        return jdbc.sql("select file_key from order_receipts where order_id = ?")
                .param(orderId)
                .query(String.class)
                .optional();
    }

    /** Under the order's folder, which erasure empties; named by what the receipt shows refunded. */
    static String keyOf(OrderSummary order) {
        long refunded = order.refunded().minor();
        return folderOf(order.id()) + "receipt-" + order.number().toLowerCase(Locale.ROOT)
                + (refunded == 0 ? "" : "-refunded-" + refunded) + ".pdf";
    }

    /** Where an order's receipts are kept. */
    public static String folderOf(UUID orderId) {
        return FileStore.PRIVATE_PREFIX + "receipts/" + orderId + "/";
    }
}
