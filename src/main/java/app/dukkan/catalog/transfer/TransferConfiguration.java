package app.dukkan.catalog.transfer;

import app.dukkan.platform.JobTasks;
import com.github.kagkarlsson.scheduler.task.Task;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ImportProperties.class)
class TransferConfiguration {

    @Bean
    Task<?> catalogImportTask(JobTasks tasks, ProductImports imports) {
        return tasks.task(ProductImports.IMPORT, job -> imports.run(job.importId()));
    }
}
