package app.dukkan.admin.users;

import app.dukkan.admin.ConsoleLink;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class UserLinks {

    @Bean
    ConsoleLink usersLink() {
        return new ConsoleLink("/admin/users", "console.people.nav.users", true, 500);
    }
}
