package app.dukkan.whatsapp.webhook;

import app.dukkan.platform.JobTasks;
import com.github.kagkarlsson.scheduler.task.Task;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WebhookJobs {

    @Bean
    Task<?> whatsappInboundTask(JobTasks tasks, InboundProcessor processor) {
        return tasks.task(Inbox.PROCESS, entry -> processor.process(entry.id()));
    }
}
