package app.dukkan.whatsapp.console;

import app.dukkan.platform.Ids;
import app.dukkan.platform.ProblemException;
import app.dukkan.whatsapp.Conversations;
import app.dukkan.whatsapp.chat.Reply;
import app.dukkan.whatsapp.config.WhatsAppProperties;
import app.dukkan.whatsapp.webhook.InboundProcessor;
import app.dukkan.whatsapp.webhook.Inbox;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** {@link Conversations} over the conversation and message tables, and the simulator over the real inbox. */
@Service
class ConversationQueries implements Conversations {

    private static final Pattern E164 = Pattern.compile("\\+?[1-9]\\d{6,14}");
    private static final int MAX_TEXT = 4096;
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private static final String SUMMARY = """
            select c.id, c.phone, c.simulated, c.consent, c.opted_out, c.language, c.last_inbound_at,
                   c.last_message_at,
                   (select m.summary from whatsapp_messages m where m.conversation_id = c.id
                     order by m.created_at desc, m.id desc limit 1) as last_message,
                   (select count(*) from whatsapp_messages m where m.conversation_id = c.id and m.status = 'failed')
                       as failed
              from whatsapp_conversations c
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Inbox inbox;
    private final InboundProcessor processor;
    private final WhatsAppProperties properties;
    private final app.dukkan.whatsapp.chat.ChatTexts texts;
    private final Clock clock;

    ConversationQueries(
            JdbcClient jdbc,
            JsonMapper json,
            Inbox inbox,
            InboundProcessor processor,
            WhatsAppProperties properties,
            app.dukkan.whatsapp.chat.ChatTexts texts,
            Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.inbox = inbox;
        this.processor = processor;
        this.properties = properties;
        this.texts = texts;
        this.clock = clock;
    }

    @Override
    public Page list(@Nullable String phone, boolean failedOnly, int page, int size) {
        int limit = Math.max(1, Math.min(size, MAX_PAGE_SIZE));
        int offset = Math.max(0, Math.min(page, 10_000)) * limit;
        String digits = phone == null ? "" : phone.replaceAll("\\D", "");
        String where = " where (:digits = '' or c.phone like :pattern)"
                + (failedOnly
                        ? " and exists (select 1 from whatsapp_messages m where m.conversation_id = c.id"
                                + " and m.status = 'failed')"
                        : "");
        List<Summary> items = jdbc.sql(
                        SUMMARY + where + " order by c.last_message_at desc, c.id desc limit :limit offset :offset")
                .param("digits", digits)
                .param("pattern", "%" + digits + "%")
                .param("limit", limit)
                .param("offset", offset)
                .query(this::summary)
                .list();
        long total = jdbc.sql("select count(*) from whatsapp_conversations c" + where)
                .param("digits", digits)
                .param("pattern", "%" + digits + "%")
                .query(Long.class)
                .single();
        return new Page(items, total, offset / limit, limit);
    }

    @Override
    public Optional<Transcript> transcript(UUID id) {
        return jdbc.sql(SUMMARY + " where c.id = :id")
                .param("id", id)
                .query(this::summary)
                .optional()
                .map(summary -> new Transcript(summary, messages(id)));
    }

    @Override
    public Optional<Transcript> simulated(String phone) {
        String digits = digits(phone);
        return jdbc.sql("select id from whatsapp_conversations where phone = ? and simulated")
                .param(digits)
                .query(UUID.class)
                .optional()
                .flatMap(this::transcript);
    }

    @Override
    public Transcript simulate(
            String phone, @Nullable String text, @Nullable String choiceId, @Nullable String choiceTitle) {
        String digits = digits(phone);
        String id = InboundProcessor.SIMULATED + Ids.newId(clock);
        ObjectNode message = json.createObjectNode();
        message.put("from", digits);
        message.put("id", id);
        message.put("timestamp", Long.toString(clock.instant().getEpochSecond()));
        if (choiceId != null && !choiceId.isBlank()) {
            if (choiceId.length() > 256) {
                throw ProblemException.invalid("choice_id", "at most 256 characters");
            }
            String title = choiceTitle == null || choiceTitle.isBlank() ? choiceId : Reply.cut(choiceTitle, 100);
            message.put("type", "interactive");
            ObjectNode interactive = message.putObject("interactive");
            interactive.put("type", "list_reply");
            interactive.putObject("list_reply").put("id", choiceId).put("title", title);
        } else {
            String body = text == null ? "" : text.strip();
            if (body.isEmpty()) {
                throw ProblemException.invalid("text", "write a message or tap a choice");
            }
            if (body.length() > MAX_TEXT) {
                throw ProblemException.invalid("text", "at most " + MAX_TEXT + " characters");
            }
            message.put("type", "text");
            message.putObject("text").put("body", body);
        }
        inbox.acceptSimulated(id, digits, message);
        processor.process(id);
        return simulated(digits).orElseThrow();
    }

    @Override
    public ChannelStatus status() {
        return new ChannelStatus(
                properties.configured(),
                !properties.verifyToken().isBlank(),
                !properties.appSecret().isBlank(),
                !properties.phoneNumberId().isBlank(),
                !properties.accessToken().isBlank());
    }

    private List<Message> messages(UUID conversationId) {
        List<Message> latest = jdbc.sql("""
                        select id, direction, kind, summary, payload, status, error, created_at, sent_at,
                               delivered_at, read_at
                          from whatsapp_messages where conversation_id = ?
                         order by created_at desc, id desc limit ?""")
                .params(conversationId, TRANSCRIPT_LENGTH)
                .query((rs, row) -> message(rs))
                .list();
        List<Message> inOrder = new ArrayList<>(latest);
        java.util.Collections.reverse(inOrder);
        return inOrder;
    }

    private Message message(ResultSet rs) throws SQLException {
        List<Choice> choices = List.of();
        if (rs.getString("direction").equals("out") && rs.getString("kind").equals("interactive")) {
            Map<String, Object> payload = json.readValue(rs.getString("payload"), MAP);
            @SuppressWarnings("unchecked")
            Map<String, Object> content = (Map<String, Object>) payload.get("interactive");
            choices = Reply.choices(content).stream()
                    .map(c -> new Choice(c.id(), c.title(), c.description()))
                    .toList();
        }
        String summary = rs.getString("summary");
        if (!choices.isEmpty()) {
            // the choices are shown as such; the summary repeats their titles after the text
            int cut = summary.lastIndexOf('\n');
            summary = cut < 0 ? summary : summary.substring(0, cut);
        }
        return new Message(
                rs.getObject("id", UUID.class),
                rs.getString("direction"),
                rs.getString("kind"),
                summary,
                choices,
                rs.getString("status"),
                rs.getString("error"),
                rs.getTimestamp("created_at").toInstant(),
                instant(rs.getTimestamp("sent_at")),
                instant(rs.getTimestamp("delivered_at")),
                instant(rs.getTimestamp("read_at")));
    }

    private Summary summary(ResultSet rs, int row) throws SQLException {
        String phone = rs.getString("phone");
        String language = rs.getString("language");
        return new Summary(
                rs.getObject("id", UUID.class),
                "+" + phone,
                rs.getBoolean("simulated"),
                rs.getString("consent"),
                rs.getBoolean("opted_out"),
                language != null ? language : texts.defaultLanguage(phone),
                instant(rs.getTimestamp("last_inbound_at")),
                rs.getTimestamp("last_message_at").toInstant(),
                rs.getString("last_message"),
                rs.getLong("failed"));
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static String digits(String phone) {
        String trimmed = phone.strip().replaceAll("[\\s()-]", "");
        if (!E164.matcher(trimmed).matches()) {
            throw ProblemException.invalid("phone", "an international number such as +4917612345678");
        }
        return trimmed.startsWith("+") ? trimmed.substring(1) : trimmed;
    }
}
