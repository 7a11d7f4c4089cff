package app.dukkan.admin.mailbox;

import app.dukkan.admin.ConsoleLink;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The mailbox in the navigation only while mails are kept: when neither {@code spring.mail.host}
 * nor {@code spring.mail.jndi-name} is set, the settings with which Spring Boot configures an SMTP
 * sender and notifications sends over it.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(MailboxLink.MailKept.class)
class MailboxLink {

    @Bean
    ConsoleLink mailboxConsoleLink() {
        return new ConsoleLink("/admin/mailbox", "console.people.nav.mailbox", true, 850);
    }

    static class MailKept implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !context.getEnvironment().containsProperty("spring.mail.host")
                    && !context.getEnvironment().containsProperty("spring.mail.jndi-name");
        }
    }
}
