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
}
