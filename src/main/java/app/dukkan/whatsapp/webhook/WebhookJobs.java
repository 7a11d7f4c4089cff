package app.dukkan.whatsapp.webhook;

import app.dukkan.platform.JobTasks;
import app.dukkan.whatsapp.outbound.Sender;
import com.github.kagkarlsson.scheduler.task.Task;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WebhookJobs {

    @Bean
    Task<?> whatsappInboundTask(JobTasks tasks, InboundProcessor processor, Sender sender) {
        // the turn's replies go out from its own job, once the turn committed
        return tasks.task(Inbox.PROCESS, entry -> processor.process(entry.id()).ifPresent(sender::sendAtOnce));
    }
}
