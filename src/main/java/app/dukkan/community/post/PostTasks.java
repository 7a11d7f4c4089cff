package app.dukkan.community.post;

import app.dukkan.platform.Pictures;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class PostTasks {

    /** How long an uploaded picture waits for its post. */
    static final Duration UPLOAD_TTL = Duration.ofHours(24);

    private static final int BATCH = 200;
    private static final Logger log = LoggerFactory.getLogger(PostTasks.class);

    /**
     * Pictures uploaded for a post that was never written: rows older than a day go, and their
     * files unless another row shares them.
     */
    @Bean
    RecurringTask<Void> removeUnusedPostPictures(
            PostRepository posts, Pictures pictures, Clock clock, PlatformTransactionManager transactions) {
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        return Tasks.recurring("remove-unused-post-pictures", FixedDelay.of(Duration.ofMinutes(30)))
                .execute((instance, context) -> {
                    List<PostRepository.ImageRow> removed;
                    do {
                        removed = transaction.execute(status -> {
                            List<PostRepository.ImageRow> unused =
                                    posts.lockUnusedBefore(clock.instant().minus(UPLOAD_TTL), BATCH);
                            unused.forEach(image -> posts.deleteImage(image.id()));
                            return unused;
                        });
                        removed.forEach(
                                image -> pictures.deleteUnused(image.sha256(), image.renditions(), posts::hashInUse));
                        if (!removed.isEmpty()) {
                            log.debug("Removed {} unused post picture(s)", removed.size());
                        }
                    } while (removed.size() == BATCH);
                });
    }
}
