package app.dukkan.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.identity.UserId;
import app.dukkan.identity.UserRegistered;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** Only admins read the development mailbox: its mails hold reset and verification links. */
@DukkanTest
class MailboxAccessTests {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    CatalogFixtures fixtures;
    String email;
    String id;

    @BeforeEach
    void aMail() {
        fixtures = new CatalogFixtures(port);
        email = CatalogFixtures.unique("Reader-") + "@Example.com";
        transactions.executeWithoutResult(status ->
                events.publishEvent(new UserRegistered(new UserId(UUID.randomUUID()), email, Locale.ENGLISH)));
        id = new DevMailboxClient(fixtures.admin())
                .awaitExactly(email.toLowerCase(Locale.ROOT), "welcome", 1)
                .get(0)
                .get("id")
                .asString();
    }

    @Test
    void theApiIsForAdminsOnly() {
        for (String path : new String[] {"/api/v1/admin/mailbox", "/api/v1/admin/mailbox/" + id}) {
            assertThat(fixtures.anonymous()
                            .get(path)
                            .expectStatus(401)
                            .json()
                            .get("type")
                            .asString())
                    .endsWith("unauthenticated");
            fixtures.customer().get(path).expectStatus(403);
            fixtures.seller().get(path).expectStatus(403);
        }
    }

    @Test
    void adminsListFilterAndReadMails() {
        ApiClient admin = fixtures.admin();
        JsonNode page = admin.get("/api/v1/admin/mailbox?to=" + email.toUpperCase(Locale.ROOT))
                .expectStatus(200)
                .json();
        assertThat(page.get("total").asLong()).isEqualTo(1);
        JsonNode item = page.get("items").get(0);
        assertThat(item.get("id").asString()).isEqualTo(id);
        assertThat(item.get("subject").asString()).isEqualTo("Welcome to Dukkan");
        assertThat(item.has("html")).as("the list leaves the bodies out").isFalse();
        assertThat(item.has("created_at")).isTrue();

        JsonNode mail =
                admin.get("/api/v1/admin/mailbox/" + id).expectStatus(200).json();
        assertThat(mail.get("text").asString()).contains("Your account " + email + " is ready.");
        assertThat(mail.get("html").asString()).contains("<html");

        admin.get("/api/v1/admin/mailbox/" + UUID.randomUUID()).expectStatus(404);
        admin.get("/api/v1/admin/mailbox/not-a-uuid").expectStatus(400);
        admin.get("/api/v1/admin/mailbox?size=1000").expectStatus(400);
        assertThat(admin.get("/api/v1/admin/mailbox?size=1")
                        .expectStatus(200)
                        .json()
                        .get("items")
                        .size())
                .isEqualTo(1);
    }
}
