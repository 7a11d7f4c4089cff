package app.dukkan.moderation;

import app.dukkan.identity.UserId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;

/**
 * Posts for moderation's tests, kept in a map: the community's own take over once merged, but this
 * one is {@code @Primary}, so the tests importing it keep their posts.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestPosts {

    @Bean
    @Primary
    Store testPostStore() {
        return new Store();
    }

    public static final class Store implements ModeratedContent {

        record Post(UserId author, String text, State state) {}

        final Map<UUID, Post> posts = new ConcurrentHashMap<>();
        final AtomicInteger hides = new AtomicInteger();
        final List<Object> events = new CopyOnWriteArrayList<>();

        public UUID add(UserId author, String text) {
            UUID id = UUID.randomUUID();
            posts.put(id, new Post(author, text, State.VISIBLE));
            return id;
        }

        public State state(UUID id) {
            return posts.get(id).state();
        }

        @Override
        public ContentKind kind() {
            return ContentKind.POST;
        }

        @Override
        public Optional<Summary> find(String key) {
            return ModeratedContent.id(key)
                    .flatMap(id -> Optional.ofNullable(posts.get(id))
                            .map(post -> new Summary(
                                    new ContentRef(ContentKind.POST, id),
                                    post.author(),
                                    post.text(),
                                    "/posts/" + id,
                                    post.state())));
        }

        /** A map has no rows to lock: the item as it is. */
        @Override
        public Optional<Summary> lock(UUID id) {
            return find(id);
        }

        @Override
        public boolean move(UUID id, Set<State> from, State to) {
            if (to == State.HIDDEN) {
                hides.incrementAndGet();
            }
            var moved = new AtomicBoolean();
            posts.computeIfPresent(id, (key, post) -> {
                if (!from.contains(post.state())) {
                    return post;
                }
                moved.set(true);
                return new Post(post.author(), post.text(), to);
            });
            return moved.get();
        }

        @EventListener
        void on(ContentFlagged event) {
            events.add(event);
        }

        @EventListener
        void on(AuthorWarned event) {
            events.add(event);
        }
    }
}
