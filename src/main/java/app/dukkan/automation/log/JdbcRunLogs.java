package app.dukkan.automation.log;

import app.dukkan.platform.TextInput;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lines in {@code automation_logs}, redacted of personal data before they are written, and cut to
 * a bounded size: a message of at most {@value #MAX_MESSAGE} characters, strings in {@code data}
 * of at most {@value #MAX_DATA_STRING}, and {@code data} as a whole of at most {@value #MAX_DATA}
 * characters of JSON (larger data is replaced by a note of its size). Counts the lines written per
 * level ({@code automation.logs.lines}) and those with something redacted
 * ({@code automation.logs.redacted}) once their transaction commits.
 */
@Service
class JdbcRunLogs implements RunLogs {

    static final int MAX_MESSAGE = 4000;
    static final int MAX_DATA_STRING = 2000;
    static final int MAX_DATA = 16_000;
    static final int MAX_STATUS = 40;
    static final int MAX_STEP = 200;

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final Map<Level, Counter> written = new EnumMap<>(Level.class);
    private final Counter redacted;

    JdbcRunLogs(JdbcClient jdbc, JsonMapper json, Clock clock, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        for (Level level : Level.values()) {
            written.put(
                    level,
                    Counter.builder("automation.logs.lines")
                            .description("Lines written to the automation logs")
                            .tag("level", name(level))
                            .register(registry));
        }
        this.redacted = Counter.builder("automation.logs.redacted")
                .description("Automation log lines in which personal data was redacted")
                .register(registry);
    }

    @Override
    public void write(Line line) {
        Instant now = clock.instant();
        UUID id = LogIds.next(now);
        Instant at = LogIds.time(id).isAfter(now) ? LogIds.time(id) : now;
        PiiRedactor.Result<String> message = PiiRedactor.redact(TextInput.abbreviate(line.message(), 4 * MAX_MESSAGE));
        PiiRedactor.Result<Map<String, Object>> data = PiiRedactor.redactMap(plain(line.data()));
        boolean piiRedacted = message.redacted() || data.redacted();
        jdbc.sql("""
                        insert into automation_logs
                            (id, at, workflow_id, run_id, step, level, status, message, data, pii_redacted)
                        values (:id, :at, :workflowId, :runId, :step, :level, :status, :message,
                                cast(:data as jsonb), :piiRedacted)""")
                .param("id", id)
                .param("at", Timestamp.from(at))
                .param("workflowId", line.workflowId())
                .param("runId", line.runId())
                .param("step", step(line.step()))
                .param("level", name(line.level()))
                .param("status", status(line.status()))
                .param("message", TextInput.abbreviate(message.value(), MAX_MESSAGE))
                .param("data", json(data.value()))
                .param("piiRedacted", piiRedacted)
                .update();
        Counter lines = written.get(line.level());
        afterCommit(() -> {
            lines.increment();
            if (piiRedacted) {
                redacted.increment();
            }
        });
    }

    static String name(Level level) {
        return level.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The data as plain maps, lists, strings, numbers and booleans (JSON trees and records as
     * Jackson writes them); as it is when Jackson cannot convert it (the redactor then reads other
     * objects as their text).
     */
    private Map<String, Object> plain(Map<String, Object> data) {
        try {
            Map<String, Object> converted = json.convertValue(data, MAP);
            return converted == null ? Map.of() : converted;
        } catch (RuntimeException e) {
            return data;
        }
    }

    private String json(Map<String, Object> data) {
        String text;
        try {
            text = json.writeValueAsString(cutStrings(data));
        } catch (RuntimeException e) {
            return json.writeValueAsString(Map.of("unreadable", true));
        }
        if (text.length() > MAX_DATA) {
            Map<String, Object> note = new LinkedHashMap<>();
            note.put("truncated", true);
            note.put("size", text.length());
            return json.writeValueAsString(note);
        }
        return text;
    }

    private static @Nullable Object cutStrings(@Nullable Object value) {
        if (value instanceof String text) {
            return TextInput.abbreviate(text, MAX_DATA_STRING);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, element) ->
                    copy.put(TextInput.abbreviate(String.valueOf(key), MAX_DATA_STRING), cutStrings(element)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<@Nullable Object> copy = new ArrayList<>(list.size());
            list.forEach(element -> copy.add(cutStrings(element)));
            return copy;
        }
        return value;
    }

    private static @Nullable String step(@Nullable String step) {
        return step == null || step.isBlank() ? null : TextInput.abbreviate(step.strip(), MAX_STEP);
    }

    private static String status(String status) {
        String text = status.strip();
        return text.isEmpty() ? "unknown" : TextInput.abbreviate(text, MAX_STATUS);
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }
}
