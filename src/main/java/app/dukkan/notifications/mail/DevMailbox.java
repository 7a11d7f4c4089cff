package app.dukkan.notifications.mail;

import app.dukkan.platform.Ids;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The development mailbox: without an SMTP server the shop keeps what it would have sent in its own
 * database, where admins read it ({@code /admin/mailbox}, {@code /api/v1/admin/mailbox}).
 */
public final class DevMailbox implements MailTransport {

    /** One stored mail, without its bodies. */
    public record Entry(UUID id, String to, String subject, String kind, String locale, Instant createdAt) {}

    /** One stored mail with its text and HTML parts. */
    public record Message(
            UUID id,
            String to,
            String subject,
            String kind,
            String key,
            String locale,
            Instant createdAt,
            String text,
            String html) {}

    public record Page(List<Entry> items, int page, int size, long total) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    DevMailbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "mailbox";
    }

    /** Stores the mail in the caller's transaction; the same kind and key is stored once. */
    @Override
    public void send(OutgoingMail mail) {
        jdbc.sql("""
                        insert into mailbox_messages (id, recipient, subject, text_body, html_body, kind, key, locale,
                            created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (kind, key) do nothing
                        """)
                .params(
                        Ids.newId(clock),
                        mail.to(),
                        mail.subject(),
                        mail.text(),
                        mail.html(),
                        mail.kind().code(),
                        mail.key(),
                        mail.locale().toLanguageTag(),
                        Timestamp.from(clock.instant()))
                .update();
    }

    /** Newest first; {@code to} filters by recipient, ignoring case. */
    public Page list(@Nullable String to, int page, int size) {
        String where = to == null || to.isBlank() ? "" : "where lower(recipient) = lower(:to)";
        List<Entry> items = jdbc.sql("select id, recipient, subject, kind, locale, created_at from mailbox_messages "
                        + where
                        + " order by created_at desc, id desc limit :size offset :offset")
                .params(params(to, size, (long) page * size))
                .query((rs, n) -> new Entry(
                        rs.getObject("id", UUID.class),
                        rs.getString("recipient"),
                        rs.getString("subject"),
                        rs.getString("kind"),
                        rs.getString("locale"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
        long total = jdbc.sql("select count(*) from mailbox_messages " + where)
                .params(params(to, size, 0))
                .query(Long.class)
                .single();
        return new Page(items, page, size, total);
    }

    public Optional<Message> find(UUID id) {
        return jdbc.sql("select * from mailbox_messages where id = ?")
                .param(id)
                .query(DevMailbox::message)
                .optional();
    }

    private static java.util.Map<String, Object> params(@Nullable String to, int size, long offset) {
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        params.put("to", to == null ? "" : to.trim());
        params.put("size", size);
        params.put("offset", offset);
        return params;
    }

    private static Message message(ResultSet rs, int row) throws SQLException {
        return new Message(
                rs.getObject("id", UUID.class),
                rs.getString("recipient"),
                rs.getString("subject"),
                rs.getString("kind"),
                rs.getString("key"),
                rs.getString("locale"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getString("text_body"),
                rs.getString("html_body"));
    }
}
