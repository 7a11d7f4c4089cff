package app.dukkan.platform.jobs;

import app.dukkan.platform.JobQueues;
import app.dukkan.platform.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Admin: job queues")
@PreAuthorize("hasRole('ADMIN')")
@Validated
class QueueAdminController {

    /** Exactly one of the three: a dead letter's id, a task name (all of its dead letters), or all. */
    record RequeueRequest(
            @Nullable String id,
            @Nullable String task,
            @Nullable Boolean all) {}

    private final JobQueues queues;

    QueueAdminController(JobQueues queues) {
        this.queues = queues;
    }

    @GetMapping("/api/v1/admin/queues/stats")
    @Operation(
            summary = "Job counts per queue and per task",
            description = "Per queue (critical, default, bulk) and per task: depth (waiting, due now or later),"
                    + " due, running (picked by a worker), failed (waiting for a retry) and dead (dead letters"
                    + " not replayed). Admins only.")
    JobQueues.Stats stats() {
        return queues.stats();
    }

    @GetMapping("/api/v1/admin/queues/dlq")
    @Operation(
            summary = "Dead letters, newest first",
            description = "Jobs that failed every attempt, with payload, last error, attempts and timestamps."
                    + " Filter by task; include_requeued also lists those already replayed. Admins only.")
    JobQueues.DeadLetterPage deadLetters(
            @RequestParam(required = false) @Nullable String task,
            @RequestParam(name = "include_requeued", defaultValue = "false") boolean includeRequeued,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return queues.deadLetters(task == null || task.isBlank() ? null : task, includeRequeued, page, size);
    }

    @PostMapping("/api/v1/admin/queues/dlq/requeue")
    @Operation(
            summary = "Replay dead letters",
            description = "Body: exactly one of {\"id\": \"…\"}, {\"task\": \"…\"} (every waiting dead letter of"
                    + " that task) or {\"all\": true}. Each dead letter is replayed once, with its original"
                    + " payload and a fresh set of attempts. Answers the number replayed; an unknown or already"
                    + " replayed id is 404. Admins only.")
    Map<String, Integer> requeue(@RequestBody RequeueRequest request) {
        int given = (request.id() != null ? 1 : 0) + (request.task() != null ? 1 : 0) + (request.all() != null ? 1 : 0);
        if (given != 1) {
            throw ProblemException.invalid("id", "give exactly one of id, task or all");
        }
        if (request.id() != null) {
            UUID id;
            try {
                id = UUID.fromString(request.id());
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("id", "not a dead letter id");
            }
            if (!queues.requeue(id)) {
                throw ProblemException.notFound("dead letter waiting for replay", id);
            }
            return Map.of("requeued", 1);
        }
        if (request.task() != null) {
            if (request.task().isBlank()) {
                throw ProblemException.invalid("task", "must name a task");
            }
            return Map.of("requeued", queues.requeueAll(request.task()));
        }
        if (!Boolean.TRUE.equals(request.all())) {
            throw ProblemException.invalid("all", "must be true");
        }
        return Map.of("requeued", queues.requeueAll(null));
    }
}
