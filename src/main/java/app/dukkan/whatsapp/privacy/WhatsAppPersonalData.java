package app.dukkan.whatsapp.privacy;

import app.dukkan.privacy.DataSubject;
import app.dukkan.privacy.ExportRows;
import app.dukkan.privacy.PersonalData;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The WhatsApp channel's part in exports and erasures: the conversations of the person's phone
 * (and any in which they gave their email at checkout), with every message both ways, and the
 * inbox's records of their deliveries. An erasure deletes them; the consent log is privacy's own.
 */
@Component
class WhatsAppPersonalData implements PersonalData {

    private static final String WHERE = """
            (c.phone = :digits or lower(c.state ->> 'email') = cast(:email as text))""";

    private final JdbcClient jdbc;
    private final ExportRows rows;

    WhatsAppPersonalData(JdbcClient jdbc, ExportRows rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    @Override
    public String part() {
        return "whatsapp";
    }

    /**
     * A person known by email only (a self-service erasure) who gave it in a chat: the phone of that
     * conversation, so that the inbox's records and the consents of that phone go too.
     */
    @Override
    public DataSubject identify(DataSubject subject) {
        if (subject.phone() != null || subject.email() == null) {
            return subject;
        }
        return jdbc.sql("""
                        select '+' || phone from whatsapp_conversations
                        where lower(state ->> 'email') = :email
                        order by last_message_at desc nulls last limit 1""")
                .param("email", subject.email().toLowerCase(Locale.ROOT))
                .query(String.class)
                .optional()
                .map(phone -> new DataSubject(subject.userId(), subject.email(), phone, subject.name()))
                .orElse(subject);
    }

    @Override
    public Object export(DataSubject subject) {
        Map<String, Object> params = params(subject);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("conversations", rows.rows("""
                select c.id, '+' || c.phone as phone, c.simulated, c.language, c.consent, c.opted_out,
                       c.state, c.created_at, c.last_inbound_at, c.last_message_at
                  from whatsapp_conversations c where %s order by c.created_at""".formatted(WHERE), params));
        out.put("messages", rows.rows("""
                select m.conversation_id, m.direction, m.kind, m.summary as text, m.status, m.error, m.created_at,
                       m.sent_at, m.delivered_at, m.read_at
                  from whatsapp_messages m join whatsapp_conversations c on c.id = m.conversation_id
                 where %s order by m.created_at, m.id""".formatted(WHERE), params));
        return out;
    }

    @Override
    @Transactional
    public void erase(DataSubject subject) {
        Map<String, Object> params = params(subject);
        // the messages go with their conversation (on delete cascade)
        jdbc.sql("delete from whatsapp_conversations c where " + WHERE)
                .params(params)
                .update();
        jdbc.sql("delete from whatsapp_inbox where phone = :digits")
                .params(params)
                .update();
    }

    /** The subject's parameters and the phone as the channel keeps it: E.164 digits without '+'. */
    private static Map<String, Object> params(DataSubject subject) {
        Map<String, Object> params = new HashMap<>(subject.parameters());
        Object phone = params.get("phone");
        params.put("digits", phone == null ? "" : phone.toString().replaceAll("\\D", ""));
        return params;
    }
}
