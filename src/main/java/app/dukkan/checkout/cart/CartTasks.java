package app.dukkan.checkout.cart;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CartTasks {

    private static final Logger log = LoggerFactory.getLogger(CartTasks.class);

    /**
     * Anonymous carts untouched for longer than their cookie lives are of no use to anyone; channel
     * carts go after their own, longer lifetime.
     */
    @Bean
    RecurringTask<Void> deleteAbandonedCarts(CartService carts) {
        return Tasks.recurring("delete-abandoned-carts", FixedDelay.of(Duration.ofHours(1)))
                .execute((instance, context) -> {
                    int deleted = carts.deleteAbandoned();
                    if (deleted > 0) {
                        log.info("Deleted {} abandoned anonymous or channel cart(s)", deleted);
                    }
                });
    }
}
