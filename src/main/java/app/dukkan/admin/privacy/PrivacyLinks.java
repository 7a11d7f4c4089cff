package app.dukkan.admin.privacy;

import app.dukkan.admin.ConsoleLink;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PrivacyLinks {

    @Bean
    ConsoleLink privacyLink() {
        return new ConsoleLink("/admin/privacy", "console.privacy.nav", true, 520);
    }
}
