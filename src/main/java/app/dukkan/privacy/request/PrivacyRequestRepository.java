package app.dukkan.privacy.request;

import app.dukkan.privacy.DataSubject;
import app.dukkan.privacy.PrivacyRequest;
import app.dukkan.privacy.PrivacyRequest.Kind;
import app.dukkan.privacy.PrivacyRequest.Status;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** {@code privacy_requests} and their parts. */
@Repository
class PrivacyRequestRepository {

    /** A request as stored: what the API shows, plus what only the jobs read. */
    record Stored(
            UUID id,
            Kind kind,
            Status status,
            @Nullable UUID userId,
            @Nullable DataSubject subject,
            boolean selfService,
            @Nullable String fileKey,
            Instant createdAt,
            @Nullable Instant completedAt) {}

    private static final String SELECT = """
            select id, kind, status, user_id, subject, self_service, file_key, created_at, completed_at
            from privacy_requests""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    PrivacyRequestRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Inserts the request unless the person has an erasure already (the unique index on erasures):
     * answers whether it was inserted.
     */
    boolean insert(
            UUID id,
            Kind kind,
            byte[] subjectHash,
            DataSubject subject,
            @Nullable UUID requestedBy,
            boolean selfService,
            @Nullable String reason,
            Instant now) {
        return jdbc.sql("""
                                insert into privacy_requests (id, kind, status, subject_hash, user_id, subject,
                                                              requested_by, self_service, reason, created_at)
                                values (:id, :kind, 'running', :hash, :userId, cast(:subject as jsonb),
                                        :requestedBy, :selfService, :reason, :now)
                                on conflict (subject_hash) where kind = 'erasure' and status = 'running' do nothing""")
                        .param("id", id)
                        .param("kind", kind.code())
                        .param("hash", subjectHash)
                        .param("userId", subject.userId())
                        .param("subject", json.writeValueAsString(subject))
                        .param("requestedBy", requestedBy)
                        .param("selfService", selfService)
                        .param("reason", reason)
                        .param("now", Timestamp.from(now))
                        .update()
                > 0;
    }

    void insertParts(UUID request, Collection<String> parts) {
        for (String part : parts) {
            jdbc.sql("insert into privacy_request_parts (request_id, part, status) values (?, ?, 'pending')")
                    .params(request, part)
                    .update();
        }
    }

    Optional<Stored> find(UUID id) {
        return jdbc.sql(SELECT + " where id = ?").param(id).query(this::map).optional();
    }

    /** Locks the request's row until the transaction ends. */
    Optional<Stored> lock(UUID id) {
        return jdbc.sql(SELECT + " where id = ? for update")
                .param(id)
                .query(this::map)
                .optional();
    }

    /** The person's latest erasure. */
    Optional<Stored> erasureOf(byte[] subjectHash) {
        return jdbc.sql(SELECT + " where subject_hash = ? and kind = 'erasure' order by created_at desc limit 1")
                .param(subjectHash)
                .query(this::map)
                .optional();
    }

    /** The person's erasure under way, if one is. */
    Optional<Stored> runningErasureOf(byte[] subjectHash) {
        return jdbc.sql(SELECT + " where subject_hash = ? and kind = 'erasure' and status = 'running'")
                .param(subjectHash)
                .query(this::map)
                .optional();
    }

    /** Whether the person is being erased, or was erased at or after {@code since}. */
    boolean erasedSince(byte[] subjectHash, Instant since) {
        return jdbc.sql("""
                        select exists(select 1 from privacy_requests
                                      where subject_hash = ? and kind = 'erasure'
                                        and (status = 'running' or created_at >= ?))""")
                .params(subjectHash, Timestamp.from(since))
                .query(Boolean.class)
                .single();
    }

    /** An export of the person that is still being built. */
    Optional<Stored> runningExportOf(byte[] subjectHash) {
        return jdbc.sql(SELECT + " where subject_hash = ? and kind = 'export' and status = 'running' limit 1")
                .param(subjectHash)
                .query(this::map)
                .optional();
    }

    List<Stored> recent(int limit) {
        return jdbc.sql(SELECT + " order by created_at desc, id desc limit ?")
                .param(limit)
                .query(this::map)
                .list();
    }

    /** The exports' package files of the account or of the person's hash. */
    List<String> exportFiles(@Nullable UUID userId, byte[] subjectHash) {
        return jdbc.sql("""
                        select file_key from privacy_requests
                        where kind = 'export' and file_key is not null
                          and (subject_hash = :hash or user_id = cast(:userId as uuid))""")
                .param("hash", subjectHash)
                .param("userId", userId)
                .query(String.class)
                .list();
    }

    void forgetExportFile(String fileKey) {
        jdbc.sql("update privacy_requests set file_key = null where file_key = ?")
                .param(fileKey)
                .update();
    }

    /** The operators' reasons of the person's requests lose what {@code pattern} matches (see DataSubject#pattern). */
    void redactReasons(@Nullable UUID userId, byte[] subjectHash, String pattern) {
        jdbc.sql("""
                        update privacy_requests set reason = left(regexp_replace(reason, :pattern, '[erased]', 'gi'), 500)
                        where (subject_hash = :hash or user_id = cast(:userId as uuid)) and reason ~* :pattern""")
                .param("hash", subjectHash)
                .param("userId", userId)
                .param("pattern", pattern)
                .update();
    }

    /** Whether the part is pending or failed (a requeued dead letter runs again). */
    boolean partOpen(UUID request, String part) {
        return jdbc.sql("""
                        select exists(select 1 from privacy_request_parts
                                      where request_id = ? and part = ? and status <> 'done')""").params(request, part).query(Boolean.class).single();
    }

    void partDone(UUID request, String part, Instant now) {
        jdbc.sql("""
                        update privacy_request_parts set status = 'done', completed_at = ?
                        where request_id = ? and part = ?""").params(Timestamp.from(now), request, part).update();
    }

    void partFailed(UUID request, String part) {
        jdbc.sql(
                        "update privacy_request_parts set status = 'failed' where request_id = ? and part = ? and status <> 'done'")
                .params(request, part)
                .update();
        failed(request);
    }

    void failed(UUID request) {
        jdbc.sql("update privacy_requests set status = 'failed' where id = ? and status = 'running'")
                .param(request)
                .update();
    }

    /** Parts not done yet; read after locking the request, so that the last part to finish sees the others. */
    int openParts(UUID request) {
        return jdbc.sql("select count(*) from privacy_request_parts where request_id = ? and status <> 'done'")
                .param(request)
                .query(Integer.class)
                .single();
    }

    /** Ends the request: the subject is cleared; an export keeps its package's key. */
    void complete(UUID request, @Nullable String fileKey, Instant now) {
        jdbc.sql("""
                        update privacy_requests set status = 'completed', subject = null, completed_at = ?,
                                                    file_key = coalesce(?, file_key)
                        where id = ?""").params(Timestamp.from(now), fileKey, request).update();
    }

    /** The parts of these requests, in one query, in the order of their names. */
    Map<UUID, List<PrivacyRequest.Part>> parts(Collection<UUID> requests) {
        Map<UUID, List<PrivacyRequest.Part>> parts = new HashMap<>();
        if (requests.isEmpty()) {
            return parts;
        }
        jdbc.sql("""
                        select request_id, part, status, completed_at from privacy_request_parts
                        where request_id = any(:ids) order by request_id, part""").param("ids", requests.toArray(UUID[]::new)).query(rs -> {
            parts.computeIfAbsent(rs.getObject("request_id", UUID.class), id -> new ArrayList<>())
                    .add(new PrivacyRequest.Part(
                            rs.getString("part"), rs.getString("status"), instant(rs.getTimestamp("completed_at"))));
        });
        return parts;
    }

    private Stored map(ResultSet rs, int row) throws SQLException {
        String subject = rs.getString("subject");
        return new Stored(
                rs.getObject("id", UUID.class),
                Kind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)),
                Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
                rs.getObject("user_id", UUID.class),
                subject == null ? null : json.readValue(subject, DataSubject.class),
                rs.getBoolean("self_service"),
                rs.getString("file_key"),
                rs.getTimestamp("created_at").toInstant(),
                instant(rs.getTimestamp("completed_at")));
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
