package app.dukkan.community.post;

import app.dukkan.platform.Pictures;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Pictures uploaded for a post that was never written: rows older than {@link #TTL} go, a batch
 * per transaction, and then their files unless another row shares them.
 */
@Component
class UnusedPictures {

    /** How long an uploaded picture waits for its post. */
    static final Duration TTL = Duration.ofHours(24);

    private static final int BATCH = 200;

    private final PostRepository posts;
    private final Pictures pictures;
    private final Clock clock;
    private final TransactionTemplate transaction;

    UnusedPictures(PostRepository posts, Pictures pictures, Clock clock, PlatformTransactionManager transactions) {
        this.posts = posts;
        this.pictures = pictures;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Removes the expired uploads; answers how many. */
    int removeExpired() {
        int total = 0;
        List<PostRepository.ImageRow> removed;
        do {
            removed = transaction.execute(status -> {
                List<PostRepository.ImageRow> unused =
                        posts.lockUnusedBefore(clock.instant().minus(TTL), BATCH);
                unused.forEach(image -> posts.deleteImage(image.id()));
                return unused;
            });
            removed.forEach(image -> pictures.deleteUnused(image.sha256(), image.renditions(), posts::hashInUse));
            total += removed.size();
        } while (removed.size() == BATCH);
        return total;
    }
}
