package app.dukkan.notifications.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/** Sends mails through Spring's {@link JavaMailSender} (configured by {@code spring.mail.*}). */
final class SmtpMailTransport implements MailTransport {

    static final String KEY_HEADER = "X-Dukkan-Mail";

    private final JavaMailSender sender;
    private final String from;

    SmtpMailTransport(JavaMailSender sender, String from) {
        this.sender = sender;
        this.from = from;
    }

    @Override
    public String name() {
        return "smtp";
    }

    @Override
    public void send(OutgoingMail mail) {
        MimeMessage message = sender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(
                    message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(mail.to());
            helper.setSubject(mail.subject());
            helper.setText(mail.text(), mail.html());
            // lets a receiving system see a repeated hand-over of the same mail
            message.setHeader(KEY_HEADER, mail.kind().code() + " " + mail.key());
            message.setHeader("Content-Language", mail.locale().toLanguageTag());
        } catch (MessagingException e) {
            throw new MailPreparationException(
                    "Could not build the " + mail.kind().code() + " mail", e);
        }
        sender.send(message);
    }
}
