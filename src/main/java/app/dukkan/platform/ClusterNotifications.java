package app.dukkan.platform;

import java.util.function.Consumer;

/**
 * Tells every instance of the shop that something changed (e.g. to drop a cache). Published
 * notifications are delivered after the publishing transaction commits, and never if it rolls back.
 */
public interface ClusterNotifications {

    /** Publishes within the current transaction, if any; channel names are lower-case words. */
    void publish(String channel, String payload);

    /** Calls the listener for every notification on the channel, on every instance including this one. */
    void subscribe(String channel, Consumer<String> listener);

    /**
     * Calls {@code resync} whenever this instance may have missed notifications: each time it has
     * begun listening, at start-up and after its listening connection was lost and is back. A
     * subscriber re-reads there what it keeps, as a notification would have made it.
     */
    void onMissed(Runnable resync);
}
