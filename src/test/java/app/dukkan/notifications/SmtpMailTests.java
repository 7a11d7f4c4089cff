package app.dukkan.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.identity.UserId;
import app.dukkan.identity.UserRegistered;
import app.dukkan.notifications.mail.MailKind;
import app.dukkan.notifications.sending.MailDelivery;
import app.dukkan.notifications.sending.MailJob;
import app.dukkan.platform.SignedTokens;
import app.dukkan.platform.jobs.DeadLetters;
import app.dukkan.platform.jobs.JobsBenchmark;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.PageClient;
import app.dukkan.testing.Prometheus;
import app.dukkan.testing.Shop;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Mail over SMTP to a real server (GreenMail) in a context of its own, with quick retries: a server
 * that is down makes the job retry and then a dead letter; replayed once the server is back, it
 * delivers exactly one mail. The context also holds the {@code jobs-bench} command's beans, whose
 * mail workload is checked here end to end.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SmtpMailTests {

    static final int SMTP_PORT = freePort();
    static GreenMail smtp = newServer();

    @DynamicPropertySource
    static void smtpServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
        registry.add("spring.mail.properties.mail.smtp.connectiontimeout", () -> "2000");
        registry.add("spring.mail.properties.mail.smtp.timeout", () -> "3000");
        registry.add("spring.mail.properties.mail.smtp.writetimeout", () -> "3000");
        registry.add("dukkan.notifications.from", () -> "Dukkan Test <shop@test.dukkan>");
        registry.add("dukkan.notifications.retry.max-attempts", () -> "3");
        registry.add("dukkan.notifications.retry.first-delay", () -> "100ms");
        registry.add("dukkan.notifications.retry.max-delay", () -> "300ms");
        // retries are found by polling: poll often
        registry.add("db-scheduler.polling-interval", () -> "200ms");
        // the jobs benchmark's job types and workloads (the command also sets dukkan.jobs.bench.run)
        registry.add("dukkan.jobs.bench.enabled", () -> "true");
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    DeadLetters deadLetters;

    @Autowired
    MailDelivery delivery;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JobsBenchmark benchmark;

    @Autowired
    ConfigurableEnvironment environment;

    @Autowired
    SignedTokens tokens;

    @BeforeAll
    static void startSmtp() {
        smtp.start();
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    @Test
    void sendsMultipartMailsOverSmtp() throws Exception {
        String email = CatalogFixtures.unique("smtp-") + "@example.com";
        transactions.executeWithoutResult(
                status -> events.publishEvent(new UserRegistered(new UserId(UUID.randomUUID()), email, Locale.GERMAN)));

        MimeMessage mail = awaitMails(email, 1).get(0);
        assertThat(mail.getSubject()).isEqualTo("Willkommen bei Dukkan");
        assertThat(mail.getFrom()[0].toString()).contains("shop@test.dukkan");
        assertThat(mail.getHeader("X-Dukkan-Mail")[0]).startsWith("welcome ");
        assertThat(mail.getHeader("Content-Language")[0]).isEqualTo("de");
        assertThat(part(mail, "text/plain")).contains("Ihr Konto " + email + " ist eingerichtet.");
        assertThat(part(mail, "text/html")).contains("lang=\"de\"", "Willkommen!");
    }

    /**
     * A guest's order mail links to the order's page, which its signed link alone opens (no session,
     * in the mail's language) with the receipt; a changed, expired or other link opens nothing.
     */
    @Test
    void aGuestsOrderMailLinksToTheOrdersPageThatItsLinkOpens() throws Exception {
        String email = CatalogFixtures.unique("guest-link-") + "@example.com";
        Shop shop = new Shop(port);
        Shop.Variant variant = shop.product("Teapot", "14.00", 5);
        String number = shop.buy(shop.guest(), variant, 2, email).get("number").asString();

        MimeMessage mail = awaitMails(email, 1).get(0);
        Matcher link = Pattern.compile("http://localhost:8080(/orders/link/[A-Za-z0-9._-]+)")
                .matcher(part(mail, "text/plain"));
        assertThat(link.find()).as("the order's link in the text part").isTrue();
        String path = link.group(1);
        assertThat(part(mail, "text/html")).contains("href=\"http://localhost:8080" + path + "\"");

        // the mail's server is localhost:8080 (dukkan.notifications.base-url); this one is on a random port
        PageClient guest = new PageClient(port);
        PageClient.Page page = guest.get(path).expectStatus(200);
        assertThat(page.one("h1").text()).isEqualTo("Order " + number);
        assertThat(page.one("tbody tr").text()).contains("Teapot", "2", "€14.00", "€28.00");
        assertThat(page.one("address").text()).contains("Ada Lovelace", "Berlin");
        assertThat(page.html().select("form[action$=/returns]")).isEmpty();
        assertThat(page.header("Cache-Control")).contains("no-store");
        assertThat(guest.get("/de" + path).expectStatus(200).one("h1").text()).isEqualTo("Bestellung " + number);
        String receipt = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> guest.get(path + "/receipt").location(),
                        location -> location.startsWith("/files/signed/"));
        HttpResponse<byte[]> pdf = guest.download(receipt);
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");

        String signature = path.substring(path.lastIndexOf('.') + 1);
        String changed = path.substring(0, path.lastIndexOf('.') + 1)
                + (signature.charAt(0) == 'A' ? 'B' : 'A')
                + signature.substring(1);
        PageClient.Page tampered = guest.get(changed);
        assertThat(tampered.status()).isEqualTo(404);
        assertThat(tampered.one("h1").text()).isEqualTo("This order link does not work");
        assertThat(tampered.body()).doesNotContain(number, "Ada Lovelace");
        assertThat(guest.get(changed + "/receipt").status()).isEqualTo(404);

        String orderId = shop.admin()
                .get("/api/v1/admin/orders/" + number)
                .json()
                .get("id")
                .asString();
        String old = tokens.sign("order-page", orderId, Instant.now().minusSeconds(60));
        PageClient.Page expired = guest.get("/orders/link/" + old);
        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.one("h1").text()).isEqualTo("This order link has expired");
        assertThat(expired.body()).doesNotContain(number, "Ada Lovelace");
        // a token of another purpose (a payment link's) for the same id
        String otherPurpose = tokens.sign("payment-link", orderId, Instant.now().plusSeconds(600));
        assertThat(guest.get("/orders/link/" + otherPurpose).status()).isEqualTo(404);
    }

    /** A customer's order mail links to the order in the account, where the customer reads it signed in. */
    @Test
    void aCustomersOrderMailLinksToTheOrderInTheAccount() throws Exception {
        String email = CatalogFixtures.unique("account-link-") + "@example.com";
        ApiClient customer =
                new ApiClient(port).register(email, "correct horse 42").login(email, "correct horse 42");
        Shop shop = new Shop(port);
        String number = shop.buy(customer, shop.product("9.00", 5), 1, null)
                .get("number")
                .asString();

        // among the account's own mails
        MimeMessage confirmation = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> received(email).stream()
                                .filter(mail -> mailKey(mail).startsWith("order-confirmation "))
                                .findFirst(),
                        found -> found.isPresent())
                .orElseThrow();
        String text = part(confirmation, "text/plain");
        assertThat(text)
                .contains("http://localhost:8080/account/orders/" + number)
                .doesNotContain("/api/");
        PageClient signedIn = PageClient.signedIn(port, email, "correct horse 42");
        assertThat(signedIn.get("/account/orders/" + number)
                        .expectStatus(200)
                        .one("h1")
                        .text())
                .isEqualTo("Order " + number);

        // the page of a link is a guest's: an account's order is not shown through one
        String orderId = shop.admin()
                .get("/api/v1/admin/orders/" + number)
                .json()
                .get("id")
                .asString();
        String token = tokens.sign("order-page", orderId, Instant.now().plusSeconds(600));
        PageClient.Page refused = new PageClient(port).get("/orders/link/" + token);
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.body()).doesNotContain(number);
    }

    @Test
    void aMailJobThatRunsTwiceSendsOneMail() {
        String email = CatalogFixtures.unique("twice-") + "@example.com";
        MailJob job =
                new MailJob(MailKind.WELCOME, "twice-" + UUID.randomUUID(), email, "en", null, null, false, null, null);
        delivery.deliver(job);
        delivery.deliver(job);
        awaitMails(email, 1);
    }

    @Test
    void whileSmtpIsDownTheMailRetriesBecomesADeadLetterAndIsDeliveredOnceWhenReplayed() throws Exception {
        String email = CatalogFixtures.unique("outage-") + "@example.com";
        Shop shop = new Shop(port);
        Shop.Variant variant = shop.product("12.50", 5);
        Prometheus prometheus = new Prometheus(port);
        Map<String, String> mailTask = Map.of("task", "mail-order-confirmation");
        double failedBefore = prometheus.value("job_fail_total", mailTask);
        double deadBefore = prometheus.value("job_dead_total", mailTask);
        smtp.stop();
        String number;
        UUID letter;
        try {
            number = shop.buy(shop.guest(), variant, 1, email).get("number").asString();

            letter = await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(100))
                    .until(
                            () -> jdbc.sql(
                                            "select id from job_dead_letters where task_name = ? and payload ->> 'to' = ?")
                                    .params("mail-order-confirmation", email)
                                    .query(UUID.class)
                                    .optional(),
                            found -> found.isPresent())
                    .orElseThrow();
            DeadLetters.DeadLetter dead = deadLetters.find(letter).orElseThrow();
            assertThat(dead.attempts()).isEqualTo(3);
            assertThat(dead.queue()).isEqualTo("default");
            assertThat(dead.lastError()).containsIgnoringCase("connect");
            assertThat(jdbc.sql("select count(*) from sent_mails where recipient = ?")
                            .param(email)
                            .query(Integer.class)
                            .single())
                    .as("a failed hand-over records nothing")
                    .isZero();
            // what the alerts on retries and dead letters read
            assertThat(prometheus.value("job_fail_total", mailTask)).isGreaterThanOrEqualTo(failedBefore + 2);
            assertThat(prometheus.value("job_dead_total", mailTask)).isEqualTo(deadBefore + 1);
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> prometheus.value("dukkan_jobs_dead", Map.of("queue", "default")) >= 1);
        } finally {
            smtp = newServer();
            smtp.start();
        }

        assertThat((Boolean) transactions.execute(status -> deadLetters.requeue(letter)))
                .isTrue();
        assertThat((Boolean) transactions.execute(status -> deadLetters.requeue(letter)))
                .as("a dead letter is replayed once")
                .isFalse();

        MimeMessage mail = awaitMails(email, 1).get(0);
        assertThat(mail.getSubject()).isEqualTo("Your order " + number + " is confirmed");
        assertThat(part(mail, "text/plain")).contains(number, "€12.50");
    }

    @Test
    void theJobsBenchmarkMailsTheConfirmationOfARealOrderOncePerJob() throws Exception {
        String email = CatalogFixtures.unique("bench-") + "@example.com";
        Shop shop = new Shop(port);
        String number = shop.buy(shop.guest(), shop.product("20.00", 5), 1, email)
                .get("number")
                .asString();
        awaitMails(email, 1); // the order's own confirmation
        JobsBenchmark.Settings settings =
                new JobsBenchmark.Settings("mail-order-confirmation", 30, 20, 1, Duration.ofSeconds(30));

        Run withoutOrder = bench(settings);
        assertThat(withoutOrder.status()).isEqualTo(JobsBenchmark.BAD_USAGE);
        assertThat(withoutOrder.err()).contains("--order");
        Run unknown = bench(new JobsBenchmark.Settings("mail-nothing", 1, 1, 1, Duration.ofSeconds(5)));
        assertThat(unknown.status()).isEqualTo(JobsBenchmark.BAD_USAGE);
        assertThat(unknown.err()).contains("no benchmark task 'mail-nothing'", "bench-noop, mail-order-confirmation");

        Run run = withOrder(number, () -> bench(settings));
        assertThat(run.status()).as(run.err()).isIn(JobsBenchmark.PASS, JobsBenchmark.FAIL);
        assertThat(run.out())
                .contains("task mail-order-confirmation", "throughput: 30 jobs inserted", "latency: 20 jobs at");

        List<MimeMessage> mails = awaitMails(email, 1 + 30 + 20);
        List<String> keys = mails.stream().map(SmtpMailTests::mailKey).toList();
        assertThat(keys).doesNotHaveDuplicates();
        assertThat(keys.stream().filter(key -> key.startsWith("order-confirmation bench-")))
                .hasSize(50);
        assertThat(mails)
                .allSatisfy(mail -> assertThat(mail.getSubject()).isEqualTo("Your order " + number + " is confirmed"));
    }

    @Test
    void theJobsBenchmarkStopsAndReportsWhenItsJobsFail() {
        String email = CatalogFixtures.unique("bench-down-") + "@example.com";
        Shop shop = new Shop(port);
        String number = shop.buy(shop.guest(), shop.product("20.00", 5), 1, email)
                .get("number")
                .asString();
        awaitMails(email, 1);
        smtp.stop();
        Run run;
        try {
            run = withOrder(
                    number,
                    () -> bench(new JobsBenchmark.Settings("mail-order-confirmation", 3, 1, 1, Duration.ofSeconds(3))));
        } finally {
            smtp = newServer();
            smtp.start();
        }
        assertThat(run.status()).isEqualTo(JobsBenchmark.INCOMPLETE);
        assertThat(run.out()).doesNotContain("throughput:");
        assertThat(run.err())
                .contains("stopped: no mail-order-confirmation job finished for 3 s")
                .contains("last failure:")
                .containsIgnoringCase("connect")
                .contains("3 dead letter(s) of this run");
    }

    @Test
    void theJobsBenchmarkMeasuresNoOpJobs() {
        Run run = bench(new JobsBenchmark.Settings("bench-noop", 200, 50, 1, Duration.ofSeconds(30)));
        assertThat(run.status()).as(run.err()).isIn(JobsBenchmark.PASS, JobsBenchmark.FAIL);
        assertThat(run.out())
                .contains("throughput: 200 jobs inserted", "(200 runs)", "latency: 50 jobs at", "result: ");
        assertThat(jdbc.sql("select count(*) from scheduled_tasks where task_name = 'bench-noop'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private record Run(int status, String out, String err) {}

    /** Runs the benchmark with {@code dukkan.jobs.bench.order} set, as the command's option sets it. */
    private Run withOrder(String number, java.util.function.Supplier<Run> bench) {
        MapPropertySource order = new MapPropertySource("bench-order", Map.of("dukkan.jobs.bench.order", number));
        environment.getPropertySources().addFirst(order);
        try {
            return bench.get();
        } finally {
            environment.getPropertySources().remove(order.getName());
        }
    }

    private Run bench(JobsBenchmark.Settings settings) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = benchmark.run(
                settings,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String mailKey(MimeMessage mail) {
        try {
            return mail.getHeader("X-Dukkan-Mail")[0];
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for {@code count} mails to {@code to}, then makes sure no more arrive for a moment. */
    private static List<MimeMessage> awaitMails(String to, int count) {
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> received(to).size() >= count);
        await().during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(3))
                .until(() -> received(to).size() == count);
        return received(to);
    }

    private static List<MimeMessage> received(String to) {
        return Arrays.stream(smtp.getReceivedMessages())
                .filter(message -> {
                    try {
                        Address[] recipients = message.getRecipients(Message.RecipientType.TO);
                        return recipients != null
                                && Arrays.stream(recipients)
                                        .anyMatch(a -> a.toString().equalsIgnoreCase(to));
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    /** The decoded content of the first part of that type, however deep. */
    private static String part(Part part, String type) throws Exception {
        if (part.isMimeType(type)) {
            return part.getContent().toString();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = part(multipart.getBodyPart(i), type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static GreenMail newServer() {
        return new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
