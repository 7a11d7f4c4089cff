package app.dukkan.admin.moderation;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import app.dukkan.admin.ConsoleBrowserTest;
import app.dukkan.identity.UserId;
import app.dukkan.moderation.TestPosts;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The moderation pages in a real browser: the test box swapped in place, axe in English and Arabic, light and dark. */
@Import(TestPosts.class)
class ModerationConsoleBrowserTests extends ConsoleBrowserTest {

    @Autowired
    TestPosts.Store posts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theModerationPagesAreAccessibleInEveryLanguageAndTheme() {
        CatalogFixtures fixtures = new CatalogFixtures(port);
        ApiClient admin = fixtures.admin();
        String rule = admin.post(
                        "/api/v1/admin/moderation/rules",
                        Map.of(
                                "name",
                                CatalogFixtures.unique("Browser "),
                                "kind",
                                "keyword",
                                "terms",
                                List.of("idiot", "حمار"),
                                "severity",
                                "high",
                                "action",
                                "censor"))
                .expectStatus(201)
                .json()
                .get("id")
                .asString();
        ApiClient author = fixtures.customer();
        UUID post = posts.add(
                new UserId(UUID.fromString(
                        author.get("/api/v1/me").json().get("id").asString())),
                "Cheap followers here, write to me now — متابعون رخيصون");
        for (String reason : List.of("spam", "scam", "other")) {
            fixtures.customer()
                    .post("/api/v1/posts/" + post + "/report", Map.of("reason", reason, "note", "Ads again"))
                    .expectStatus(201);
        }
        String entry = jdbc.sql("select id::text from moderation_entries where item_id = ?")
                .param(post)
                .query(String.class)
                .single();

        try {
            checkPages(rule, entry);
        } finally {
            admin.delete("/api/v1/admin/moderation/rules/" + rule).expectStatus(204);
        }
    }

    private void checkPages(String rule, String entry) {
        Page page = signedInAdmin(Options.defaults());
        page.navigate("/admin/moderation/rules");
        page.locator("#test-text").fill("you 1.d.1.o.t");
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Test").setExact(true))
                .click();
        assertThat(page.locator("#test-result")).containsText("you *.*.*.*.*");
        assertThat(page).hasURL("http://localhost:" + port + "/admin/moderation/rules");

        List<String> paths = List.of(
                "/admin/moderation",
                "/admin/moderation/items/" + entry,
                "/admin/moderation/items/" + entry + "/remove",
                "/admin/moderation/rules?text=" + "يا+حمار+و+idiot",
                "/admin/moderation/rules/new",
                "/admin/moderation/rules/" + rule,
                "/admin/moderation/rules/" + rule + "/deactivate");
        for (Options options : THEMES) {
            Page themed = signedInAdmin(options);
            String theme = theme(options);
            for (String prefix : LANGUAGES) {
                String lang = language(prefix);
                for (String path : paths) {
                    themed.navigate(prefix + path);
                    assertAccessible(themed, options);
                }
                themed.navigate(prefix + "/admin/moderation/items/" + entry);
                // a blank reason passes the browser's "required" check and is refused by the shop
                themed.locator("#reason-restore").fill("   ");
                themed.locator("form[action$=restore] button").click();
                assertThat(themed.locator("#reason-restore-error")).isVisible();
                assertAccessible(themed, options);
                screenshot(themed, "moderation-entry-errors-" + lang + "-" + theme);
                for (String[] shot : new String[][] {
                    {"/admin/moderation", "queue"},
                    {"/admin/moderation/rules?text=" + "يا+حمار+و+idiot", "rules"},
                    {"/admin/moderation/rules/" + rule, "rule"}
                }) {
                    themed.navigate(prefix + shot[0]);
                    screenshot(themed, "moderation-" + shot[1] + "-" + lang + "-" + theme);
                }
            }
        }
    }
}
