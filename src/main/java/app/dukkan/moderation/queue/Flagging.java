package app.dukkan.moderation.queue;

import app.dukkan.identity.UserId;
import app.dukkan.moderation.ContentFlagged;
import app.dukkan.moderation.ContentRef;
import app.dukkan.moderation.ModeratedContent;
import app.dukkan.platform.Ids;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Puts screened content into the queue in the caller's transaction. */
@Component
public class Flagging {

    /** The longest excerpt kept with an entry. */
    static final int EXCERPT = 280;

    private final QueueRepository queue;
    private final ContentDirectory contents;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Flagging(QueueRepository queue, ContentDirectory contents, ApplicationEventPublisher events, Clock clock) {
        this.queue = queue;
        this.contents = contents;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Opens (or updates) the item's entry with the rules that matched and publishes {@link
     * ContentFlagged} when the item enters the queue or gets hidden in it (a rule matching again
     * while the entry waits raises nothing new). The item's link is looked up just before the
     * transaction commits, when the caller has stored the item.
     */
    public void flag(ContentRef item, UserId author, List<String> texts, List<String> rules, boolean hidden) {
        String excerpt = excerpt(
                String.join(" · ", texts.stream().filter(t -> !t.isBlank()).toList()));
        QueueRepository.Flagged entry =
                queue.flagged(Ids.newId(clock), item, author.value(), rules, excerpt, hidden, clock.instant());
        if (entry.raised()) {
            events.publishEvent(new ContentFlagged(item, author, "rule", hidden, rules, entry.opening()));
        }
        whenSaved(item, summary -> queue.path(entry.id(), summary.path(), excerpt(summary.excerpt())));
    }

    /**
     * Content its author changed while it waits in the queue (hidden, reported) keeps the text it
     * was raised for and shows operators the one a restore would show beside it.
     */
    public void changed(ContentRef item) {
        queue.openEntry(item)
                .ifPresent(entry ->
                        whenSaved(item, summary -> queue.edited(entry, summary.path(), excerpt(summary.excerpt()))));
    }

    /** Reads the item as the caller's transaction leaves it, just before it commits. */
    private void whenSaved(ContentRef item, Consumer<ModeratedContent.Summary> use) {
        Runnable read = () -> contents.find(item.kind())
                .flatMap(content -> content.find(item.id()))
                .ifPresent(use);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    read.run();
                }
            });
        } else {
            read.run();
        }
    }

    static String excerpt(String text) {
        return text.length() <= EXCERPT ? text : text.substring(0, EXCERPT - 1) + "…";
    }
}
