package app.dukkan.community.post;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PostTasks {

    private static final Logger log = LoggerFactory.getLogger(PostTasks.class);

    /** Every 30 minutes: uploads for posts never written, older than a day, go with their files. */
    @Bean
    RecurringTask<Void> removeUnusedPostPictures(UnusedPictures unused) {
        return Tasks.recurring("remove-unused-post-pictures", FixedDelay.of(Duration.ofMinutes(30)))
                .execute((instance, context) -> {
                    int removed = unused.removeExpired();
                    if (removed > 0) {
                        log.debug("Removed {} unused post picture(s)", removed);
                    }
                });
    }
}
