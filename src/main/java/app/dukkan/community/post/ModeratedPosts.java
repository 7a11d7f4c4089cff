package app.dukkan.community.post;

import app.dukkan.community.PostPublished;
import app.dukkan.identity.UserId;
import app.dukkan.moderation.ContentKind;
import app.dukkan.moderation.ContentRef;
import app.dukkan.moderation.ModeratedContent;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Posts as moderation acts on them. A post its author deleted is not found. A post moderation hid
 * when it was written is published ({@link PostPublished}) when an operator first shows it.
 */
@Component
class ModeratedPosts implements ModeratedContent {

    private final PostRepository posts;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ModeratedPosts(PostRepository posts, ApplicationEventPublisher events, Clock clock) {
        this.posts = posts;
        this.events = events;
        this.clock = clock;
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
        boolean moved = posts.changeStatus(id, State.codes(from), to.code());
        if (moved && to == State.VISIBLE && posts.publish(id, clock.instant())) {
            PostRepository.PostRow post = posts.find(id).orElseThrow();
            events.publishEvent(new PostPublished(
                    id,
                    new UserId(post.authorId()),
                    posts.productsOf(List.of(id)).getOrDefault(id, List.of())));
        }
        return moved;
    }
}
