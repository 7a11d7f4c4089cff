package app.dukkan.storefront.people;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.platform.images.TestImages;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.PageClient;
import app.dukkan.testing.PageClient.Page;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The pages of people without JavaScript: profiles, following, blocking, settings, notifications. */
@DukkanTest
class PeoplePagesTests {

    private static final String PASSWORD = "correct horse 42";

    @LocalServerPort
    int port;

    CatalogFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new CatalogFixtures(port);
    }

    private record Member(String handle, ApiClient api, PageClient pages) {}

    private Member member(String displayName) {
        String email = CatalogFixtures.unique("member-") + "@example.com";
        ApiClient api = new ApiClient(port).register(email, PASSWORD).login(email, PASSWORD);
        String handle = CatalogFixtures.unique("p_");
        api.patch("/api/v1/me/profile", Map.of("handle", handle, "display_name", displayName))
                .expectStatus(200);
        return new Member(handle, api, PageClient.signedIn(port, email, PASSWORD));
    }

    @Test
    void aGuestSeesAProfileWithItsCountsAndASpotForPosts() {
        Member layla = member("Layla <script>alert(1)</script>");
        PageClient guest = new PageClient(port);
        Page page = guest.get("/u/" + layla.handle()).expectStatus(200);
        assertThat(page.one("h1").text()).isEqualTo("Layla <script>alert(1)</script>");
        assertThat(page.body()).doesNotContain("<script>alert(1)");
        assertThat(page.one(".profile-counts").text()).contains("0 followers", "0 following");
        assertThat(page.one("section#posts h2").text()).isEqualTo("Posts");
        assertThat(page.html().select("a.block-link")).isEmpty();

        Page arabic = guest.get("/ar/u/" + layla.handle()).expectStatus(200);
        assertThat(arabic.html().select("html").attr("dir")).isEqualTo("rtl");
        assertThat(arabic.one("form.follow-form").attr("action")).isEqualTo("/ar/u/" + layla.handle() + "/follow");

        // following without signing in leads to the sign-in page, and back
        Page toLogin = guest.submit(page, "form.follow-form", Map.of()).expectStatus(302);
        assertThat(toLogin.location()).contains("/login?next=");
        guest.get("/u/nobody_" + CatalogFixtures.unique("")).expectStatus(404);
        assertThat(guest.get("/profile").expectStatus(302).location()).contains("/login");
        assertThat(guest.get("/account/profile").status()).isIn(302, 303);
    }

    @Test
    void likesOfOnePostShowAsOneNotificationInEveryLanguage() {
        Member layla = member("Layla");
        Member omar = member("Omar");
        Member sami = member("Sami");
        String post = layla.api()
                .post("/api/v1/posts", Map.of("text", "New cups"))
                .expectStatus(201)
                .json()
                .get("id")
                .asString();
        sami.api().put("/api/v1/posts/" + post + "/like", null).expectStatus(200);
        omar.api().put("/api/v1/posts/" + post + "/like", null).expectStatus(200);

        Page page = layla.pages().get("/notifications").expectStatus(200);
        assertThat(page.html().select(".notification")).hasSize(1);
        assertThat(page.one(".notification").text()).contains("Omar and one other liked your post.");
        assertThat(page.one("#unread-count").text()).isEqualTo("2");
        assertThat(layla.pages().get("/de/notifications").one(".notification").text())
                .contains("Omar und eine weitere Person mögen deinen Beitrag.");
        assertThat(layla.pages().get("/ar/notifications").one(".notification").text())
                .contains("وشخص آخر أُعجبوا بمنشورك.");
    }

    @Test
    void aMemberFollowsUnfollowsAndBlocksFromTheProfile() {
        Member layla = member("Layla");
        Member omar = member("Omar");
        Page profile = omar.pages().get("/u/" + layla.handle()).expectStatus(200);

        Page followed = omar.pages()
                .follow(omar.pages()
                        .submit(profile, "form.follow-form", Map.of())
                        .expectStatus(302));
        assertThat(followed.one(".profile-counts").text()).contains("1 follower");
        assertThat(followed.one("form.follow-form").attr("action")).endsWith("/unfollow");

        // htmx: the follow box alone
        Page box = omar.pages()
                .submit(followed, "form.follow-form", Map.of(), Map.of("HX-Request", "true"))
                .expectStatus(200);
        assertThat(box.body()).doesNotContain("<html");
        assertThat(box.one("#follow-box .profile-counts").text()).contains("0 followers");

        assertThat(box.one("form.follow-form").attr("action")).endsWith("/follow");
        omar.pages().submit(box, "form.follow-form", Map.of()).expectStatus(302);
        Page followers = omar.pages().get("/u/" + layla.handle() + "/followers").expectStatus(200);
        assertThat(followers.html().select(".people-list .person").eachText())
                .singleElement()
                .asString()
                .contains("@" + omar.handle());
        Page following =
                new PageClient(port).get("/u/" + omar.handle() + "/following").expectStatus(200);
        assertThat(following.html().select(".people-list .person").eachText())
                .singleElement()
                .asString()
                .contains("@" + layla.handle());
        new PageClient(port)
                .get("/u/" + omar.handle() + "/following?cursor=forged")
                .expectStatus(400);

        // layla is told, and reads it
        Page notifications = layla.pages().get("/notifications").expectStatus(200);
        assertThat(notifications.one("#unread-count").text()).isEqualTo("1");
        assertThat(notifications.one(".notification").text()).contains("Omar", "followed you");
        Page read = layla.pages().follow(layla.pages().submit(notifications, "form.notifications-read", Map.of()));
        assertThat(read.html().select("#unread-count")).isEmpty();
        assertThat(read.html().select(".notification--unread")).isEmpty();

        // layla blocks omar, after a confirmation
        Page confirm = layla.pages().get("/u/" + omar.handle() + "/block").expectStatus(200);
        assertThat(confirm.one("h1").text()).contains("@" + omar.handle());
        Page blocked = layla.pages()
                .follow(layla.pages().submit(confirm, "main form", Map.of()).expectStatus(302));
        assertThat(blocked.one(".profile-actions").text()).contains("You blocked @" + omar.handle());
        Page omarSees = omar.pages().get("/u/" + layla.handle()).expectStatus(200);
        assertThat(omarSees.html().select("form.follow-form")).isEmpty();
        assertThat(omarSees.one(".profile-counts").text()).contains("0 followers");
        omar.pages()
                .post("/u/" + layla.handle() + "/follow", Map.of("_csrf", csrf(omarSees)))
                .expectStatus(403);

        Page unblocked = layla.pages().follow(layla.pages().submit(blocked, "form[action$=/unblock]", Map.of()));
        assertThat(unblocked.html().select("form.follow-form")).hasSize(1);
    }

    private static String csrf(Page page) {
        return page.one("input[name=_csrf]").attr("value");
    }

    @Test
    void theSettingsPageChangesTheProfileAndExplainsRefusals() {
        Member layla = member("Layla");
        Member omar = member("Omar");
        Page settings = layla.pages().get("/account/profile").expectStatus(200);
        assertThat(settings.one("#profile-handle").attr("value")).isEqualTo(layla.handle());

        Page taken = layla.pages()
                .submit(
                        settings,
                        "form[action$=/details]",
                        Map.of("handle", omar.handle().toUpperCase()))
                .expectStatus(422);
        assertThat(taken.one("#profile-handle-error").text()).contains("already has this handle");
        assertThat(taken.one("#profile-handle").attr("aria-invalid")).isEqualTo("true");
        Page reserved = layla.pages()
                .submit(settings, "form[action$=/details]", Map.of("handle", "admin"))
                .expectStatus(422);
        assertThat(reserved.one("#profile-handle-error").text()).contains("reserved");
        Page longBio = layla.pages()
                .submit(settings, "form[action$=/details]", Map.of("bio", "b".repeat(501)))
                .expectStatus(422);
        assertThat(longBio.one("#profile-bio-error").text()).contains("500");
        assertThat(longBio.one("#profile-bio").text()).hasSize(501);

        String handle = CatalogFixtures.unique("new_");
        Page saved = layla.pages()
                .follow(layla.pages()
                        .submit(
                                settings,
                                "form[action$=/details]",
                                Map.of("handle", handle, "display_name", "Layla K", "bio", "Tea and clay"))
                        .expectStatus(302));
        assertThat(saved.one(".notice.success").text()).isNotBlank();
        Page profile = new PageClient(port).get("/u/" + handle).expectStatus(200);
        assertThat(profile.one("h1").text()).isEqualTo("Layla K");
        assertThat(profile.one(".profile-bio").text()).isEqualTo("Tea and clay");
        assertThat(layla.pages().get("/profile").location()).endsWith("/u/" + handle);

        String action = saved.one("form[enctype=multipart/form-data]").attr("action");
        Page notAPicture = layla.pages()
                .postFile(action, Map.of(), "me.jpg", "image/jpeg", "not a picture".getBytes())
                .expectStatus(422);
        assertThat(notAPicture.one("#avatar-file-error").text()).contains("not a picture");
        // beyond the route's body limit: refused before reading, then back to the form, which says why
        Page huge = layla.pages()
                .postFile(action, Map.of(), "me.jpg", "image/jpeg", new byte[22 * 1024 * 1024])
                .expectStatus(303);
        assertThat(huge.location()).isEqualTo("/account/profile/avatar");
        Page back = layla.pages().follow(huge).expectStatus(200);
        assertThat(back.one("#avatar-file-error").text())
                .isEqualTo("This picture is larger than a picture may be (20 MB).");
        assertThat(back.one("#avatar-file-hint").text()).startsWith("JPEG, PNG or WebP, at most 20 MB.");
        assertThat(layla.pages().get("/account/profile/avatar").html().select("#avatar-file-error"))
                .as("said once")
                .isEmpty();
        Page withAvatar = layla.pages()
                .follow(layla.pages()
                        .postFile(action, Map.of(), "me.jpg", "image/jpeg", TestImages.jpeg(400, 400))
                        .expectStatus(302));
        assertThat(withAvatar.one(".avatar-row img").attr("src")).contains("/community/avatars/");
        Page removed = layla.pages().follow(layla.pages().submit(withAvatar, "form[action$=/avatar/remove]", Map.of()));
        assertThat(removed.html().select(".avatar-row img")).isEmpty();
    }

    @Test
    void theHeaderLinksToTheCommunity() {
        Member layla = member("Layla");
        Page home = layla.pages().get("/").expectStatus(200);
        List<String> links = home.html().select(".people-links a").eachAttr("href");
        assertThat(links).containsExactly("/feed", "/explore", "/notifications", "/profile");
        Page guestHome = new PageClient(port).get("/de/").expectStatus(200);
        assertThat(guestHome.html().select(".people-links a").eachAttr("href")).containsExactly("/de/explore");
    }
}
