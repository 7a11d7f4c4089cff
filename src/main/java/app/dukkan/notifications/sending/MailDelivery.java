package app.dukkan.notifications.sending;

import app.dukkan.identity.AccountDirectory;
import app.dukkan.identity.AccountSummary;
import app.dukkan.notifications.mail.MailRenderer;
import app.dukkan.notifications.mail.MailTransport;
import app.dukkan.notifications.mail.NotificationsProperties;
import app.dukkan.notifications.mail.OutgoingMail;
import app.dukkan.orders.GuestOrders;
import app.dukkan.orders.OrderDirectory;
import app.dukkan.orders.OrderSummary;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a mail job: renders the mail from current data and hands it over once. Recording the mail
 * in {@code sent_mails} and handing it over happen in one transaction: when the hand-over fails
 * nothing is recorded and the job retries; a job that runs again after success finds the record
 * and sends nothing. (Over SMTP, a crash between the server's acceptance and the commit can still
 * send a mail twice; the {@code X-Dukkan-Mail} header names it.)
 */
@Component
public class MailDelivery {

    private static final Logger log = LoggerFactory.getLogger(MailDelivery.class);

    private final MailRenderer renderer;
    private final MailTransport transport;
    private final SentMails sent;
    private final OrderDirectory orders;
    private final GuestOrders guests;
    private final AccountDirectory accounts;
    private final NotificationsProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    MailDelivery(
            MailRenderer renderer,
            MailTransport transport,
            SentMails sent,
            OrderDirectory orders,
            GuestOrders guests,
            AccountDirectory accounts,
            NotificationsProperties properties,
            TransactionTemplate transactions,
            Clock clock) {
        this.renderer = renderer;
        this.transport = transport;
        this.sent = sent;
        this.orders = orders;
        this.guests = guests;
        this.accounts = accounts;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The job handler of every mail kind. */
    public void deliver(MailJob job) {
        if (job.expiresAt() != null && !job.expiresAt().isAfter(clock.instant())) {
            log.info("{} mail {} not sent: its link expired at {}", job.kind().code(), job.key(), job.expiresAt());
            return;
        }
        transactions.executeWithoutResult(status -> {
            if (!sent.claim(job.kind(), job.key(), job.to(), transport.name())) {
                log.info("{} mail {} was sent already", job.kind().code(), job.key());
                return;
            }
            transport.send(compose(job));
        });
    }

    OutgoingMail compose(MailJob job) {
        Locale locale = Locale.forLanguageTag(job.locale());
        Map<String, Object> model = new HashMap<>();
        MailRenderer.Rendered rendered = switch (job.kind()) {
            case ORDER_CONFIRMATION, ORDER_SHIPPED, REFUND_ISSUED, REFUND_FAILED, ORDER_CANCELLED -> {
                OrderSummary order = order(job);
                // a customer's order speaks the account's language as it is now; a guest's, the one
                // they checked out in; older orders, the job's
                Locale language = order.customer() == null
                        ? orders.language(order.id()).orElse(locale)
                        : accounts.find(order.customer())
                                .map(AccountSummary::locale)
                                .orElse(locale);
                model.put("order", order);
                model.put("shippingName", orders.shippingName(order, language));
                // a customer reads the order in the account, a guest on the page its signed link opens
                model.put(
                        "orderUrl",
                        page(
                                language,
                                order.customer() == null
                                        ? guests.pagePath(order.id())
                                        : "/account/orders/" + order.number()));
                model.put("taxRate", order.taxRatePercent().stripTrailingZeros().toPlainString());
                model.put("trackingNumber", order.trackingNumber());
                model.put("carrier", order.carrier());
                model.put("amount", job.amount() == null ? order.refunded() : job.amount());
                model.put("full", job.full());
                yield renderer.render(job.kind(), language, model, order.number());
            }
            case WELCOME -> {
                model.put("email", job.to());
                model.put("shopUrl", page(locale, "/"));
                yield renderer.render(job.kind(), locale, model, properties.shopName());
            }
            case PLAIN_TEXT -> {
                model.put("text", Objects.requireNonNull(job.text(), "text"));
                yield renderer.render(job.kind(), locale, model, Objects.requireNonNull(job.subject(), "subject"));
            }
            case PASSWORD_RESET, EMAIL_VERIFICATION, MAGIC_LINK -> {
                String path = switch (job.kind()) {
                    case PASSWORD_RESET -> properties.links().passwordReset();
                    case MAGIC_LINK -> properties.links().magicLink();
                    default -> properties.links().emailVerification();
                };
                String token = URLEncoder.encode(Objects.requireNonNull(job.token()), StandardCharsets.UTF_8);
                model.put("link", page(locale, path.replace("{token}", token)));
                model.put("expiresAt", Objects.requireNonNull(job.expiresAt()));
                yield renderer.render(job.kind(), locale, model, properties.shopName());
            }
        };
        return new OutgoingMail(
                job.kind(),
                job.key(),
                job.to(),
                rendered.locale(),
                rendered.subject(),
                rendered.text(),
                rendered.html());
    }

    /** A page of the shop in the mail's language: English unprefixed, the others under /de, /ar. */
    private String page(Locale language, String path) {
        String prefix =
                language.getLanguage().equals("de") || language.getLanguage().equals("ar")
                        ? "/" + language.getLanguage()
                        : "";
        return properties.baseUrl() + prefix + path;
    }

    private OrderSummary order(MailJob job) {
        UUID id = Objects.requireNonNull(job.orderId(), "orderId");
        return orders.find(id).orElseThrow(() -> new IllegalStateException("no order " + id));
    }
}
