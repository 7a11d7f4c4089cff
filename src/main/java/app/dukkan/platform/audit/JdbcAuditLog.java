package app.dukkan.platform.audit;

import app.dukkan.platform.Actors;
import app.dukkan.platform.AuditLog;
import app.dukkan.platform.Ids;
import app.dukkan.platform.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The audit log in {@code audit_log}; the table refuses updates and deletes. */
@Service
class JdbcAuditLog implements AuditLog {

    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final Actors actors;
    private final JsonMapper json;
    private final Clock clock;

    JdbcAuditLog(JdbcClient jdbc, Actors actors, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.actors = actors;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void record(
            String action, String targetType, String targetId, @Nullable String reason, Map<String, ?> details) {
        Optional<Actors.Actor> actor = actors.current();
        jdbc.sql("""
                        insert into audit_log
                            (id, at, actor_id, actor, action, target_type, target_id, reason, details, client_address)
                        values (:id, :at, :actorId, :actor, :action, :targetType, :targetId, :reason,
                                cast(:details as jsonb), :client)""")
                .param("id", Ids.newId(clock))
                .param("at", Timestamp.from(clock.instant()))
                .param("actorId", actor.map(Actors.Actor::id).orElse(null))
                .param("actor", actor.map(Actors.Actor::name).orElse(null))
                .param("action", action)
                .param("targetType", targetType)
                .param("targetId", targetId)
                .param("reason", reason == null || reason.isBlank() ? null : reason.strip())
                .param("details", json.writeValueAsString(details))
                .param("client", clientAddress())
                .update();
    }

    @Override
    @Transactional
    public int redact(@Nullable UUID person, String pattern) {
        jdbc.sql("select set_config('dukkan.audit.redacting', 'on', true)")
                .query()
                .singleValue();
        int changed =
                jdbc.sql("""
                        update audit_log set
                            actor = case when actor_id = cast(:person as uuid) then null
                                         else regexp_replace(actor, :pattern, '[erased]', 'gi') end,
                            reason = left(regexp_replace(reason, :pattern, '[erased]', 'gi'), 1000),
                            details = redact_jsonb(details, :pattern, '[erased]'),
                            client_address = case when actor_id = cast(:person as uuid) then null else client_address end
                        where lower(coalesce(actor, '') || ' ' || coalesce(reason, '') || ' ' || details::text) ~* :pattern
                           or actor_id = cast(:person as uuid)""").param("person", person).param("pattern", pattern).update();
        jdbc.sql("select set_config('dukkan.audit.redacting', 'off', true)")
                .query()
                .singleValue();
        return changed;
    }

    @Override
    public Page find(Query query, @Nullable String cursor, int limit) {
        int size = Math.max(1, Math.min(limit, 200));
        Position after = cursor == null ? null : Position.parse(cursor);
        List<Entry> found = jdbc.sql("""
                        select id, at, actor_id, actor, action, target_type, target_id, reason, details, client_address
                        from audit_log
                        where (cast(:actorId as uuid) is null or actor_id = :actorId)
                          and (cast(:action as text) is null or action = :action)
                          and (cast(:targetType as text) is null or target_type = :targetType)
                          and (cast(:targetId as text) is null or target_id = :targetId)
                          and (cast(:from as timestamptz) is null or at >= :from)
                          and (cast(:to as timestamptz) is null or at < :to)
                          and (cast(:afterAt as timestamptz) is null or (at, id) < (:afterAt, :afterId))
                        order by at desc, id desc
                        limit :limit""")
                .param("actorId", query.actorId())
                .param("action", query.action())
                .param("targetType", query.targetType())
                .param("targetId", query.targetId())
                .param("from", timestamp(query.from()))
                .param("to", timestamp(query.to()))
                .param("afterAt", after == null ? null : Timestamp.from(after.at()))
                .param("afterId", after == null ? null : after.id())
                .param("limit", size + 1)
                .query(this::entry)
                .list();
        List<Entry> items = List.copyOf(found.subList(0, Math.min(size, found.size())));
        Entry last = items.isEmpty() ? null : items.get(items.size() - 1);
        String next = found.size() > size && last != null ? new Position(last.at(), last.id()).encode() : null;
        return new Page(items, next);
    }

    private Entry entry(ResultSet rs, int row) throws SQLException {
        return new Entry(
                rs.getObject("id", UUID.class),
                rs.getTimestamp("at").toInstant(),
                rs.getObject("actor_id", UUID.class),
                rs.getString("actor"),
                rs.getString("action"),
                rs.getString("target_type"),
                rs.getString("target_id"),
                rs.getString("reason"),
                json.readValue(rs.getString("details"), DETAILS),
                rs.getString("client_address"));
    }

    private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static @Nullable String clientAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }

    /** Where a page ended: the last entry's time and id, as an opaque cursor. */
    private record Position(Instant at, UUID id) {

        String encode() {
            String plain = at.toEpochMilli() + ":" + at.getNano() + ":" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
        }

        static Position parse(String cursor) {
            try {
                String[] parts =
                        new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":", 3);
                Instant at = Instant.ofEpochMilli(Long.parseLong(parts[0]))
                        .plusNanos(Integer.parseInt(parts[1]) % 1_000_000);
                return new Position(at, UUID.fromString(parts[2]));
            } catch (RuntimeException e) {
                throw ProblemException.invalid("cursor", "is not a cursor this list handed out");
            }
        }
    }
}
