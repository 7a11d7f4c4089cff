package app.dukkan.catalog.search;

import app.dukkan.platform.JobQueue;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SearchTasks {

    private static final Logger log = LoggerFactory.getLogger(SearchTasks.class);

    /**
     * Once a day, on one instance, drops the vocabulary's words that no active product uses any more
     * (renamed or archived products); new words are added as products are written.
     */
    @Bean
    RecurringTask<Void> pruneSearchWords(SearchVocabulary vocabulary) {
        return Tasks.recurring("prune-search-words", FixedDelay.of(Duration.ofDays(1)))
                .defaultPriority(JobQueue.BULK.priority())
                .execute((instance, context) -> {
                    int pruned = vocabulary.prune();
                    if (pruned > 0) {
                        log.info("Dropped {} search word(s) no active product uses", pruned);
                    }
                });
    }
}
