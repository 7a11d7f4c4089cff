package app.dukkan.notifications.sending;

import app.dukkan.notifications.mail.MailKind;
import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What was sent, once per (kind, key). */
@Repository
class SentMails {

    private final JdbcClient jdbc;
    private final Clock clock;

    SentMails(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Records the mail as sent in the caller's transaction. A concurrent run of the same job waits
     * on the row's lock and then finds it.
     *
     * @return false when it was sent already
     */
    boolean claim(MailKind kind, String key, String recipient, String transport) {
        return jdbc.sql("""
                        insert into sent_mails (kind, key, recipient, transport, sent_at) values (?, ?, ?, ?, ?)
                        on conflict (kind, key) do nothing
                        """)
                        .params(kind.code(), key, recipient, transport, Timestamp.from(clock.instant()))
                        .update()
                == 1;
    }

    int count(MailKind kind, String key) {
        return jdbc.sql("select count(*) from sent_mails where kind = ? and key = ?")
                .params(kind.code(), key)
                .query(Integer.class)
                .single();
    }
}
