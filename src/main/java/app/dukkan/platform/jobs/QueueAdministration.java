package app.dukkan.platform.jobs;

import app.dukkan.platform.AuditLog;
import app.dukkan.platform.JobQueue;
import app.dukkan.platform.JobQueues;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

@Service
class QueueAdministration implements JobQueues {

    /** Dead letters replayed per transaction by {@link #requeueAll}. */
    static final int REQUEUE_BATCH = 200;

    private final JdbcClient jdbc;
    private final DeadLetters deadLetters;
    private final TransactionTemplate transactions;
    private final AuditLog audit;
    private final Clock clock;

    QueueAdministration(
            JdbcClient jdbc, DeadLetters deadLetters, TransactionTemplate transactions, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.deadLetters = deadLetters;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    private record Row(String task, String queue, long depth, long due, long running, long failed, long dead) {}

    @Override
    public Stats stats() {
        // One scan of the job table and of the postponed bulk jobs (waiting, never due), grouped by
        // task; the dead letters through their partial index. "due" compares with the database's
        // clock, as db-scheduler's own queries do with the JVM's.
        List<Row> scheduled = jdbc.sql("""
                        select task_name, coalesce(priority, ?) as priority,
                               count(*) filter (where not picked) as depth,
                               count(*) filter (where not picked and not postponed and execution_time <= now()) as due,
                               count(*) filter (where picked) as running,
                               count(*) filter (where coalesce(consecutive_failures, 0) > 0) as failed
                        from (select task_name, priority, picked, execution_time, consecutive_failures, false as postponed
                              from scheduled_tasks
                              union all
                              select task_name, priority, false, due_by, 0, true from postponed_jobs) as jobs
                        group by 1, 2""")
                .param(JobQueue.DEFAULT.priority())
                .query((rs, n) -> new Row(
                        rs.getString("task_name"),
                        name(JobQueue.ofPriority(rs.getInt("priority"))),
                        rs.getLong("depth"),
                        rs.getLong("due"),
                        rs.getLong("running"),
                        rs.getLong("failed"),
                        0))
                .list();
        List<Row> dead = jdbc.sql("""
                        select task_name, queue, count(*) as dead from job_dead_letters
                        where requeued_at is null group by 1, 2""")
                .query((rs, n) ->
                        new Row(rs.getString("task_name"), rs.getString("queue"), 0, 0, 0, 0, rs.getLong("dead")))
                .list();

        Map<JobQueue, long[]> queues = new EnumMap<>(JobQueue.class);
        for (JobQueue queue : JobQueue.values()) {
            queues.put(queue, new long[5]);
        }
        Map<String, long[]> tasks = new TreeMap<>();
        Map<String, String> taskQueues = new TreeMap<>();
        for (List<Row> rows : List.of(scheduled, dead)) {
            for (Row row : rows) {
                long[] values = {row.depth(), row.due(), row.running(), row.failed(), row.dead()};
                add(queues.get(JobQueue.valueOf(row.queue().toUpperCase(Locale.ROOT))), values);
                add(tasks.computeIfAbsent(row.task(), t -> new long[5]), values);
                taskQueues.putIfAbsent(row.task(), row.queue());
            }
        }
        List<QueueCounts> queueCounts = new ArrayList<>();
        queues.forEach((queue, values) -> queueCounts.add(new QueueCounts(name(queue), counts(values))));
        List<TaskCounts> taskCounts = new ArrayList<>();
        tasks.forEach((task, values) -> taskCounts.add(new TaskCounts(task, taskQueues.get(task), counts(values))));
        return new Stats(List.copyOf(queueCounts), List.copyOf(taskCounts), clock.instant());
    }

    @Override
    public DeadLetterPage deadLetters(@Nullable String task, boolean includeRequeued, int page, int size) {
        String where = " where (cast(:task as text) is null or task_name = :task)"
                + (includeRequeued ? "" : " and requeued_at is null");
        long total = jdbc.sql("select count(*) from job_dead_letters" + where)
                .param("task", task)
                .query(Long.class)
                .single();
        List<DeadLetter> items = jdbc.sql("select * from job_dead_letters" + where
                        + " order by failed_at desc, id desc limit :size offset :offset")
                .param("task", task)
                .param("size", size)
                .param("offset", (long) page * size)
                .query((rs, n) -> deadLetter(rs))
                .list();
        return new DeadLetterPage(items, page, size, total);
    }

    @Override
    public boolean requeue(UUID id) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            boolean replayed = deadLetters.requeue(id);
            if (replayed) {
                audit.record("dead-letter.replayed", "dead-letter", id.toString(), null, Map.of());
            }
            return replayed;
        }));
    }

    @Override
    public int forget(String pattern) {
        // job data is JSON in bytea (db-scheduler's column); a running job finishes as it is, and the
        // erasure's own jobs (which name requests, not people) are never taken for the person's
        int jobs = jdbc.sql("""
                        delete from scheduled_tasks
                        where not picked and task_data is not null and task_name not like 'privacy-%'
                          and convert_from(task_data, 'UTF8') ~* :pattern""").param("pattern", pattern).update();
        int postponed = jdbc.sql("""
                        delete from postponed_jobs
                        where task_data is not null and convert_from(task_data, 'UTF8') ~* :pattern""").param("pattern", pattern).update();
        int letters = jdbc.sql("""
                        update job_dead_letters
                        set payload = redact_jsonb(payload, :pattern, '[erased]'),
                            last_error = regexp_replace(last_error, :pattern, '[erased]', 'gi')
                        where cast(payload as text) ~* :pattern or last_error ~* :pattern""").param("pattern", pattern).update();
        return jobs + postponed + letters;
    }

    @Override
    public int requeueAll(@Nullable String task) {
        int total = 0;
        // the letters there when the call began: a replayed job that fails again while later batches
        // are replayed is a new letter, for the next call, never replayed twice by this one
        Timestamp began = Timestamp.from(clock.instant());
        while (true) {
            // a batch per transaction; rows another operator is replaying right now are skipped,
            // and requeue() marks each one conditionally, so every dead letter is replayed once
            Integer replayed = transactions.execute(status -> {
                List<UUID> ids = jdbc.sql("""
                                select id from job_dead_letters
                                where requeued_at is null and (cast(:task as text) is null or task_name = :task)
                                  and failed_at <= :began
                                order by failed_at, id limit :limit for update skip locked""")
                        .param("task", task)
                        .param("began", began)
                        .param("limit", REQUEUE_BATCH)
                        .query(UUID.class)
                        .list();
                int count = 0;
                for (UUID id : ids) {
                    if (deadLetters.requeue(id)) {
                        audit.record(
                                "dead-letter.replayed",
                                "dead-letter",
                                id.toString(),
                                null,
                                Map.of("task", task == null ? "*" : task));
                        count++;
                    }
                }
                return ids.isEmpty() ? -1 : count;
            });
            if (replayed == null || replayed < 0) {
                return total;
            }
            total += replayed;
        }
    }

    static String name(JobQueue queue) {
        return queue.name().toLowerCase(Locale.ROOT);
    }

    private static void add(long[] sum, long[] values) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += values[i];
        }
    }

    private static Counts counts(long[] v) {
        return new Counts(v[0], v[1], v[2], v[3], v[4]);
    }

    private static DeadLetter deadLetter(ResultSet rs) throws SQLException {
        Timestamp requeued = rs.getTimestamp("requeued_at");
        return new DeadLetter(
                rs.getObject("id", UUID.class),
                rs.getString("task_name"),
                rs.getString("task_instance"),
                rs.getString("queue"),
                rs.getString("payload"),
                rs.getString("last_error"),
                rs.getInt("attempts"),
                rs.getTimestamp("enqueued_at").toInstant(),
                rs.getTimestamp("failed_at").toInstant(),
                requeued == null ? null : requeued.toInstant());
    }
}
