package app.dukkan.whatsapp.privacy;

import app.dukkan.privacy.DataSubject;
import app.dukkan.privacy.ExportRows;
import app.dukkan.privacy.PersonalData;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
     * The phones of the chats in which the person gave an email of theirs, and the emails given in
     * the chats of their phones: each proved by who chatted, and each leading to more (the inbox and
     * consents of that phone, the mails and payments of that email).
     */
    @Override
    public DataSubject identify(DataSubject subject) {
        List<Map<String, Object>> chats = jdbc.sql("""
                        select '+' || phone as phone, lower(state ->> 'email') as email from whatsapp_conversations
                        where phone = any(:digits) or lower(state ->> 'email') = any(:emails)""")
                .param(
                        "digits",
                        subject.phones().stream()
                                .map(phone -> phone.replaceAll("\\D", ""))
                                .toArray(String[]::new))
                .param("emails", subject.emails().toArray(String[]::new))
                .query()
                .listOfRows();
        DataSubject known = subject;
        for (Map<String, Object> chat : chats) {
            known = known.withPhone((String) chat.get("phone"));
            if (chat.get("email") instanceof String email) {
                known = known.withEmail(email);
            }
        }
        return known;
    }

    @Override
    public Object export(DataSubject subject) {
        Map<String, Object> params = params(subject);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("conversations", rows.rows("""
                select c.id, '+' || c.phone as phone, c.simulated, c.language, c.consent, c.opted_out,
                       c.opted_out_by, c.opted_in_at, c.state, c.created_at, c.last_inbound_at, c.last_message_at
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
