package app.dukkan.orders.receipt;

import app.dukkan.platform.JobTasks;
import com.github.kagkarlsson.scheduler.task.Task;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReceiptProperties.class)
class ReceiptJobConfiguration {

    @Bean
    Task<?> orderReceiptTask(JobTasks tasks, Receipts receipts) {
        return tasks.task(Receipts.RENDER, receipts::render);
    }
}
