package app.dukkan.privacy.consent;

import app.dukkan.platform.Ids;
import app.dukkan.platform.ProblemException;
import app.dukkan.privacy.ConsentRecorded;
import app.dukkan.privacy.Consents;
import app.dukkan.privacy.DataSubject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The consent log in {@code consents}. A subject's entries are those matching its account, email or
 * phone (each by its own index); the current state of a purpose is its latest entry.
 */
@Service
@EnableConfigurationProperties(PrivacyProperties.class)
class ConsentLog implements Consents {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    /** What people write between a phone number's digits. */
    private static final Pattern PHONE_SEPARATORS = Pattern.compile("[\\s\\-().\\u00a0/]");

    private static final String COLUMNS =
            "id, purpose, granted, channel, notice_version, at, user_id, email, phone, client_address";
    private static final String MATCHES = "(user_id = :user or email = :email or phone = :phone)";

    private final JdbcClient jdbc;
    private final PrivacyProperties properties;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    ConsentLog(JdbcClient jdbc, PrivacyProperties properties, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        this.events = events;
    }

    @Override
    @Transactional
    public Entry record(
            DataSubject subject, Purpose purpose, boolean granted, Channel channel, @Nullable String clientAddress) {
        Who who = Who.of(subject);
        Entry entry = new Entry(
                Ids.newId(clock),
                purpose,
                granted,
                channel,
                noticeVersion(),
                // PostgreSQL keeps microseconds: the answer shows what a later read will show
                clock.instant().truncatedTo(ChronoUnit.MICROS),
                who.user(),
                who.email(),
                who.phone(),
                clientAddress == null || clientAddress.length() <= 100
                        ? clientAddress
                        : clientAddress.substring(0, 100));
        jdbc.sql("""
                        insert into consents (id, purpose, granted, channel, notice_version, at, user_id, email, phone,
                                              client_address)
                        values (:id, :purpose, :granted, :channel, :version, :at, :user, :email, :phone, :client)""")
                .param("id", entry.id())
                .param("purpose", code(purpose))
                .param("granted", granted)
                .param("channel", code(channel))
                .param("version", entry.noticeVersion())
                .param("at", Timestamp.from(entry.at()))
                .param("user", entry.userId())
                .param("email", entry.email())
                .param("phone", entry.phone())
                .param("client", entry.clientAddress())
                .update();
        events.publishEvent(new ConsentRecorded(entry));
        return entry;
    }

    @Override
    @Transactional
    public Entry change(
            DataSubject subject, Purpose purpose, boolean granted, Channel channel, @Nullable String clientAddress) {
        Who who = Who.of(subject);
        // one change of a subject at a time: two identical requests at once add one entry, not two
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .param("key", "consent:" + who.key())
                .query()
                .singleValue();
        Entry latest = latest(who, purpose);
        if (latest != null && latest.granted() == granted) {
            return latest;
        }
        return record(subject, purpose, granted, channel, clientAddress);
    }

    @Override
    @Transactional(readOnly = true)
    public boolean granted(DataSubject subject, Purpose purpose) {
        Entry latest = latest(Who.of(subject), purpose);
        return latest != null && latest.granted();
    }

    @Override
    @Transactional(readOnly = true)
    public List<Entry> current(DataSubject subject) {
        Who who = Who.of(subject);
        return who
                .bind(jdbc.sql("select distinct on (purpose) " + COLUMNS + " from consents where " + MATCHES
                        + " order by purpose, at desc, id desc"))
                .query(ConsentLog::entry)
                .list()
                .stream()
                .sorted(Comparator.comparing(Entry::purpose))
                .toList();
    }

    @Override
    @Transactional(readOnly = true)
    public List<Entry> history(DataSubject subject) {
        return Who.of(subject)
                .bind(jdbc.sql("select " + COLUMNS + " from consents where " + MATCHES
                        + " order by at desc, id desc limit :limit"))
                .param("limit", MAX_HISTORY)
                .query(ConsentLog::entry)
                .list();
    }

    /**
     * Every entry about the subject, oldest first, each handed over as it is read: an export, which
     * must carry all of them, not the newest {@link #MAX_HISTORY} a page shows.
     */
    @Transactional(readOnly = true)
    void eachEntry(DataSubject subject, Consumer<Entry> each) {
        Who.of(subject)
                .bind(jdbc.sql("select " + COLUMNS + " from consents where " + MATCHES + " order by at, id"))
                .query((RowCallbackHandler) row -> each.accept(entry(row, row.getRow())));
    }

    /**
     * Blanks who the subject's entries were about (account, email, phone, client address): what was
     * consented, when and under which notice stays, about no one.
     */
    @Transactional
    int forget(DataSubject subject) {
        return Who.of(subject)
                .bind(jdbc.sql("update consents set user_id = null, email = null, phone = null, client_address = null"
                        + " where " + MATCHES))
                .update();
    }

    @Override
    public String noticeVersion() {
        return properties.noticeVersion().toString();
    }

    private @Nullable Entry latest(Who who, Purpose purpose) {
        return who.bind(jdbc.sql("select " + COLUMNS + " from consents where purpose = :purpose and " + MATCHES
                        + " order by at desc, id desc limit 1"))
                .param("purpose", code(purpose))
                .query(ConsentLog::entry)
                .optional()
                .orElse(null);
    }

    /** A phone in E.164: separators dropped, a leading 00 read as +; 400 naming {@code phone} otherwise. */
    static String normalizePhone(String phone) {
        String compact = PHONE_SEPARATORS.matcher(phone.strip()).replaceAll("");
        if (compact.startsWith("00")) {
            compact = "+" + compact.substring(2);
        }
        if (!E164.matcher(compact).matches()) {
            throw ProblemException.invalid(
                    "phone", "must be a phone number in international form, e.g. +4917612345678");
        }
        return compact;
    }

    static @Nullable String normalizeEmail(@Nullable String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        String normalized = email.strip().toLowerCase(Locale.ROOT);
        if (normalized.length() > 254 || !normalized.matches("[^@\\s]+@[^@\\s]+")) {
            throw ProblemException.invalid("email", "must be a well-formed email address");
        }
        return normalized;
    }

    static String code(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static Entry entry(ResultSet row, int index) throws SQLException {
        return new Entry(
                row.getObject("id", UUID.class),
                Purpose.valueOf(row.getString("purpose").toUpperCase(Locale.ROOT)),
                row.getBoolean("granted"),
                Channel.valueOf(row.getString("channel").toUpperCase(Locale.ROOT)),
                row.getString("notice_version"),
                row.getTimestamp("at").toInstant(),
                row.getObject("user_id", UUID.class),
                row.getString("email"),
                row.getString("phone"),
                row.getString("client_address"));
    }

    /** A subject as the log knows it: email in lower case, phone in E.164. */
    private record Who(
            @Nullable UUID user,
            @Nullable String email,
            @Nullable String phone) {

        static Who of(DataSubject subject) {
            String phone =
                    subject.phone() == null || subject.phone().isBlank() ? null : normalizePhone(subject.phone());
            return new Who(subject.userId(), normalizeEmail(subject.email()), phone);
        }

        /** What one subject's changes are serialized on: the account, else the email, else the phone. */
        String key() {
            return user != null ? user.toString() : email != null ? email : String.valueOf(phone);
        }

        JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
            return statement.param("user", user).param("email", email).param("phone", phone);
        }
    }
}
