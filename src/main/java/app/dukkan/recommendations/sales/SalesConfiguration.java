package app.dukkan.recommendations.sales;

import app.dukkan.platform.JobTasks;
import com.github.kagkarlsson.scheduler.task.Task;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SalesConfiguration {

    @Bean
    Task<?> recommendationsCountTask(JobTasks tasks, SalesCounts counts) {
        return tasks.task(SalesCounts.COUNT, counts::count);
    }

    @Bean
    Task<?> recommendationsBackfillTask(JobTasks tasks, SalesBackfill backfill) {
        return tasks.task(SalesBackfill.BACKFILL, backfill::run);
    }
}
