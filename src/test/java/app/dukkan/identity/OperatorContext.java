package app.dukkan.identity;

import static org.awaitility.Awaitility.await;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The context of the operator tests ({@link MagicLinkTests}, {@link LastActiveAdminTests}), shared
 * by both: sign-in links on for {@value #DOMAIN}, small link limits, and mail over SMTP to a real
 * server (GreenMail), which runs as long as the test JVM does.
 */
@DukkanTest
@TestPropertySource(
        properties = {
            "dukkan.identity.magic-link.domains=" + OperatorContext.DOMAIN + ", @Second.Example ",
            "dukkan.identity.magic-link.per-ip=5",
            "dukkan.identity.magic-link.per-email=3",
            "db-scheduler.polling-interval=200ms"
        })
abstract class OperatorContext {

    static final String DOMAIN = "ops.example";
    static final String PASSWORD = "correct horse 42";

    static final int SMTP_PORT = freePort();
    static final GreenMail SMTP = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    static {
        SMTP.start();
        Runtime.getRuntime().addShutdownHook(new Thread(SMTP::stop));
    }

    @DynamicPropertySource
    static void smtpServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    IdentityEvents events;

    record Account(String id, String email) {}

    ApiClient admin() {
        return new ApiClient(port).login(CatalogFixtures.ADMIN_EMAIL, CatalogFixtures.ADMIN_PASSWORD);
    }

    /** A new account with these roles (customer when none), at this domain. */
    Account account(String domain, String... roles) {
        String email = CatalogFixtures.unique("op-") + "@" + domain;
        String id = new ApiClient(port)
                .post(
                        "/api/v1/auth/register",
                        Map.of("email", email, "password", PASSWORD, "accept_privacy_notice", true))
                .expectStatus(201)
                .json()
                .get("id")
                .asString();
        if (roles.length > 0) {
            admin().put("/api/v1/admin/users/" + id + "/roles", Map.of("roles", List.of(roles)))
                    .expectStatus(200);
        }
        return new Account(id, email);
    }

    /** Waits until no sign-in link request or mail job is left, i.e. everything asked for is sent. */
    void awaitLinkJobs() {
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> jdbc.sql("""
                        select count(*) from scheduled_tasks
                        where task_name in ('magic-link-request', 'mail-magic-link')""").query(Integer.class).single() == 0);
    }

    /** The sign-in link mails received for this address (not its welcome or verification mails). */
    static List<MimeMessage> received(String to) {
        return Arrays.stream(SMTP.getReceivedMessages())
                .filter(message -> {
                    try {
                        Address[] recipients = message.getRecipients(Message.RecipientType.TO);
                        String[] kind = message.getHeader("X-Dukkan-Mail");
                        return recipients != null
                                && Arrays.stream(recipients)
                                        .anyMatch(a -> a.toString().equalsIgnoreCase(to))
                                && kind != null
                                && kind[0].startsWith("magic-link ");
                    } catch (MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    static MimeMessage awaitMail(String to) {
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> !received(to).isEmpty());
        return received(to).get(received(to).size() - 1);
    }

    static @Nullable String part(Part part, String type) throws Exception {
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

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
