package app.dukkan.community.post;

import app.dukkan.identity.UserId;
import app.dukkan.moderation.ContentKind;
import app.dukkan.moderation.ContentRef;
import app.dukkan.moderation.ModeratedContent;
import java.util.Optional;
import java.util.Set;
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
        return ModeratedContent.id(key).flatMap(posts::find).flatMap(ModeratedPosts::summary);
    }

    @Override
    public Optional<Summary> lock(UUID id) {
        return posts.lock(id).flatMap(ModeratedPosts::summary);
    }

    private static Optional<Summary> summary(PostRepository.PostRow post) {
        return Optional.of(post)
                .filter(found -> !"deleted".equals(found.status()))
                .map(found -> new Summary(
                        new ContentRef(ContentKind.POST, found.id()),
                        new UserId(found.authorId()),
                        ModeratedContent.excerpt(found.text()),
                        "/posts/" + found.id(),
                        State.of(found.status())));
    }

    @Override
    @Transactional
    public boolean move(UUID id, Set<State> from, State to) {
        return posts.changeStatus(id, State.codes(from), to.code());
    }
}
