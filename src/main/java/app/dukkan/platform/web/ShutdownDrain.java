package app.dukkan.platform.web;

import app.dukkan.platform.DatabaseInfo;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * On shutdown (SIGTERM) the instance first answers 503 on {@code /readyz} while it goes on serving,
 * for {@code dukkan.web.shutdown-delay}, so that load balancers stop sending it requests before it
 * stops accepting them; only then does the web server drain and stop. Without the delay a request
 * routed in the moment between the signal and the balancer noticing is refused. On the embedded
 * database there is no balancer to wait for (one instance), and the server stops with the JVM
 * anyway: no delay then.
 */
@Component
@ConditionalOnWebApplication
class ShutdownDrain implements SmartLifecycle {

    private final ApplicationContext context;
    private final Duration delay;
    private volatile boolean running;
    private volatile boolean stoppedBefore;

    ShutdownDrain(
            ApplicationContext context,
            DatabaseInfo database,
            @Value("${dukkan.web.shutdown-delay:5s}") Duration delay) {
        this.context = context;
        this.delay = database.embedded() ? Duration.ZERO : delay;
    }

    @Override
    public void start() {
        if (stoppedBefore) {
            // a context stopped and started again (not closed) serves again
            AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        stoppedBefore = true;
        AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** A paused context (the test framework pauses the ones it caches) keeps answering as it was. */
    @Override
    public boolean isPauseable() {
        return false;
    }

    /** Stops first: before the web server's graceful shutdown and everything else. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
