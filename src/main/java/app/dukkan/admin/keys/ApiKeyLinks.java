package app.dukkan.admin.keys;

import app.dukkan.admin.ConsoleLink;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ApiKeyLinks {

    /** Sellers manage their own keys here; admins see everyone's. */
    @Bean
    ConsoleLink apiKeysLink() {
        return new ConsoleLink("/admin/api-keys", "console.keys.nav", false, 870);
    }
}
