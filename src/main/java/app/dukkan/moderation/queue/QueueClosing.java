package app.dukkan.moderation.queue;

import app.dukkan.moderation.ContentRef;
import java.time.Clock;
import java.util.Collection;
import org.springframework.stereotype.Component;

/** Closes the queue entries of content that was deleted. */
@Component
public class QueueClosing {

    private final QueueRepository queue;
    private final Clock clock;

    QueueClosing(QueueRepository queue, Clock clock) {
        this.queue = queue;
        this.clock = clock;
    }

    public void forget(Collection<ContentRef> items) {
        if (!items.isEmpty()) {
            queue.forget(items, clock.instant());
        }
    }
}
