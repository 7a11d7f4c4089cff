package app.dukkan.privacy.request;

import app.dukkan.platform.AuditLog;
import app.dukkan.platform.FileStore;
import app.dukkan.platform.JobDeadLettered;
import app.dukkan.platform.JobQueue;
import app.dukkan.platform.JobType;
import app.dukkan.platform.RetryPolicy;
import app.dukkan.privacy.DataSubject;
import app.dukkan.privacy.PersonalData;
import app.dukkan.privacy.PrivacyRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The jobs of privacy requests: one builds an export's package; an erasure has one per part, each
 * erasing and recording its part in one transaction, the last of them completing the request.
 */
@Component
class PrivacyJobs {

    /** Builds an export's package; retried with back-off (about 10 minutes in all), then a dead letter. */
    static final JobType<Export> EXPORT = new JobType<>(
            "privacy-export", Export.class, JobQueue.DEFAULT, RetryPolicy.exponential(6, Duration.ofSeconds(10)));

    /** Erases one module's part; retried with back-off (about 20 minutes in all), then a dead letter. */
    static final JobType<Erase> ERASE = new JobType<>(
            "privacy-erase", Erase.class, JobQueue.DEFAULT, RetryPolicy.exponential(8, Duration.ofSeconds(5)));

    record Export(UUID requestId) {}

    record Erase(UUID requestId, String part) {}

    private static final Logger log = LoggerFactory.getLogger(PrivacyJobs.class);

    private final PrivacyRequestRepository requests;
    private final PersonalParts parts;
    private final SubjectHashes hashes;
    private final FileStore files;
    private final AuditLog audit;
    private final JsonMapper json;
    private final TransactionTemplate transaction;
    private final Clock clock;

    PrivacyJobs(
            PrivacyRequestRepository requests,
            PersonalParts parts,
            SubjectHashes hashes,
            FileStore files,
            AuditLog audit,
            JsonMapper json,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.requests = requests;
        this.parts = parts;
        this.hashes = hashes;
        this.files = files;
        this.audit = audit;
        this.json = json;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * Asks every part for its export and stores the package under a key of the request's own, so a
     * repeated run overwrites what an earlier one stored before dying.
     */
    void export(Export job) {
        PrivacyRequestRepository.Stored request = requests.find(job.requestId()).orElse(null);
        if (request == null || request.status() == PrivacyRequest.Status.COMPLETED || request.subject() == null) {
            return;
        }
        // by identifiers only, not by name, which others share: the package must carry no one else's
        // data; and by what the parts found the person by, as an erasure does (PersonalData#identify)
        DataSubject subject = request.subject().identifiers();
        DataSubject known = parts.identify(subject).identifiers();
        if (requests.erasedSince(hashes.of(subject), request.createdAt())) {
            // erased (or being erased) since: no package of what is being deleted
            transaction.executeWithoutResult(status -> requests.complete(request.id(), null, now()));
            return;
        }
        Map<String, Object> sections = new LinkedHashMap<>();
        for (PersonalData part : parts.all()) {
            sections.put(part.part(), PersonalParts.export(part, known));
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("id", request.id());
        meta.put("kind", request.kind().code());
        meta.put("self_service", request.selfService());
        meta.put("requested_at", request.createdAt());
        meta.put("generated_at", now());
        Map<String, Object> pack = new LinkedHashMap<>();
        pack.put("request", meta);
        pack.put("parts", sections);
        byte[] content = json.writeValueAsBytes(pack);
        String key = FileStore.PRIVATE_PREFIX + "privacy/exports/" + request.id() + "/export-" + request.id() + ".json";
        files.store(key, content);
        boolean erasedMeanwhile = Boolean.TRUE.equals(transaction.execute(status -> {
            // an erasure that began while the package was built: its own part deletes packages
            // recorded before it, this one is not to be recorded at all
            if (requests.erasedSince(hashes.of(subject), request.createdAt())) {
                requests.complete(request.id(), null, now());
                return true;
            }
            requests.complete(request.id(), key, now());
            audit.record(
                    "privacy.export-completed",
                    "privacy-request",
                    request.id().toString(),
                    null,
                    Map.of("parts", sections.size(), "bytes", content.length));
            return false;
        }));
        if (erasedMeanwhile) {
            files.delete(key);
            log.info("Export {} dropped: its person is being erased", request.id());
            return;
        }
        log.info("Export {} stored ({} bytes)", request.id(), content.length);
    }

    /**
     * Erases the part and records it in one transaction, then, under the request's lock, completes
     * the request when no other part is left: the last part to finish sees all the others.
     */
    void erase(Erase job) {
        transaction.executeWithoutResult(status -> {
            PrivacyRequestRepository.Stored request =
                    requests.find(job.requestId()).orElse(null);
            if (request == null || !requests.partOpen(request.id(), job.part())) {
                return;
            }
            if (request.subject() == null) {
                throw new IllegalStateException("erasure " + request.id() + " has no subject left");
            }
            PersonalData part = parts.get(job.part())
                    .orElseThrow(() -> new IllegalStateException("no personal-data part " + job.part()));
            PersonalParts.erase(part, request.subject());
            Instant now = now();
            requests.partDone(request.id(), job.part(), now);
            requests.lock(request.id());
            if (requests.openParts(request.id()) == 0) {
                requests.complete(request.id(), null, now);
                audit.record(
                        "privacy.erasure-completed",
                        "privacy-request",
                        request.id().toString(),
                        null,
                        Map.of("parts", parts.names().size()));
                log.info("Erasure {} completed", request.id());
            }
        });
    }

    /** A part that failed for good shows as failed, and so does its request, until it is requeued. */
    @EventListener
    void on(JobDeadLettered deadLettered) {
        if (deadLettered.task().equals(ERASE.name())) {
            Erase job = json.readValue(deadLettered.payload(), Erase.class);
            requests.partFailed(job.requestId(), job.part());
        } else if (deadLettered.task().equals(EXPORT.name())) {
            Export job = json.readValue(deadLettered.payload(), Export.class);
            requests.failed(job.requestId());
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
