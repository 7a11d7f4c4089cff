package app.dukkan.notifications.mail;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Picks how mails leave: over SMTP when Spring Boot configured a {@link JavaMailSender} (that is,
 * {@code spring.mail.host} is set), otherwise into the development mailbox.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationsProperties.class)
class MailTransportConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MailTransportConfiguration.class);

    @Bean
    MailTransport mailTransport(
            ObjectProvider<JavaMailSender> senders, NotificationsProperties properties, JdbcClient jdbc, Clock clock) {
        JavaMailSender sender = senders.getIfAvailable();
        if (sender != null) {
            String server = sender instanceof JavaMailSenderImpl impl ? impl.getHost() + ":" + impl.getPort() : "";
            log.info("Mail goes out over SMTP {} from {}", server, properties.from());
            return new SmtpMailTransport(sender, properties.from());
        }
        log.info("Mail goes to the development mailbox (no spring.mail.host): admins read it at /admin/mailbox");
        return new DevMailbox(jdbc, clock);
    }
}
