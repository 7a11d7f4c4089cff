package app.dukkan.platform;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What an operator sees of the jobs and does with the dead letters: the admin API and the {@code
 * dlq} command of the jar both use this.
 */
public interface JobQueues {

    /** Counts read now from the job table and the dead letters. */
    Stats stats();

    /** Dead letters, newest first; with {@code includeRequeued} also those already replayed. */
    DeadLetterPage deadLetters(@Nullable String task, boolean includeRequeued, int page, int size);

    /**
     * Replays one dead letter with its original payload, exactly once.
     *
     * @return false when there is no such dead letter or it was replayed already
     */
    boolean requeue(UUID id);

    /** Replays every waiting dead letter of {@code task}, or all of them when it is null. */
    int requeueAll(@Nullable String task);

    /**
     * Forgets a person for an erasure, in the caller's transaction: jobs waiting to run (not picked)
     * whose payload {@code pattern} matches (a PostgreSQL regular expression of what names them,
     * case-insensitive) are deleted, since they would act on someone who is gone (a mail still to
     * retry, say); dead letters keep their place with what matches rewritten to {@code [erased]}.
     *
     * @return how many jobs and dead letters changed
     */
    int forget(String pattern);

    /**
     * @param depth jobs waiting, due now or scheduled for later (not picked by a worker)
     * @param due of those, the ones whose time has come
     * @param running picked by a worker
     * @param failed waiting for a retry after at least one failed run
     * @param dead dead letters not replayed
     */
    record Counts(long depth, long due, long running, long failed, long dead) {}

    record QueueCounts(String queue, Counts counts) {}

    record TaskCounts(String task, String queue, Counts counts) {}

    record Stats(List<QueueCounts> queues, List<TaskCounts> tasks, Instant at) {

        public Counts queue(JobQueue queue) {
            String name = queue.name().toLowerCase(java.util.Locale.ROOT);
            return queues.stream()
                    .filter(q -> q.queue().equals(name))
                    .map(QueueCounts::counts)
                    .findFirst()
                    .orElse(new Counts(0, 0, 0, 0, 0));
        }
    }

    record DeadLetter(
            UUID id,
            String task,
            String key,
            String queue,
            String payload,
            String lastError,
            int attempts,
            Instant enqueuedAt,
            Instant failedAt,
            @Nullable Instant requeuedAt) {}

    record DeadLetterPage(List<DeadLetter> items, int page, int size, long total) {}
}
