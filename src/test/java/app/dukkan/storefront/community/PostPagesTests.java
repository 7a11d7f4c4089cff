package app.dukkan.storefront.community;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import app.dukkan.testing.PageClient;
import app.dukkan.testing.Shop;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The community's pages without JavaScript: lists, a post, composing, liking, commenting, editing, deleting. */
@DukkanTest
class PostPagesTests {

    static final String PASSWORD = "correct horse 42";

    @LocalServerPort
    int port;

    Shop shop;

    @BeforeEach
    void setUp() {
        shop = new Shop(port);
    }

    /** A member: the API client and a page client signed in as the same account. */
    record Member(ApiClient api, PageClient pages) {}

    Member member() {
        String email = CatalogFixtures.unique("member-") + "@example.com";
        ApiClient api = new ApiClient(port).register(email, PASSWORD).login(email, PASSWORD);
        return new Member(api, PageClient.signedIn(port, email, PASSWORD));
    }

    static String post(ApiClient api, String text) {
        return api.post("/api/v1/posts", Map.of("text", text))
                .expectStatus(201)
                .json()
                .get("id")
                .asString();
    }

    @Test
    void strangersReadExploreAndPostsButAreSentToSignInForTheFeed() {
        Member author = member();
        String id = post(author.api(), "Hello from the workshop https://example.com/a.");
        PageClient stranger = new PageClient(port);

        PageClient.Page explore = stranger.get("/explore").expectStatus(200);
        assertThat(explore.html().select("#post-" + id)).hasSize(1);
        PageClient.Page post = stranger.get("/posts/" + id).expectStatus(200);
        Element link = post.one(".post-card__text a[href^=https]");
        assertThat(link.attr("href")).isEqualTo("https://example.com/a");
        assertThat(link.attr("rel")).isEqualTo("nofollow ugc noopener");
        assertThat(post.html().select(".comment-form")).isEmpty();
        assertThat(post.one("#comments a[href^=/login]").text()).contains("Sign in");
        assertThat(post.one(".post-card__foot a.like-button").attr("href")).startsWith("/login?next=");
        assertThat(stranger.get("/feed").location()).contains("/login");
        assertThat(stranger.get("/posts/new").location()).contains("/login");
        stranger.get("/explore?cursor=broken").expectStatus(400);
        stranger.get("/ar/posts/" + id).expectStatus(200);
    }

    @Test
    void composeFindsProductsToTagAndPublishesWithoutJavaScript() {
        Member author = member();
        Shop.Variant product = shop.product("19.90", 4);
        String name = shop.guest()
                .get("/api/v1/products/" + product.productSlug())
                .json()
                .get("name")
                .asString();

        PageClient.Page compose = author.pages().get("/posts/new").expectStatus(200);
        PageClient.Page found = author.pages()
                .get("/posts/new?text="
                        + java.net.URLEncoder.encode("Look at this", java.nio.charset.StandardCharsets.UTF_8) + "&q="
                        + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8))
                .expectStatus(200);
        assertThat(found.one("#post-text").text()).isEqualTo("Look at this");
        assertThat(found.one("#pick-" + product.productId()).attr("value")).isEqualTo(product.productId());
        String action = compose.one("form.compose-form").attr("action");
        assertThat(action).contains("_csrf=");

        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("text", "");
        PageClient.Page refused =
                author.pages().postFile(action, fields, "", "", null).expectStatus(422);
        // shown again at the form's address, whose token no link of the page copies
        assertThat(refused.html().select("a[href*=_csrf], link[href*=_csrf]")).isEmpty();
        fields.put("text", "A picture that is not one");
        PageClient.Page notAPicture = author.pages()
                .postFile(action, fields, "images", "mug.jpg", "image/jpeg", "no picture".getBytes())
                .expectStatus(422);
        // the limit is the configured one (dukkan.images.max-file-size), as on every upload form
        assertThat(notAPicture.one("#post-images-error").text())
                .isEqualTo("That file could not be used as a picture: JPEG, PNG or WebP, at most 20 MB.");
        fields.put("text", "Look at this <b>mug</b>");
        fields.put("product_ids", product.productId());
        PageClient.Page published = author.pages().postFile(action, fields, "", "", null);
        assertThat(published.status()).isEqualTo(303);
        PageClient.Page post = author.pages().follow(published).expectStatus(200);
        assertThat(post.one(".post-card__text").text()).isEqualTo("Look at this <b>mug</b>");
        assertThat(post.html().select(".post-card__text b")).isEmpty();
        Element buy = post.one(".tagged-product__buy");
        assertThat(buy.attr("action")).isEqualTo("/cart/items");
        assertThat(buy.selectFirst("input[name=variant_id]").attr("value")).isEqualTo(product.id());
        assertThat(post.one(".notice").text()).contains("published");
        // the notice is the author's: a link cannot show it to others, nor make the page say more
        String address = published.location();
        assertThat(new PageClient(port).get(address).expectStatus(200).html().select(".notice"))
                .isEmpty();
        assertThat(author.pages()
                        .get(address.replace("notice=published", "notice=hello"))
                        .expectStatus(200)
                        .html()
                        .select(".notice"))
                .isEmpty();
    }

    @Test
    void likingAndCommentingWorkAsFormsAndHtmxSwapsTheCount() {
        Member author = member();
        Member reader = member();
        String id = post(author.api(), "Like and comment");

        PageClient.Page page = reader.pages().get("/posts/" + id).expectStatus(200);
        PageClient.Page liked = reader.pages().submit(page, ".like-form", Map.of());
        assertThat(liked.status()).isEqualTo(303);
        page = reader.pages().follow(liked).expectStatus(200);
        assertThat(page.one(".like-count").text()).isEqualTo("1 like");
        PageClient.Page swapped = reader.pages().submit(page, ".like-form", Map.of(), Map.of("HX-Request", "true"));
        assertThat(swapped.status()).isEqualTo(200);
        assertThat(swapped.one(".like-count").text()).isEqualTo("no likes");

        PageClient.Page refused = reader.pages().submit(page, "#comments > form.comment-form", Map.of("text", " "));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.one("#comment-error").text()).isNotEmpty();
        PageClient.Page commented =
                reader.pages().submit(page, "#comments > form.comment-form", Map.of("text", "Lovely"));
        assertThat(commented.status()).isEqualTo(303);
        page = author.pages().get("/posts/" + id).expectStatus(200);
        assertThat(page.one(".comment__text").text()).isEqualTo("Lovely");
        PageClient.Page replied = author.pages().submit(page, ".reply form", Map.of("text", "Thank you"));
        assertThat(replied.status()).isEqualTo(303);
        page = reader.pages().get("/posts/" + id).expectStatus(200);
        assertThat(page.one(".comment-list--replies .comment__text").text()).isEqualTo("Thank you");
        assertThat(page.one("#comments-heading").text()).isEqualTo("2 comments");
    }

    @Test
    void onlyTheAuthorEditsAndDeletesThroughAConfirmationPage() {
        Member author = member();
        Member other = member();
        String id = post(author.api(), "Version one");

        other.pages().get("/posts/" + id + "/edit").expectStatus(403);
        other.pages().get("/posts/" + id + "/delete").expectStatus(403);
        PageClient.Page edit = author.pages().get("/posts/" + id + "/edit").expectStatus(200);
        assertThat(author.pages()
                        .submit(edit, "form.compose-form", Map.of("text", "x".repeat(2001)))
                        .status())
                .isEqualTo(422);
        PageClient.Page saved = author.pages().submit(edit, "form.compose-form", Map.of("text", "Version two"));
        assertThat(saved.status()).isEqualTo(303);
        assertThat(author.pages().follow(saved).one(".post-card__text").text()).isEqualTo("Version two");
        assertThat(author.api()
                        .get("/api/v1/posts/" + id + "/history")
                        .json()
                        .get(0)
                        .get("text")
                        .asString())
                .isEqualTo("Version one");

        PageClient.Page confirm = author.pages().get("/posts/" + id + "/delete").expectStatus(200);
        PageClient.Page deleted = author.pages().submit(confirm, "main form", Map.of());
        assertThat(deleted.location()).isEqualTo("/feed?deleted");
        author.pages().get("/posts/" + id).expectStatus(404);
    }

    @Test
    void commentsAreEditedAndDeletedByTheirAuthorWithoutJavaScript() {
        Member author = member();
        Member commenter = member();
        String id = post(author.api(), "Tell me what you think");
        String comment = commenter
                .api()
                .post("/api/v1/posts/" + id + "/comments", Map.of("text", "First thought"))
                .expectStatus(201)
                .json()
                .get("id")
                .asString();

        PageClient.Page page = commenter.pages().get("/posts/" + id).expectStatus(200);
        assertThat(page.html()
                        .select("#comment-" + comment + " .comment__actions a")
                        .eachAttr("href"))
                .containsExactly("/comments/" + comment + "/edit", "/comments/" + comment + "/delete");
        assertThat(author.pages().get("/posts/" + id).html().select(".comment__actions"))
                .as("no links on someone else's comment")
                .isEmpty();
        author.pages().get("/comments/" + comment + "/edit").expectStatus(403);
        author.pages().get("/comments/" + comment + "/delete").expectStatus(403);
        commenter.pages().get("/comments/" + UUID.randomUUID() + "/edit").expectStatus(404);

        PageClient.Page edit =
                commenter.pages().get("/comments/" + comment + "/edit").expectStatus(200);
        assertThat(edit.one("h1").text()).isEqualTo("Edit your comment");
        assertThat(edit.one("textarea").text()).isEqualTo("First thought");
        PageClient.Page tooLong = commenter.pages().submit(edit, "form.compose-form", Map.of("text", "x".repeat(1001)));
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.one("#post-text").attr("aria-invalid")).isEqualTo("true");
        PageClient.Page saved = commenter.pages().submit(edit, "form.compose-form", Map.of("text", "Second thought"));
        assertThat(saved.location()).isEqualTo("/posts/" + id + "#comment-" + comment);
        page = commenter.pages().follow(saved).expectStatus(200);
        assertThat(page.one("#comment-" + comment + " .comment__text").text()).isEqualTo("Second thought");
        assertThat(page.one("#comment-" + comment + " .comment__head").text()).contains("(edited)");

        PageClient.Page confirm =
                commenter.pages().get("/comments/" + comment + "/delete").expectStatus(200);
        assertThat(confirm.one("main blockquote").text()).isEqualTo("Second thought");
        PageClient.Page deleted = commenter.pages().submit(confirm, "main form", Map.of());
        assertThat(deleted.location()).isEqualTo("/posts/" + id + "#comments");
        assertThat(commenter.pages().follow(deleted).html().select("#comment-" + comment))
                .isEmpty();
        commenter.api().get("/api/v1/comments/" + comment).expectStatus(404);
    }

    @Test
    void theFeedPagesWithAnOlderPostsLinkAndHtmxItems() {
        Member author = member();
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 21; i++) {
            ids.add(post(author.api(), "Post number " + i));
        }
        PageClient.Page feed = author.pages().get("/feed").expectStatus(200);
        assertThat(feed.html().select(".posts__item")).hasSize(20);
        String older = feed.one(".posts__more a").attr("href");
        PageClient.Page next = author.pages().get(older).expectStatus(200);
        assertThat(next.html().select("#post-" + ids.get(0))).hasSize(1);
        PageClient.Page items =
                author.pages().get(older, Map.of("HX-Request", "true")).expectStatus(200);
        assertThat(items.html().select("html > body > li, body li.posts__item")).isNotEmpty();
        assertThat(items.body()).doesNotContain("<main");
    }
}
