package app.dukkan.notifications.privacy;

import app.dukkan.privacy.DataSubject;
import app.dukkan.privacy.ExportRows;
import app.dukkan.privacy.PersonalData;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Mails sent to the person and the development mailbox. An erasure keeps the record that each mail
 * was sent (so that a retried job still does not send it twice) with a placeholder recipient,
 * deletes the mailbox's copies of mails to them and redacts their email, phone and name in copies
 * of mails to others (the mailbox is for development and small: it is read through).
 */
@Component
class MailPersonalData implements PersonalData {

    private static final String ERASED = "erased@erased.invalid";

    private final JdbcClient jdbc;
    private final ExportRows rows;

    MailPersonalData(JdbcClient jdbc, ExportRows rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    @Override
    public String part() {
        return "notifications";
    }

    @Override
    public Object export(DataSubject subject) {
        if (subject.email() == null) {
            return Map.of();
        }
        Map<String, Object> params = subject.parameters();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mails_sent", rows.rows("""
                select kind, recipient, transport, sent_at from sent_mails
                where lower(recipient) = :email order by sent_at""", params));
        out.put("mailbox", rows.rows("""
                select recipient, subject, text_body, kind, locale, created_at from mailbox_messages
                where lower(recipient) = :email order by created_at, id""", params));
        return out;
    }

    @Override
    @Transactional
    public void erase(DataSubject subject) {
        Map<String, Object> params = subject.parameters();
        if (subject.email() != null) {
            jdbc.sql("update sent_mails set recipient = :erased where lower(recipient) = :email")
                    .params(params)
                    .param("erased", ERASED)
                    .update();
            jdbc.sql("delete from mailbox_messages where lower(recipient) = :email")
                    .params(params)
                    .update();
        }
        jdbc.sql("""
                        update sent_mails set key = regexp_replace(key, :pattern, '[erased]', 'gi')
                        where lower(recipient) = :erased and key ~* :pattern""").params(params).param("erased", ERASED).update();
        jdbc.sql("""
                        update mailbox_messages
                        set subject = regexp_replace(subject, :pattern, '[erased]', 'gi'),
                            text_body = regexp_replace(text_body, :pattern, '[erased]', 'gi'),
                            html_body = regexp_replace(html_body, :pattern, '[erased]', 'gi')
                        where subject ~* :pattern or text_body ~* :pattern or html_body ~* :pattern""").params(params).update();
    }
}
