package app.dukkan.privacy.request;

import app.dukkan.platform.JobTasks;
import app.dukkan.platform.RetentionPurges;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PrivacyProperties.class)
class PrivacyJobConfiguration {

    @Bean
    Task<?> privacyExportTask(JobTasks tasks, PrivacyJobs jobs) {
        return tasks.task(PrivacyJobs.EXPORT, jobs::export);
    }

    @Bean
    RecurringTask<Void> purgePrivacyExports(RetentionPurges purges, ExportPurge purge) {
        return purges.nightly(purge);
    }

    @Bean
    Task<?> privacyEraseTask(JobTasks tasks, PrivacyJobs jobs) {
        return tasks.task(PrivacyJobs.ERASE, jobs::erase);
    }
}
