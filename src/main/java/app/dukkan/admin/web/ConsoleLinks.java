package app.dukkan.admin.web;

import app.dukkan.admin.ConsoleLink;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The console's own pages in its navigation. */
@Configuration(proxyBeanMethods = false)
class ConsoleLinks {

    @Bean
    ConsoleLink dashboardLink() {
        return new ConsoleLink("/admin", "console.nav.dashboard", false, 0);
    }

    @Bean
    ConsoleLink queuesLink() {
        return new ConsoleLink("/admin/queues", "console.nav.queues", true, 700);
    }

    @Bean
    ConsoleLink flagsLink() {
        return new ConsoleLink("/admin/flags", "console.nav.flags", true, 800);
    }

    @Bean
    ConsoleLink auditLink() {
        return new ConsoleLink("/admin/audit", "console.nav.audit", true, 900);
    }
}
