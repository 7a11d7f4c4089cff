package app.dukkan.moderation.queue;

import app.dukkan.moderation.ContentRef;
import java.time.Clock;
import org.springframework.stereotype.Component;

/** Closes the queue entry of content that was deleted. */
@Component
public class QueueClosing {

    private final QueueRepository queue;
    private final Clock clock;

    QueueClosing(QueueRepository queue, Clock clock) {
        this.queue = queue;
        this.clock = clock;
    }

    public void forget(ContentRef item) {
        queue.forget(item, clock.instant());
    }
}
