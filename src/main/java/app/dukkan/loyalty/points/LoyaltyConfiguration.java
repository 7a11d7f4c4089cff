package app.dukkan.loyalty.points;

import app.dukkan.platform.JobTasks;
import com.github.kagkarlsson.scheduler.task.Task;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LoyaltyProperties.class)
class LoyaltyConfiguration {

    @Bean
    Task<?> loyaltyPointsTask(JobTasks tasks, Points points) {
        return tasks.task(Points.SETTLE, points::settle);
    }
}
