package app.dukkan.storefront.people;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import app.dukkan.platform.images.TestImages;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.BrowserTest;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.Shop;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Following from a profile with JavaScript, and the people pages for axe in every language and theme. */
class PeopleBrowserTests extends BrowserTest {

    private static final String PASSWORD = "correct horse 42";

    private record Member(String email, String handle, ApiClient api) {}

    private Member member(String displayName, String bio) {
        String email = CatalogFixtures.unique("browser-") + "@example.com";
        ApiClient api = new ApiClient(port).register(email, PASSWORD).login(email, PASSWORD);
        String handle = CatalogFixtures.unique("b_");
        api.patch("/api/v1/me/profile", Map.of("handle", handle, "display_name", displayName, "bio", bio))
                .expectStatus(200);
        return new Member(email, handle, api);
    }

    private Page signedIn(Options options, Member member) {
        Page page = open(options);
        page.navigate("/login");
        page.getByLabel("Email address").fill(member.email());
        page.getByLabel("Password").fill(PASSWORD);
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Sign in").setExact(true))
                .click();
        // the machine may be busy: signing in hashes a password
        assertThat(page)
                .hasURL(
                        java.util.regex.Pattern.compile(".*/account$"),
                        new com.microsoft.playwright.assertions.PageAssertions.HasURLOptions().setTimeout(30_000));
        return page;
    }

    private static com.microsoft.playwright.Locator button(Page page, String name) {
        return page.locator("#follow-box")
                .getByRole(
                        AriaRole.BUTTON,
                        new com.microsoft.playwright.Locator.GetByRoleOptions()
                                .setName(name)
                                .setExact(true));
    }

    @Test
    void followingFlipsTheButtonAndCountsTheFollower() {
        Member layla = member("Layla Haddad", "Pottery, tea and long walks by the sea.");
        layla.api()
                .postFile("/api/v1/me/profile/avatar", Map.of(), "me.jpg", "image/jpeg", TestImages.jpeg(480, 480))
                .expectStatus(200);
        Member omar = member("Omar", "");
        Page page = signedIn(Options.defaults(), omar);
        page.navigate("/u/" + layla.handle());
        assertThat(page.locator("h1")).hasText("Layla Haddad");
        assertThat(page.locator(".profile-counts li").first()).containsText("0 followers");

        page.locator("form.follow-form button").click();
        assertThat(page.locator(".profile-counts li").first()).containsText("1 follower");
        assertThat(button(page, "Unfollow")).isVisible();
        page.reload();
        assertThat(button(page, "Unfollow")).isVisible();
        screenshot(page, "people-profile-1280");
        page.setViewportSize(400, 860);
        screenshot(page, "people-profile-400");

        page.locator("form.follow-form button").click();
        assertThat(page.locator(".profile-counts li").first()).containsText("0 followers");
        assertThat(button(page, "Follow")).isVisible();
        page.locator("form.follow-form button").click();
        assertThat(page.locator(".profile-counts li").first()).containsText("1 follower");

        // layla sees the notification with its count in the header
        Page laylas = signedIn(Options.defaults(), layla);
        laylas.navigate("/notifications");
        assertThat(laylas.locator("#unread-count")).hasText("1");
        assertThat(laylas.locator(".notification").first()).containsText("followed you");
        screenshot(laylas, "people-notifications-1280");
        laylas.setViewportSize(400, 860);
        screenshot(laylas, "people-notifications-400");
    }

    @Test
    void thePeoplePagesAreAccessibleInEveryLanguageAndTheme() {
        Member layla = member("Layla Haddad", "Pottery, tea and long walks by the sea.");
        Member omar = member("Omar", "Bread.");
        omar.api().put("/api/v1/profiles/" + layla.handle() + "/follow", null).expectStatus(200);
        // the profile's posts: one plain, one with a tagged product and a mention
        layla.api()
                .post("/api/v1/posts", Map.of("text", "Fired a new batch of cups today."))
                .expectStatus(201);
        layla.api()
                .post(
                        "/api/v1/posts",
                        Map.of(
                                "text",
                                "This mug is back in stock, thanks @" + omar.handle(),
                                "product_ids",
                                List.of(new Shop(port).product("24.00", 3).productId())))
                .expectStatus(201);
        for (String prefix : new String[] {"", "/ar"}) {
            for (Options options :
                    new Options[] {Options.defaults(), Options.defaults().dark()}) {
                String name = (prefix.isEmpty() ? "en" : "ar") + "-"
                        + options.colorScheme().name().toLowerCase();
                Page page = signedIn(options, layla);
                for (String path : new String[] {
                    "/u/" + layla.handle(),
                    "/u/" + layla.handle() + "/followers",
                    "/u/" + omar.handle() + "/block",
                    "/account/profile",
                    "/notifications"
                }) {
                    page.navigate(prefix + path);
                    assertThat(page.locator("h1")).isVisible();
                    assertAccessible(page, options);
                }
                page.navigate(prefix + "/u/" + layla.handle());
                screenshot(page, "people-own-profile-" + name);
                page.navigate(prefix + "/account/profile");
                screenshot(page, "people-settings-" + name);
            }
        }
    }
}
