package app.dukkan.whatsapp.outbound;

import app.dukkan.platform.JobTasks;
import com.github.kagkarlsson.scheduler.task.Task;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OutboundConfiguration {

    @Bean
    Task<?> whatsappSendTask(JobTasks tasks, Outbox outbox, Sender sender) {
        return tasks.task(outbox.sendType(), sender::send);
    }

    @Bean
    Task<?> whatsappOrderPaidTask(JobTasks tasks, OrderNews news) {
        return tasks.task(OrderNews.PAID, news::confirm);
    }
}
