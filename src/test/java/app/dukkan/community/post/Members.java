package app.dukkan.community.post;

import app.dukkan.community.profile.ProfileDirectory;
import app.dukkan.identity.UserId;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Signed-in members with profiles, and the social graph written straight into its tables. */
final class Members {

    /** A signed-in member: the client, the account's id and the profile's handle. */
    record Member(ApiClient api, UserId id, String handle) {}

    private final CatalogFixtures fixtures;
    private final ProfileDirectory profiles;
    private final JdbcClient jdbc;

    Members(CatalogFixtures fixtures, ProfileDirectory profiles, JdbcClient jdbc) {
        this.fixtures = fixtures;
        this.profiles = profiles;
        this.jdbc = jdbc;
    }

    Member member() {
        ApiClient api = fixtures.customer();
        UserId id = new UserId(
                UUID.fromString(api.get("/api/v1/me").json().get("id").asString()));
        return new Member(api, id, profiles.ensure(id).handle());
    }

    void follow(Member follower, Member followed) {
        jdbc.sql("insert into community_follows (follower_id, followed_id, created_at) values (?, ?, ?)")
                .params(follower.id().value(), followed.id().value(), Timestamp.from(Instant.now()))
                .update();
    }

    void block(Member blocker, Member blocked) {
        jdbc.sql("insert into community_blocks (blocker_id, blocked_id, created_at) values (?, ?, ?)")
                .params(blocker.id().value(), blocked.id().value(), Timestamp.from(Instant.now()))
                .update();
    }

    static String post(Member author, String text) {
        return author.api()
                .post("/api/v1/posts", Map.of("text", text))
                .expectStatus(201)
                .json()
                .get("id")
                .asString();
    }

    /** The ids of a list's posts, following its cursors to the end. */
    static List<String> ids(ApiClient api, String path) {
        return ids(api, path, 50);
    }

    /** The ids of a list's posts, {@code pageSize} at a time, following its cursors to the end. */
    static List<String> ids(ApiClient api, String path, int pageSize) {
        List<String> ids = new java.util.ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get(path + (path.contains("?") ? "&" : "?") + "limit=" + pageSize
                            + (cursor == null ? "" : "&cursor=" + cursor))
                    .expectStatus(200)
                    .json();
            page.get("posts").forEach(post -> ids.add(post.get("id").asString()));
            JsonNode next = page.path("next_cursor");
            cursor = next.isNull() || next.isMissingNode() ? null : next.asString();
        } while (cursor != null);
        return ids;
    }

    /** The ids of the first page of a list. */
    static List<String> firstPage(ApiClient api, String path) {
        List<String> ids = new java.util.ArrayList<>();
        api.get(path)
                .expectStatus(200)
                .json()
                .get("posts")
                .forEach(post -> ids.add(post.get("id").asString()));
        return ids;
    }
}
