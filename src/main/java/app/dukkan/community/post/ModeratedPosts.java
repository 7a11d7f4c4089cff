package app.dukkan.community.post;

import app.dukkan.identity.UserId;
import app.dukkan.moderation.ContentKind;
import app.dukkan.moderation.ContentRef;
import app.dukkan.moderation.ModeratedContent;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Posts as moderation acts on them. A post its author deleted is not found. */
@Component
class ModeratedPosts implements ModeratedContent {

    private final PostRepository posts;

    ModeratedPosts(PostRepository posts) {
        this.posts = posts;
    }

    @Override
    public ContentKind kind() {
        return ContentKind.POST;
    }

    @Override
    public Optional<Summary> find(String key) {
        return Keys.uuid(key)
                .flatMap(posts::find)
                .filter(post -> !"deleted".equals(post.status()))
                .map(post -> new Summary(
                        new ContentRef(ContentKind.POST, post.id()),
                        new UserId(post.authorId()),
                        Keys.excerpt(post.text()),
                        "/posts/" + post.id(),
                        Keys.state(post.status())));
    }

    @Override
    @Transactional
    public void hide(UUID id) {
        posts.changeStatus(id, List.of("visible"), "hidden");
    }

    @Override
    @Transactional
    public void restore(UUID id) {
        posts.changeStatus(id, List.of("hidden", "removed"), "visible");
    }

    @Override
    @Transactional
    public void remove(UUID id) {
        posts.changeStatus(id, List.of("visible", "hidden"), "removed");
    }
}
