package app.dukkan.admin.whatsapp;

import app.dukkan.admin.ConsoleLink;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WhatsAppLinks {

    @Bean
    ConsoleLink whatsappLink() {
        return new ConsoleLink("/admin/whatsapp", "console.whatsapp.nav", true, 630);
    }
}
