package app.dukkan.automation.run;

import app.dukkan.automation.Run;
import app.dukkan.automation.workflow.CustomerData;
import app.dukkan.platform.TextInput;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Runs and their steps' results. */
@Repository
class RunStore {

    /** Characters of an error kept with the run or step (the column's limit). */
    private static final int MAX_ERROR = 2000;

    /** The run an idempotency key already started, with the hash of the body it came with. */
    record Earlier(UUID runId, String status, byte @Nullable [] payloadSha256) {

        boolean sameBody(byte @Nullable [] sha256) {
            return Arrays.equals(payloadSha256, sha256);
        }

        /** The answer to a repeat of the trigger that started it. */
        RunEngine.Started repeated() {
            return new RunEngine.Started(runId, status, false);
        }
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;

    RunStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Inserts a queued run unless the workflow already has one with that idempotency key.
     *
     * @return whether it was inserted
     */
    boolean insert(
            UUID id,
            UUID workflowId,
            int version,
            String triggerType,
            String payload,
            @Nullable String idempotencyKey,
            byte @Nullable [] payloadSha256,
            Instant at) {
        return jdbc.sql("""
                        insert into automation_runs (id, workflow_id, version, status, trigger_type, payload,
                            idempotency_key, payload_sha256, created_at)
                        values (?, ?, ?, 'queued', ?, ?::jsonb, ?, ?, ?)
                        on conflict (workflow_id, idempotency_key) where idempotency_key is not null do nothing""")
                        .params(
                                id,
                                workflowId,
                                version,
                                triggerType,
                                payload,
                                idempotencyKey,
                                payloadSha256,
                                Timestamp.from(at))
                        .update()
                == 1;
    }

    Optional<Earlier> earlier(UUID workflowId, String idempotencyKey) {
        return jdbc.sql("""
                        select id, status, payload_sha256 from automation_runs
                        where workflow_id = ? and idempotency_key = ?""")
                .params(workflowId, idempotencyKey)
                .query((rs, n) -> new Earlier(
                        rs.getObject("id", UUID.class), rs.getString("status"), rs.getBytes("payload_sha256")))
                .optional();
    }

    /** A run and the steps that started, as the engine needs them before each step: one read. */
    /** A run with its steps, and how often it was resumed. */
    record WithSteps(Run run, int resumes, List<Run.StepRun> steps) {}

    Optional<WithSteps> findWithSteps(UUID id) {
        return jdbc.sql("""
                        select r.*, w.key as workflow_key,
                               (select coalesce(json_agg(s order by s.position), '[]') from automation_step_runs s
                                where s.run_id = r.id) as steps
                        from automation_runs r join automation_workflows w on w.id = r.workflow_id where r.id = ?""")
                .param(id)
                .query((rs, n) ->
                        new WithSteps(run(rs, n), rs.getInt("resumes"), stepRuns(json.readTree(rs.getString("steps")))))
                .optional();
    }

    private static List<Run.StepRun> stepRuns(JsonNode rows) {
        List<Run.StepRun> steps = new java.util.ArrayList<>(rows.size());
        for (JsonNode row : rows) {
            JsonNode output = row.get("output");
            steps.add(new Run.StepRun(
                    row.get("position").asInt(),
                    row.get("step").asString(),
                    row.get("connector").asString(),
                    row.get("status").asString(),
                    row.get("attempts").asInt(),
                    output == null || output.isNull() ? null : output,
                    text(row, "provider_message_id"),
                    text(row, "error"),
                    OffsetDateTime.parse(row.get("started_at").asString()).toInstant(),
                    row.hasNonNull("finished_at")
                            ? OffsetDateTime.parse(row.get("finished_at").asString())
                                    .toInstant()
                            : null));
        }
        return steps;
    }

    private static @Nullable String text(JsonNode row, String field) {
        return row.hasNonNull(field) ? row.get(field).asString() : null;
    }

    Optional<Run> find(UUID id) {
        return jdbc.sql("""
                        select r.*, w.key as workflow_key from automation_runs r
                        join automation_workflows w on w.id = r.workflow_id where r.id = ?""").param(id).query(this::run).optional();
    }

    /**
     * Runs newest first, optionally of one workflow and in one status, after a cursor (a run id),
     * without those of versions that hand customers' data to their steps when {@code hideCustomerData}.
     */
    List<Run> page(
            @Nullable UUID workflowId,
            @Nullable String status,
            @Nullable UUID before,
            boolean hideCustomerData,
            int limit) {
        return jdbc.sql("""
                        select r.*, w.key as workflow_key from automation_runs r
                        join automation_workflows w on w.id = r.workflow_id
                        where (cast(:workflow as uuid) is null or r.workflow_id = :workflow)
                          and (cast(:status as text) is null or r.status = :status)
                          and (cast(:before as uuid) is null or r.id < :before)
                          and (not :hideCustomerData or not %s)
                        order by r.id desc limit :limit""".formatted(CustomerData.runOf("r.id")))
                .param("workflow", workflowId)
                .param("status", status)
                .param("before", before)
                .param("hideCustomerData", hideCustomerData)
                .param("limit", limit)
                .query(this::run)
                .list();
    }

    List<Run.StepRun> steps(UUID runId) {
        return jdbc.sql("select * from automation_step_runs where run_id = ? order by position")
                .param(runId)
                .query(this::stepRun)
                .list();
    }

    /**
     * Marks a failed run running again and counts the resume, in one conditional update: of two
     * resumes at once, only one finds it failed.
     *
     * @return the run's count of resumes, or empty when it had not failed
     */
    Optional<Integer> resume(UUID runId) {
        return jdbc.sql("""
                        update automation_runs set status = 'running', resumes = resumes + 1, failed_step = null,
                               error = null, finished_at = null
                        where id = ? and status = 'failed' returning resumes""").param(runId).query(Integer.class).optional();
    }

    /** Marks the run running (also a failed one whose dead letter is replayed); false when it has finished well. */
    boolean running(UUID runId) {
        return jdbc.sql("""
                        update automation_runs set status = 'running', failed_step = null, error = null, finished_at = null
                        where id = ? and status <> 'succeeded'""").param(runId).update() == 1;
    }

    /** Records that a step starts (again); returns its attempt number. */
    int startStep(UUID runId, int position, String step, String connector, Instant at) {
        return jdbc.sql("""
                        insert into automation_step_runs (run_id, position, step, connector, status, attempts, started_at)
                        values (?, ?, ?, ?, 'running', 1, ?)
                        on conflict (run_id, position) do update
                            set status = 'running', attempts = automation_step_runs.attempts + 1, error = null,
                                started_at = excluded.started_at, finished_at = null
                        returning attempts""")
                .params(runId, position, step, connector, Timestamp.from(at))
                .query(Integer.class)
                .single();
    }

    void succeedStep(UUID runId, int position, JsonNode output, @Nullable String providerMessageId, Instant at) {
        jdbc.sql("""
                        update automation_step_runs set status = 'succeeded', output = ?::jsonb, provider_message_id = ?,
                            error = null, finished_at = ?
                        where run_id = ? and position = ?""")
                .params(json.writeValueAsString(output), providerMessageId, Timestamp.from(at), runId, position)
                .update();
    }

    void skipStep(UUID runId, int position, String step, String connector, Instant at) {
        jdbc.sql("""
                        insert into automation_step_runs (run_id, position, step, connector, status, attempts, started_at,
                            finished_at)
                        values (?, ?, ?, ?, 'skipped', 0, ?, ?)
                        on conflict (run_id, position) do update set status = 'skipped', finished_at = excluded.finished_at""")
                .params(runId, position, step, connector, Timestamp.from(at), Timestamp.from(at))
                .update();
    }

    /** What a step with {@code forEach} has done so far, kept between its attempts. */
    void stepProgress(UUID runId, int position, JsonNode progress) {
        jdbc.sql("update automation_step_runs set output = ?::jsonb where run_id = ? and position = ?")
                .params(json.writeValueAsString(progress), runId, position)
                .update();
    }

    /** The target's circuit is open: no call was made, so the attempt does not count. */
    void waiting(UUID runId, int position, String reason) {
        jdbc.sql("""
                        update automation_step_runs set attempts = greatest(attempts - 1, 0), error = ?
                        where run_id = ? and position = ?""").params(TextInput.clip(reason, MAX_ERROR), runId, position).update();
    }

    /** A failed attempt: the error is kept while the step waits for its next one. */
    void stepError(UUID runId, int position, String error) {
        jdbc.sql("update automation_step_runs set error = ? where run_id = ? and position = ?")
                .params(TextInput.clip(error, MAX_ERROR), runId, position)
                .update();
    }

    void fail(UUID runId, int position, String step, String error, Instant at) {
        jdbc.sql("""
                        update automation_step_runs set status = 'failed', error = ?, finished_at = ?
                        where run_id = ? and position = ?""")
                .params(TextInput.clip(error, MAX_ERROR), Timestamp.from(at), runId, position)
                .update();
        jdbc.sql("""
                        update automation_runs set status = 'failed', failed_step = ?, error = ?, finished_at = ?
                        where id = ?""")
                .params(step, TextInput.clip(error, MAX_ERROR), Timestamp.from(at), runId)
                .update();
    }

    void succeed(UUID runId, Instant at) {
        jdbc.sql("update automation_runs set status = 'succeeded', finished_at = ? where id = ?")
                .params(Timestamp.from(at), runId)
                .update();
    }

    private Run run(ResultSet rs, int row) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        return new Run(
                rs.getObject("id", UUID.class),
                rs.getObject("workflow_id", UUID.class),
                rs.getString("workflow_key"),
                rs.getInt("version"),
                rs.getString("status"),
                rs.getString("trigger_type"),
                json.readTree(rs.getString("payload")),
                rs.getString("failed_step"),
                rs.getString("error"),
                rs.getTimestamp("created_at").toInstant(),
                finished == null ? null : finished.toInstant());
    }

    private Run.StepRun stepRun(ResultSet rs, int row) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        String output = rs.getString("output");
        return new Run.StepRun(
                rs.getInt("position"),
                rs.getString("step"),
                rs.getString("connector"),
                rs.getString("status"),
                rs.getInt("attempts"),
                output == null ? null : json.readTree(output),
                rs.getString("provider_message_id"),
                rs.getString("error"),
                rs.getTimestamp("started_at").toInstant(),
                finished == null ? null : finished.toInstant());
    }
}
