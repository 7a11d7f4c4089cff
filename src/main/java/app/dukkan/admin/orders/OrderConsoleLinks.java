package app.dukkan.admin.orders;

import app.dukkan.admin.ConsoleLink;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The orders in the console's navigation, for admins and sellers. */
@Configuration(proxyBeanMethods = false)
class OrderConsoleLinks {

    @Bean
    ConsoleLink ordersLink() {
        return new ConsoleLink("/admin/orders", "console.orders.nav", false, 100);
    }
}
