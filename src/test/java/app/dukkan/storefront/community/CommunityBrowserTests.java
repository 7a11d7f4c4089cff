package app.dukkan.storefront.community;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.platform.images.TestImages;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.BrowserTest;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.Shop;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ColorScheme;
import com.microsoft.playwright.options.FilePayload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The community in Chromium: post → feed → like → comment, hostile text staying inert, accessibility. */
class CommunityBrowserTests extends BrowserTest {

    private static final String PASSWORD = PostPagesTests.PASSWORD;

    /** Classic filter-evasion payloads (OWASP XSS Filter Evasion Cheat Sheet); each would set window.__xss. */
    static final List<String> XSS = List.of(
            "<script>window.__xss=1</script>",
            "<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>",
            "<img src=x onerror=\"window.__xss=2\">",
            "<IMG SRC=\"javascript:window.__xss=3\">",
            "<IMG SRC=JaVaScRiPt:window.__xss=4>",
            "<svg onload=window.__xss=5>",
            "\"><script>window.__xss=6</script>",
            "'><img src=x onerror=window.__xss=7>",
            "<a href=\"jaVasCript:window.__xss=8\">click</a>",
            "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;window.__xss=9\">x</a>",
            "&lt;script&gt;window.__xss=10&lt;/script&gt;",
            "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>",
            "<BODY ONLOAD=window.__xss=11>",
            "<iframe src=\"javascript:window.__xss=12\"></iframe>",
            "<div style=\"background-image: url(javascript:window.__xss=13)\">",
            "<input autofocus onfocus=window.__xss=14>",
            "<details open ontoggle=window.__xss=15>",
            "javascript:window.__xss=16",
            "https://example.com/\"onmouseover=\"window.__xss=17",
            "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=18>",
            "<scr<script>ipt>window.__xss=19</scr</script>ipt>",
            "@<script>alert(20)</script>");

    private ApiClient member(String email) {
        return new ApiClient(port).register(email, PASSWORD).login(email, PASSWORD);
    }

    private void signIn(Page page, String email) {
        page.navigate("/login");
        page.getByLabel("Email address").fill(email);
        page.getByLabel("Password").fill(PASSWORD);
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Sign in").setExact(true))
                .click();
        assertThat(page).hasURL(Pattern.compile(".*/account.*"));
    }

    @Test
    void postAppearsInTheFeedThenLikeAndComment() {
        String email = CatalogFixtures.unique("poster-") + "@example.com";
        member(email);
        Page page = open();
        signIn(page, email);

        page.navigate("/posts/new");
        page.getByLabel("What would you like to share?").fill("My first post, with a picture");
        page.getByLabel("Pictures")
                .setInputFiles(new FilePayload("photo.jpg", "image/jpeg", TestImages.jpeg(900, 600)));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Publish"))
                .click();
        assertThat(page.locator(".notice")).containsText("published");
        assertThat(page.locator(".post-card__images img")).hasCount(1);

        page.navigate("/feed");
        assertThat(page.locator(".post-card__text").first()).hasText("My first post, with a picture");
        page.locator(".like-button").first().click();
        assertThat(page.locator(".like-count").first()).hasText("1 like");
        assertThat(page.locator(".like-button").first()).hasAttribute("aria-pressed", "true");

        page.locator(".post-card__time").first().click();
        page.getByLabel("Your comment").fill("First comment, mine");
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Comment").setExact(true))
                .click();
        assertThat(page.locator(".comment__text")).hasText("First comment, mine");
        assertThat(page.locator(".like-count")).hasText("1 like");
        assertAccessible(page);
    }

    @Test
    void hostileTextShowsInertAndNothingExecutes() {
        String email = CatalogFixtures.unique("mallory-") + "@example.com";
        ApiClient mallory = member(email);
        String first = null;
        for (String payload : XSS) {
            String id = mallory.post("/api/v1/posts", Map.of("text", payload))
                    .expectStatus(201)
                    .json()
                    .get("id")
                    .asString();
            mallory.post("/api/v1/posts/" + id + "/comments", Map.of("text", payload))
                    .expectStatus(201);
            if (first == null) {
                first = id;
            }
        }
        Page page = open();
        page.addInitScript("window.__xss = 0;");
        AtomicInteger dialogs = new AtomicInteger();
        page.onDialog(dialog -> {
            dialogs.incrementAndGet();
            dialog.dismiss();
        });
        List<String> shown = new ArrayList<>();
        page.navigate("/explore");
        page.locator(".post-card__text").all().forEach(text -> shown.add(text.textContent()));
        assertThat(shown).containsAll(XSS.subList(XSS.size() - 20, XSS.size()));
        page.locator(".post-card__text a")
                .all()
                .forEach(link -> assertThat(link.getAttribute("href")).matches("^(https?://|/u/).*"));
        page.mouse().move(200, 300);
        assertThat(page.evaluate("window.__xss")).isEqualTo(0);

        page.navigate("/posts/" + first);
        assertThat(page.locator(".comment__text")).hasText(XSS.get(0));
        assertThat(page.locator("script:not([src])")).hasCount(0);
        assertThat(page.evaluate("window.__xss")).isEqualTo(0);
        assertThat(dialogs.get()).isZero();
    }

    @Test
    void pagesAreAccessibleInBothLanguagesAndThemes() {
        String email = CatalogFixtures.unique("reader-") + "@example.com";
        ApiClient member = member(email);
        Shop shop = new Shop(port);
        Shop.Variant product = shop.product("24.00", 3);
        String id = member.post(
                        "/api/v1/posts",
                        Map.of(
                                "text",
                                "A tagged mug, see https://example.com and thank @nobody_special",
                                "product_ids",
                                List.of(product.productId())))
                .expectStatus(201)
                .json()
                .get("id")
                .asString();
        String comment = member.post("/api/v1/posts/" + id + "/comments", Map.of("text", "Nice one"))
                .expectStatus(201)
                .json()
                .get("id")
                .asString();
        for (Options options : List.of(
                Options.defaults(),
                Options.defaults().dark(),
                new Options(true, ColorScheme.LIGHT, "ar"),
                new Options(true, ColorScheme.DARK, "ar"))) {
            Page page = open(options);
            signIn(page, email);
            String prefix = options.locale().equals("ar") ? "/ar" : "";
            String theme = options.colorScheme() == ColorScheme.DARK ? "dark" : "light";
            page.navigate(prefix + "/theme/" + theme + "?next=/explore");
            for (String path : List.of(
                    "/explore",
                    "/feed",
                    "/posts/" + id,
                    "/posts/new?q=Thing",
                    "/posts/" + id + "/edit",
                    "/posts/" + id + "/delete",
                    "/comments/" + comment + "/edit",
                    "/comments/" + comment + "/delete")) {
                page.navigate(prefix + path);
                assertAccessible(page, options);
            }
            String name = (prefix.isEmpty() ? "en" : "ar") + "-" + theme;
            page.navigate(prefix + "/posts/" + id);
            screenshot(page, "community-post-" + name + "-1280");
            page.setViewportSize(400, 900);
            screenshot(page, "community-post-" + name + "-400");
            page.navigate(prefix + "/posts/new?q=Thing");
            screenshot(page, "community-compose-" + name + "-400");
            page.setViewportSize(1280, 900);
            page.navigate(prefix + "/explore");
            screenshot(page, "community-explore-" + name + "-1280");
        }
    }
}
