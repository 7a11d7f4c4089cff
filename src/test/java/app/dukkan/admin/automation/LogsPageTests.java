package app.dukkan.admin.automation;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.automation.log.RunLogs;
import app.dukkan.automation.log.RunLogs.Level;
import app.dukkan.automation.log.RunLogs.Line;
import app.dukkan.platform.Ids;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.PageClient;
import app.dukkan.testing.PageClient.Page;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The console's logs explorer, without JavaScript. */
@DukkanTest
class LogsPageTests {

    private static final String PASSWORD = "Str0ng-Passphrase-4711";

    @LocalServerPort
    int port;

    @Autowired
    RunLogs logs;

    private PageClient account(String... roles) {
        String email = CatalogFixtures.unique("operator-") + "@example.com";
        ApiClient api = new ApiClient(port).register(email, PASSWORD).login(email, PASSWORD);
        if (roles.length > 0) {
            String id = api.get("/api/v1/me").json().get("id").asString();
            new CatalogFixtures(port)
                    .admin()
                    .put("/api/v1/admin/users/" + id + "/roles", Map.of("roles", List.of(roles)))
                    .expectStatus(200);
        }
        return PageClient.signedIn(port, email, PASSWORD);
    }

    @Test
    void showsRedactedLinesWithTheirDataAndFilters() {
        UUID workflow = Ids.newId(Clock.systemUTC());
        UUID run = Ids.newId(Clock.systemUTC());
        logs.write(new Line(
                workflow,
                run,
                "notify",
                Level.INFO,
                "running",
                "Sending to sara@example.com",
                Map.of("to", "+966501234567", "order", "DK-100001")));
        logs.write(new Line(workflow, run, "notify", Level.ERROR, "failed", "Slack answered 500", Map.of()));
        PageClient admin = PageClient.admin(port);

        Page page = admin.get("/admin/automation/logs?workflow=" + workflow).expectStatus(200);

        assertThat(page.one("h1").text()).isEqualTo("Automation logs");
        assertThat(page.one(".console-nav a[aria-current=page]").attr("href")).isEqualTo("/admin/automation/logs");
        List<Element> rows = page.html().select("tbody tr");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).text()).contains("Slack answered 500", "Error", "failed", "notify");
        assertThat(rows.get(0).select(".redacted")).isEmpty();
        assertThat(rows.get(1).text())
                .contains("Sending to [email]", "redacted")
                .doesNotContain("sara@");
        assertThat(rows.get(1).selectFirst("details pre").text()).contains("\"to\" : \"[phone]\"", "DK-100001");
        assertThat(page.body()).doesNotContain("sara@example.com", "966501234567");
        assertThat(page.one("#logs-workflow").val()).isEqualTo(workflow.toString());

        Page errors = admin.get("/admin/automation/logs?workflow=" + workflow + "&level=error")
                .expectStatus(200);
        assertThat(errors.html().select("tbody tr")).hasSize(1);
        assertThat(errors.one("#logs-level option[selected]").val()).isEqualTo("error");
        assertThat(admin.get("/admin/automation/logs?run=" + run + "&status=running")
                        .expectStatus(200)
                        .html()
                        .select("tbody tr"))
                .hasSize(1);
        Page none = admin.get("/admin/automation/logs?workflow=" + workflow + "&from=2999-01-01T00:00")
                .expectStatus(200);
        assertThat(none.html().select("tbody tr")).isEmpty();
        assertThat(none.one("p.muted:not(:first-of-type)").text()).isNotBlank();
    }

    @Test
    void pagesByCursorWithoutGapsOrRepeats() {
        UUID workflow = Ids.newId(Clock.systemUTC());
        for (int i = 0; i < 55; i++) {
            logs.write(new Line(workflow, null, null, Level.INFO, "running", "line " + i, Map.of()));
        }
        PageClient admin = PageClient.admin(port);

        Page first = admin.get("/admin/automation/logs?workflow=" + workflow).expectStatus(200);
        List<String> messages = new ArrayList<>(texts(first));
        String next = first.one("a[rel=next]").attr("href");
        assertThat(next).contains("workflow=" + workflow).contains("cursor=");
        Page second = admin.get(next).expectStatus(200);
        messages.addAll(texts(second));

        assertThat(texts(first)).hasSize(50);
        assertThat(second.html().select("a[rel=next]")).isEmpty();
        Set<String> distinct = new HashSet<>(messages);
        assertThat(distinct).hasSize(55);
        assertThat(messages.get(0)).isEqualTo("line 54");
        assertThat(messages.get(54)).isEqualTo("line 0");
    }

    @Test
    void badFiltersAreShownNextToTheirFields() {
        Page bad = PageClient.admin(port)
                .get("/admin/automation/logs?workflow=someone&level=fatal&from=yesterday")
                .expectStatus(400);
        assertThat(bad.one("#logs-workflow").attr("aria-invalid")).isEqualTo("true");
        assertThat(bad.one("#logs-workflow-error").text()).startsWith("Enter an id");
        assertThat(bad.one("#logs-level-error").text()).isEqualTo("Choose a level from the list.");
        assertThat(bad.one("#logs-from-error").text()).startsWith("Enter a date and time");
        assertThat(bad.html().select("table")).isEmpty();

        PageClient.admin(port).get("/admin/automation/logs?cursor=garbage").expectStatus(400);
        // years the logs' ids cannot reach are a mistake to point out, not a failure of the page
        Page far = PageClient.admin(port)
                .get("/admin/automation/logs?from=%2B20000-01-01T00:00&to=1900-01-01T00:00")
                .expectStatus(400);
        assertThat(far.one("#logs-from-error").text()).startsWith("Enter a date and time");
        assertThat(far.one("#logs-to-error").text()).startsWith("Enter a date and time");
    }

    @Test
    void speaksGermanAndArabic() {
        PageClient admin = PageClient.admin(port);
        assertThat(admin.get("/de/admin/automation/logs")
                        .expectStatus(200)
                        .one("h1")
                        .text())
                .isEqualTo("Automatisierungsprotokoll");
        Page arabic = admin.get("/ar/admin/automation/logs").expectStatus(200);
        assertThat(arabic.one("h1").text()).isEqualTo("سجلات الأتمتة");
        assertThat(arabic.one("html").attr("dir")).isEqualTo("rtl");
    }

    @Test
    void onlyAdminsMayReadTheLogs() {
        account("seller").get("/admin/automation/logs").expectStatus(403);
        account().get("/admin/automation/logs").expectStatus(403);
        assertThat(new PageClient(port)
                        .get("/admin/automation/logs")
                        .expectStatus(302)
                        .location())
                .startsWith("/login");
    }

    private static List<String> texts(Page page) {
        return page.html().select("tbody tr td:nth-child(7) > span:first-child").stream()
                .map(Element::text)
                .toList();
    }
}
