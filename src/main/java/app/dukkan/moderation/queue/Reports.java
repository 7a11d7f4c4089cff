package app.dukkan.moderation.queue;

import app.dukkan.identity.UserId;
import app.dukkan.identity.limits.MemberLimit;
import app.dukkan.identity.limits.RateLimits;
import app.dukkan.moderation.ContentFlagged;
import app.dukkan.moderation.ContentKind;
import app.dukkan.moderation.ModeratedContent;
import app.dukkan.moderation.ModerationQueue;
import app.dukkan.platform.Ids;
import app.dukkan.platform.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * People's reports: one per user and item, of items they can see and did not write; enough
 * reports from distinct users hide the item until an operator reviews it.
 */
@Service
@EnableConfigurationProperties(ModerationProperties.class)
class Reports {

    /** What a report answers. */
    record Filed(UUID id, String kind, UUID itemId, String reason, Instant createdAt) {}

    private final QueueRepository queue;
    private final ContentDirectory contents;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final int autoHide;
    private final MemberLimit limit;

    Reports(
            QueueRepository queue,
            ContentDirectory contents,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactions,
            Clock clock,
            RateLimits limits,
            ModerationProperties properties) {
        this.queue = queue;
        this.contents = contents;
        this.events = events;
        this.transactions = new TransactionTemplate(transactions);
        this.clock = clock;
        this.autoHide = properties.autoHideReports();
        var reportLimits = properties.reportLimits();
        this.limit =
                limits.perMember("report", reportLimits.perUser(), reportLimits.perAddress(), reportLimits.window());
    }

    /**
     * Files a report; 400 for a reason not in the list or a note too long, 429 past the limits, 404
     * for an item the reporter cannot see, 422 {@code own-content}, 409 {@code already-reported}.
     */
    Filed report(
            ContentKind kind, String key, UserId reporter, String clientAddress, String reason, @Nullable String note) {
        if (!ModerationQueue.REPORT_REASONS.contains(reason)) {
            throw ProblemException.invalid("reason", "one of " + String.join(", ", ModerationQueue.REPORT_REASONS));
        }
        String text = note == null || note.isBlank() ? null : note.strip();
        if (text != null && text.length() > ModerationQueue.MAX_REASON) {
            throw ProblemException.invalid("note", "at most " + ModerationQueue.MAX_REASON + " characters");
        }
        limit.acquire(reporter, clientAddress);
        return transactions.execute(status -> file(kind, key, reporter, reason, text));
    }

    private Filed file(ContentKind kind, String key, UserId reporter, String reason, @Nullable String note) {
        ModeratedContent content = contents.get(kind);
        // the item before its entry, as its author's changes lock them, and as it stands under the lock
        ModeratedContent.Summary item = content.find(key)
                .flatMap(found -> content.lock(found.ref().id()))
                .filter(summary -> ModeratedContent.visibleTo(summary, reporter))
                .orElseThrow(() -> ProblemException.notFound(kind.code(), key));
        if (item.author().equals(reporter)) {
            throw new ProblemException(
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    "own-content",
                    "Your own content",
                    "You cannot report what you wrote yourself",
                    List.of());
        }
        Instant now = clock.instant();
        UUID id = Ids.newId(clock);
        if (!queue.report(id, item.ref(), reporter.value(), reason, note, now)) {
            throw new ProblemException(
                    HttpStatus.CONFLICT,
                    "already-reported",
                    "Already reported",
                    "You reported this " + kind.code() + " already",
                    List.of());
        }
        QueueRepository.Counted entry = queue.reported(
                Ids.newId(clock),
                item.ref(),
                item.author().value(),
                Flagging.excerpt(item.excerpt()),
                item.path(),
                item.state() == ModeratedContent.State.HIDDEN,
                now);
        if (entry.reportCount() >= autoHide && !entry.hidden() && item.state() == ModeratedContent.State.VISIBLE) {
            content.hide(item.ref().id());
            queue.hiddenByReports(entry.id());
            events.publishEvent(
                    new ContentFlagged(item.ref(), item.author(), "reports", true, List.of(), entry.opening()));
        }
        return new Filed(id, kind.code(), item.ref().id(), reason, now);
    }
}
