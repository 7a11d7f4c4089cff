package app.dukkan.community.people;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.community.profile.Cursors;
import app.dukkan.platform.images.TestImages;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Profiles, follows and blocks over the JSON API, with the bad input each refuses. */
@DukkanTest
class PeopleApiTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    CatalogFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new CatalogFixtures(port);
    }

    /** A signed-in member with a fresh handle. */
    private Member member() {
        ApiClient api = fixtures.customer();
        String handle = CatalogFixtures.unique("m_");
        JsonNode profile = api.patch("/api/v1/me/profile", Map.of("handle", handle, "display_name", "Member " + handle))
                .expectStatus(200)
                .json();
        return new Member(
                api, profile.get("handle").asString(), profile.get("id").asString());
    }

    private record Member(ApiClient api, String handle, String id) {}

    @Test
    void aProfileIsMadeOnFirstUseAndShowsWhatItsOwnerWrote() {
        ApiClient api = fixtures.customer();
        JsonNode mine = api.get("/api/v1/me/profile").expectStatus(200).json();
        assertThat(mine.get("handle").asString()).matches("[a-z0-9_]{3,30}");
        assertThat(mine.get("own").asBoolean()).isTrue();

        String handle = CatalogFixtures.unique("Layla_");
        JsonNode changed = api.patch(
                        "/api/v1/me/profile",
                        Map.of("handle", handle, "display_name", "Layla <b>K</b>", "bio", "Pottery & tea"))
                .expectStatus(200)
                .json();
        assertThat(changed.get("handle").asString()).isEqualTo(handle.toLowerCase());
        assertThat(changed.get("display_name").asString()).isEqualTo("Layla <b>K</b>");

        JsonNode seen = fixtures.anonymous()
                .get("/api/v1/profiles/" + handle.toUpperCase())
                .expectStatus(200)
                .json();
        assertThat(seen.get("bio").asString()).isEqualTo("Pottery & tea");
        assertThat(seen.get("followers").asInt()).isZero();
        assertThat(seen.get("own").asBoolean()).isFalse();
        assertThat(seen.get("seller").asBoolean()).isFalse();
    }

    @Test
    void badProfileChangesAreRefusedAndChangeNothing() {
        Member layla = member();
        Member omar = member();
        ApiClient api = layla.api();

        assertThat(api.patch("/api/v1/me/profile", Map.of("handle", "ab"))
                        .expectStatus(400)
                        .body())
                .contains("handle");
        api.patch("/api/v1/me/profile", Map.of("handle", "has space")).expectStatus(400);
        api.patch("/api/v1/me/profile", Map.of("handle", "x".repeat(31))).expectStatus(400);
        assertThat(api.patch("/api/v1/me/profile", Map.of("handle", "Admin"))
                        .expectStatus(400)
                        .json()
                        .get("type")
                        .asString())
                .endsWith("handle-reserved");
        api.patch("/api/v1/me/profile", Map.of("handle", "explore")).expectStatus(400);
        // taken, in any case
        api.patch("/api/v1/me/profile", Map.of("handle", omar.handle().toUpperCase()))
                .expectStatus(409);
        api.patch("/api/v1/me/profile", Map.of("display_name", "")).expectStatus(400);
        api.patch("/api/v1/me/profile", Map.of("display_name", "n".repeat(101))).expectStatus(400);
        api.patch("/api/v1/me/profile", Map.of("bio", "b".repeat(501))).expectStatus(400);
        api.sendRaw("PATCH", "/api/v1/me/profile", "{not json", "application/json")
                .expectStatus(400);

        JsonNode unchanged = api.get("/api/v1/me/profile").expectStatus(200).json();
        assertThat(unchanged.get("handle").asString()).isEqualTo(layla.handle());
        assertThat(unchanged.get("display_name").asString()).isEqualTo("Member " + layla.handle());
        assertThat(unchanged.get("bio").asString()).isEmpty();

        // a repeat of one's own handle is no conflict
        api.patch("/api/v1/me/profile", Map.of("handle", layla.handle(), "bio", "b".repeat(500)))
                .expectStatus(200);

        fixtures.anonymous().get("/api/v1/me/profile").expectStatus(401);
        fixtures.anonymous().patch("/api/v1/me/profile", Map.of("bio", "x")).expectStatus(401);
        fixtures.anonymous()
                .get("/api/v1/profiles/nobody_" + CatalogFixtures.unique(""))
                .expectStatus(404);
    }

    @Test
    void anAvatarIsProcessedReplacedAndRemovedWithItsFiles() {
        Member layla = member();
        ApiClient api = layla.api();
        JsonNode first = api.postFile(
                        "/api/v1/me/profile/avatar", Map.of(), "me.jpg", "image/jpeg", TestImages.jpeg(800, 600))
                .expectStatus(200)
                .json();
        String firstUrl = first.get("avatar_url").asString();
        assertThat(firstUrl).contains("/community/avatars/");
        assertThat(first.get("avatar")).isNotEmpty();
        fixtures.anonymous().get(firstUrl).expectStatus(200);

        JsonNode second = api.postFile(
                        "/api/v1/me/profile/avatar",
                        Map.of(),
                        "me.png",
                        "image/png",
                        TestImages.png(TestImages.photo(500, 500, 7)))
                .expectStatus(200)
                .json();
        assertThat(second.get("avatar_url").asString()).isNotEqualTo(firstUrl);
        fixtures.anonymous().get(firstUrl).expectStatus(404);

        // not a picture: refused, the avatar stays
        api.postFile(
                        "/api/v1/me/profile/avatar",
                        Map.of(),
                        "me.jpg",
                        "image/jpeg",
                        "just text, not a picture".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .expectStatus(422);
        api.postFile("/api/v1/me/profile/avatar", Map.of(), "me.jpg", "image/jpeg", new byte[0])
                .expectStatus(400);
        assertThat(api.get("/api/v1/me/profile").json().get("avatar_url").asString())
                .isEqualTo(second.get("avatar_url").asString());

        JsonNode removed =
                api.delete("/api/v1/me/profile/avatar").expectStatus(200).json();
        assertThat(removed.has("avatar_url")).isFalse();
        fixtures.anonymous().get(second.get("avatar_url").asString()).expectStatus(404);
    }

    @Test
    void followsAreIdempotentAndCounted() {
        Member layla = member();
        Member omar = member();
        String path = "/api/v1/profiles/" + omar.handle() + "/follow";

        JsonNode followed = layla.api().put(path, null).expectStatus(200).json();
        assertThat(followed.get("followed").asBoolean()).isTrue();
        assertThat(followed.get("followers").asInt()).isEqualTo(1);
        JsonNode again = layla.api().put(path, null).expectStatus(200).json();
        assertThat(again.get("followers").asInt()).isEqualTo(1);
        assertThat(layla.api().get("/api/v1/me/profile").json().get("following").asInt())
                .isEqualTo(1);
        assertThat(events(layla.id(), omar.id())).isEqualTo(1);

        JsonNode unfollowed = layla.api().delete(path).expectStatus(200).json();
        assertThat(unfollowed.get("followed").asBoolean()).isFalse();
        assertThat(unfollowed.get("followers").asInt()).isZero();
        // unfollowing someone not followed changes nothing
        assertThat(layla.api()
                        .delete(path)
                        .expectStatus(200)
                        .json()
                        .get("followers")
                        .asInt())
                .isZero();
        assertThat(layla.api().get("/api/v1/me/profile").json().get("following").asInt())
                .isZero();

        // oneself, unknown members, guests
        assertThat(layla.api()
                        .put("/api/v1/profiles/" + layla.handle() + "/follow", null)
                        .expectStatus(422)
                        .json()
                        .get("type")
                        .asString())
                .endsWith("self");
        layla.api()
                .put("/api/v1/profiles/nobody_" + CatalogFixtures.unique("") + "/follow", null)
                .expectStatus(404);
        fixtures.anonymous().put(path, null).expectStatus(401);
    }

    /** How many follow notifications the follow wrote: the event was published once. */
    private int events(String follower, String followed) {
        return jdbc.sql("""
                        select count(*) from community_notifications
                        where recipient_id = ?::uuid and actor_id = ?::uuid and kind = 'followed'
                        """).params(followed, follower).query(Integer.class).single();
    }

    @Test
    void aBlockEndsFollowsBothWaysAndKeepsTheBlockedFromFollowing() {
        Member layla = member();
        Member omar = member();
        layla.api().put("/api/v1/profiles/" + omar.handle() + "/follow", null).expectStatus(200);
        omar.api().put("/api/v1/profiles/" + layla.handle() + "/follow", null).expectStatus(200);

        JsonNode blocked = layla.api()
                .put("/api/v1/profiles/" + omar.handle() + "/block", null)
                .expectStatus(200)
                .json();
        assertThat(blocked.get("blocked").asBoolean()).isTrue();
        assertThat(blocked.get("followers").asInt()).isZero();
        assertThat(blocked.get("following").asInt()).isZero();
        layla.api().put("/api/v1/profiles/" + omar.handle() + "/block", null).expectStatus(200);
        JsonNode mine = layla.api().get("/api/v1/me/profile").json();
        assertThat(mine.get("followers").asInt()).isZero();
        assertThat(mine.get("following").asInt()).isZero();

        JsonNode refused = omar.api()
                .put("/api/v1/profiles/" + layla.handle() + "/follow", null)
                .expectStatus(403)
                .json();
        assertThat(refused.get("detail").asString()).contains("blocked");
        assertThat(omar.api()
                        .get("/api/v1/profiles/" + layla.handle())
                        .json()
                        .get("blocks_viewer")
                        .asBoolean())
                .isTrue();
        layla.api().put("/api/v1/profiles/" + omar.handle() + "/follow", null).expectStatus(403);
        layla.api().put("/api/v1/profiles/" + layla.handle() + "/block", null).expectStatus(422);

        layla.api().delete("/api/v1/profiles/" + omar.handle() + "/block").expectStatus(200);
        omar.api().put("/api/v1/profiles/" + layla.handle() + "/follow", null).expectStatus(200);
    }

    @Test
    void followerListsPageNewestFirstWithCursorsThatCannotBeForged() {
        Member star = member();
        List<String> fans = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Member fan = member();
            fan.api().put("/api/v1/profiles/" + star.handle() + "/follow", null).expectStatus(200);
            fans.add(fan.handle());
        }
        ApiClient guest = fixtures.anonymous();
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = guest.get("/api/v1/profiles/" + star.handle() + "/followers?limit=2"
                            + (cursor == null ? "" : "&cursor=" + cursor))
                    .expectStatus(200)
                    .json();
            page.get("items").forEach(item -> seen.add(item.get("handle").asString()));
            cursor = page.has("next") ? page.get("next").asString() : null;
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        java.util.Collections.reverse(fans);
        assertThat(seen).containsExactlyElementsOf(fans);

        JsonNode following = guest.get("/api/v1/profiles/" + fans.get(0) + "/following")
                .expectStatus(200)
                .json();
        assertThat(following.get("items").get(0).get("handle").asString()).isEqualTo(star.handle());

        // a time far past what a timestamp holds, and one before 1970, in otherwise well-formed cursors
        String farFuture = Cursors.encode(Instant.ofEpochSecond(10_000_000_000_000_000L), UUID.randomUUID());
        String beforeEpoch = Cursors.encode(Instant.ofEpochSecond(-100_000_000_000L), UUID.randomUUID());
        for (String bad : List.of("x", "bm90LWEtY3Vyc29y", "%00", "MTox", "a".repeat(300), farFuture, beforeEpoch)) {
            assertThat(guest.get("/api/v1/profiles/" + star.handle() + "/followers?cursor=" + bad)
                            .expectStatus(400)
                            .body())
                    .contains("cursor");
        }
        guest.get("/api/v1/profiles/" + star.handle() + "/followers?limit=0").expectStatus(400);
        guest.get("/api/v1/profiles/" + star.handle() + "/followers?limit=abc").expectStatus(400);
    }

    @Test
    void followsAreLimitedPerMember() {
        Member layla = member();
        Member omar = member();
        String path = "/api/v1/profiles/" + omar.handle() + "/follow";
        Map<Integer, Integer> statuses = new HashMap<>();
        ApiClient.Response last = null;
        for (int i = 0; i < 101; i++) {
            last = i % 2 == 0 ? layla.api().put(path, null) : layla.api().delete(path);
            statuses.merge(last.status(), 1, Integer::sum);
        }
        assertThat(statuses).containsEntry(200, 100).containsEntry(429, 1);
        assertThat(last.header("Retry-After")).isNotNull();
    }
}
