package app.dukkan.community.seed;

import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.community.Feed;
import app.dukkan.community.Profiles;
import app.dukkan.community.Reviews;
import app.dukkan.community.profile.ProfileDirectory;
import app.dukkan.identity.UserId;
import app.dukkan.testing.DukkanTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** The demo shop seeds its community once: explore has posts, members follow, products have reviews. */
@DukkanTest
@TestPropertySource(properties = "dukkan.seed.demo-products=24")
class DemoCommunityTests {

    @Autowired
    DemoCommunity seeding;

    @Autowired
    Feed feed;

    @Autowired
    Profiles profiles;

    @Autowired
    Reviews reviews;

    @Autowired
    ProfileDirectory directory;

    @Test
    void seedsALivingCommunityOnce() {
        List<app.dukkan.community.Posts.Post> explore =
                feed.explore(null, null, 50).posts();
        assertThat(explore).hasSizeGreaterThanOrEqualTo(25);
        assertThat(explore).anySatisfy(post -> assertThat(post.products()).isNotEmpty());
        assertThat(explore).anySatisfy(post -> assertThat(post.commentCount()).isPositive());
        assertThat(explore).anySatisfy(post -> assertThat(post.likeCount()).isPositive());

        Profiles.Profile lina = profiles.profile("lina_haddad", null);
        assertThat(lina.displayName()).isEqualTo("Lina Haddad");
        assertThat(lina.followers()).isEqualTo(DemoCommunity.MEMBERS.size() - 1);
        assertThat(profiles.profile("nour_alsayed", null).bio()).isNotBlank();

        UserId linaId = directory.byHandle("lina_haddad").orElseThrow().id();
        List<Reviews.Review> linas = reviews.byAuthor(linaId, null, 10).items();
        assertThat(linas).isNotEmpty();
        assertThat(linas)
                .allSatisfy(review -> assertThat(review.verifiedBuyer()).isTrue());
        int reviewed = reviews.summary(linas.get(0).productId()).count();
        assertThat(reviewed).isPositive();

        assertThat(seeding.seed()).isFalse();
        assertThat(feed.explore(null, null, 50).posts()).hasSameSizeAs(explore);
        assertThat(profiles.profile("lina_haddad", null).followers()).isEqualTo(lina.followers());
        assertThat(reviews.summary(linas.get(0).productId()).count()).isEqualTo(reviewed);
    }
}
