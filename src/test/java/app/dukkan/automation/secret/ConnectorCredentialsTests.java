package app.dukkan.automation.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@DukkanTest
class ConnectorCredentialsTests {

    @LocalServerPort
    int port;

    @Autowired
    Credentials credentials;

    @Autowired
    JdbcClient jdbc;

    static String name() {
        return "slack-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void anAdminStoresACredentialWhoseValueIsEncryptedAndNeverReturned() {
        ApiClient admin = new CatalogFixtures(port).admin();
        String name = name();
        String url = "https://hooks.slack.com/services/T000/B000/secret-" + name;

        JsonNode saved = admin.post(
                        "/api/v1/automation/credentials", Map.of("name", name, "connector", "slack", "value", url))
                .expectStatus(201)
                .json();

        assertThat(saved.get("name").asString()).isEqualTo(name);
        assertThat(saved.has("value")).isFalse();
        String listed =
                admin.get("/api/v1/automation/credentials").expectStatus(200).body();
        assertThat(listed).contains(name).doesNotContain("secret-" + name);
        byte[] raw = jdbc.sql("select sealed from automation_credentials where name = ?")
                .param(name)
                .query(byte[].class)
                .single();
        assertThat(new String(raw, StandardCharsets.ISO_8859_1)).doesNotContain("secret-" + name, "hooks.slack.com");
        assertThat(raw[0]).isEqualTo(SecretBox.VERSION);
        assertThat(credentials.reveal(name)).get().satisfies(r -> {
            assertThat(r.value()).isEqualTo(url);
            assertThat(r.connector()).isEqualTo("slack");
            assertThat(r.toString()).doesNotContain("secret-");
        });
        assertThat(admin.get("/api/v1/admin/audit?target_id=" + name)
                        .expectStatus(200)
                        .body())
                .contains("automation.credential.saved")
                .doesNotContain("secret-" + name);
    }

    @Test
    void savingAgainReplacesTheValue() {
        String name = name();
        credentials.save(name, "slack", "https://hooks.slack.com/services/one");
        credentials.save(name, "slack", "https://hooks.slack.com/services/two");

        assertThat(credentials.reveal(name))
                .get()
                .extracting(Credentials.Revealed::value)
                .isEqualTo("https://hooks.slack.com/services/two");
        assertThat(credentials.list().stream().filter(c -> c.name().equals(name)))
                .hasSize(1);
    }

    @Test
    void aValueSealedUnderAnotherKeyFailsClearly() {
        String name = name();
        credentials.save(name, "slack", "https://hooks.slack.com/services/x");
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        byte[] foreign = new SecretBox(otherKey)
                .seal("https://evil.example/".getBytes(StandardCharsets.UTF_8), "x".getBytes(StandardCharsets.UTF_8));
        jdbc.sql("update automation_credentials set sealed = ? where name = ?")
                .params(foreign, name)
                .update();

        assertThatThrownBy(() -> credentials.reveal(name))
                .isInstanceOf(SecretBox.SealedValueException.class)
                .hasMessageContaining("another key")
                .hasMessageContaining("dukkan.automation.credentials-key");
    }

    @Test
    void aValueMovedToAnotherRowDoesNotOpen() {
        String first = name();
        String second = name();
        credentials.save(first, "slack", "https://hooks.slack.com/services/first");
        credentials.save(second, "slack", "https://hooks.slack.com/services/second");
        jdbc.sql("update automation_credentials set sealed = (select sealed from automation_credentials where name = ?)"
                        + " where name = ?")
                .params(first, second)
                .update();

        assertThatThrownBy(() -> credentials.reveal(second))
                .isInstanceOf(SecretBox.SealedValueException.class)
                .hasMessageContaining("changed or belongs elsewhere");
    }

    @Test
    void badInputIsAProblemAndNothingIsStored() {
        ApiClient admin = new CatalogFixtures(port).admin();

        JsonNode badName = admin.post(
                        "/api/v1/automation/credentials",
                        Map.of("name", "Has Spaces", "connector", "slack", "value", "https://hooks.slack.com/x"))
                .expectStatus(400)
                .json();
        assertThat(badName.get("errors").get(0).get("field").asString()).isEqualTo("name");
        admin.post("/api/v1/automation/credentials", Map.of("name", "x1", "connector", "fax", "value", "v"))
                .expectStatus(400);
        admin.post("/api/v1/automation/credentials", Map.of("name", "x2", "connector", "slack", "value", "not a url"))
                .expectStatus(400);
        admin.post(
                        "/api/v1/automation/credentials",
                        Map.of("name", "x3", "connector", "whatsapp", "value", "{\"phoneNumberId\": \"12\"}"))
                .expectStatus(400);
        admin.post("/api/v1/automation/credentials", Map.of("name", "x4", "connector", "slack"))
                .expectStatus(400);
        for (String headers : List.of("Bearer x", "{}", "{\"Authorization\": \"a\\nb\"}", "{\"Bad Name\": \"x\"}")) {
            admin.post("/api/v1/automation/credentials", Map.of("name", "x5", "connector", "http", "value", headers))
                    .expectStatus(400);
        }
        assertThat(credentials.list().stream().map(Credentials.Credential::name))
                .doesNotContain("x1", "x2", "x3", "x4", "x5");
        admin.post(
                        "/api/v1/automation/credentials",
                        Map.of("name", "x6", "connector", "http", "value", "{\"Authorization\": \"Bearer t\"}"))
                .expectStatus(201);
    }

    @Test
    void anAdminDeletesACredential() {
        ApiClient admin = new CatalogFixtures(port).admin();
        String name = name();
        credentials.save(name, "whatsapp", "{\"phoneNumberId\": \"1055\", \"accessToken\": \"EAAG-token\"}");

        admin.delete("/api/v1/automation/credentials/" + name).expectStatus(204);
        admin.delete("/api/v1/automation/credentials/" + name).expectStatus(404);

        assertThat(credentials.reveal(name)).isEmpty();
        assertThat(admin.get("/api/v1/admin/audit?target_id=" + name).body()).contains("automation.credential.deleted");
    }

    @Test
    void onlyAdminsReachCredentials() {
        CatalogFixtures catalog = new CatalogFixtures(port);
        catalog.customer().get("/api/v1/automation/credentials").expectStatus(403);
        catalog.seller()
                .post(
                        "/api/v1/automation/credentials",
                        Map.of("name", "s1", "connector", "slack", "value", "https://hooks.slack.com/x"))
                .expectStatus(403);
        assertThat(catalog.anonymous().get("/api/v1/automation/credentials").status())
                .isIn(401, 403);
    }
}
