package app.dukkan.notifications.sending;

import app.dukkan.notifications.mail.MailKind;
import app.dukkan.notifications.mail.NotificationsProperties;
import app.dukkan.orders.OrderDirectory;
import app.dukkan.orders.OrderStatus;
import app.dukkan.orders.OrderSummary;
import app.dukkan.platform.BenchmarkWorkload;
import app.dukkan.platform.JobType;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The order-confirmation mail as a workload of the {@code jobs-bench} command: every job renders and
 * hands over the confirmation of one real paid order ({@code dukkan.jobs.bench.order}, its number),
 * under the job's own key, so each job sends a mail of its own even on a database that earlier runs
 * used. Exists only in that command's process.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("dukkan.jobs.bench.enabled")
class OrderConfirmationBenchmark {

    static final String ORDER_SETTING = "dukkan.jobs.bench.order";

    @Bean
    BenchmarkWorkload<MailJob> orderConfirmationMailWorkload(
            MailJobs jobs, OrderDirectory orders, NotificationsProperties properties, Environment environment) {
        return new Workload(jobs.type(MailKind.ORDER_CONFIRMATION), orders, properties, environment);
    }

    static final class Workload implements BenchmarkWorkload<MailJob> {

        private final JobType<MailJob> type;
        private final OrderDirectory orders;
        private final NotificationsProperties properties;
        private final Environment environment;
        private @Nullable OrderSummary order;

        Workload(
                JobType<MailJob> type,
                OrderDirectory orders,
                NotificationsProperties properties,
                Environment environment) {
            this.type = type;
            this.orders = orders;
            this.properties = properties;
            this.environment = environment;
        }

        @Override
        public JobType<MailJob> type() {
            return type;
        }

        /** Looks the order up by number: it must exist and be paid. */
        @Override
        public void prepare() {
            String number = environment.getProperty(ORDER_SETTING, "").trim();
            if (number.isEmpty()) {
                throw new IllegalStateException(type.name()
                        + " mails the confirmation of a paid order: name one with --order DK-… ("
                        + ORDER_SETTING + ")");
            }
            OrderSummary found = orders.findByNumber(number)
                    .orElseThrow(() -> new IllegalStateException("no order " + number + " in this database"));
            if (found.status() != OrderStatus.PAID) {
                throw new IllegalStateException(
                        "order " + number + " is " + found.status().code() + ", not paid: buy a fresh one");
            }
            order = found;
        }

        @Override
        public MailJob payload(String key) {
            OrderSummary prepared = order;
            if (prepared == null) {
                throw new IllegalStateException("prepare() first");
            }
            return MailJob.order(
                    MailKind.ORDER_CONFIRMATION,
                    key,
                    prepared.email(),
                    properties.defaultLocale().toLanguageTag(),
                    prepared.id());
        }
    }
}
