package app.dukkan.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.dukkan.testing.ApiClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Reads the development mailbox through the admin API, as an operator would. */
public final class DevMailboxClient {

    private final ApiClient admin;

    public DevMailboxClient(ApiClient admin) {
        this.admin = admin;
    }

    /** The mails to {@code to} of that kind, newest first, without bodies. */
    public List<JsonNode> mails(String to, String kind) {
        JsonNode page = admin.get("/api/v1/admin/mailbox?size=100&to=" + URLEncoder.encode(to, StandardCharsets.UTF_8))
                .expectStatus(200)
                .json();
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode item : page.get("items")) {
            if (item.get("kind").asString().equals(kind)) {
                found.add(item);
            }
        }
        return found;
    }

    /**
     * Waits until exactly {@code count} such mails arrived and no more arrive for a moment; returns
     * the newest in full.
     */
    public List<JsonNode> awaitExactly(String to, String kind, int count) {
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> mails(to, kind).size() >= count);
        await().during(Duration.ofMillis(400))
                .atMost(Duration.ofSeconds(3))
                .until(() -> mails(to, kind).size() == count);
        List<JsonNode> full = new ArrayList<>();
        for (JsonNode mail : mails(to, kind)) {
            full.add(admin.get("/api/v1/admin/mailbox/" + mail.get("id").asString())
                    .expectStatus(200)
                    .json());
        }
        assertThat(full).hasSize(count);
        return full;
    }
}
