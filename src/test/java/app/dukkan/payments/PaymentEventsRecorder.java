package app.dukkan.payments;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Test-only listener: records every payment event as other modules would receive it (synchronously,
 * in the processing transaction) and can be told to fail, as a failing listener in another module.
 */
@Component
public class PaymentEventsRecorder {

    private final List<Object> events = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> failuresToCome = new ConcurrentHashMap<>();

    /** The next {@code times} PaymentSucceeded events for {@code reference} throw. */
    public void failSucceeded(String reference, int times) {
        failuresToCome.put(reference, new AtomicInteger(times));
    }

    @EventListener
    void on(PaymentSucceeded event) {
        AtomicInteger failures = failuresToCome.get(event.reference());
        if (failures != null && failures.getAndDecrement() > 0) {
            throw new IllegalStateException("listener failure for " + event.reference());
        }
        events.add(event);
    }

    @EventListener
    void on(PaymentFailed event) {
        events.add(event);
    }

    @EventListener
    void on(PaymentRequiresAction event) {
        events.add(event);
    }

    @EventListener
    void on(PaymentRefunded event) {
        events.add(event);
    }

    @EventListener
    void on(PaymentRefundRefused event) {
        events.add(event);
    }

    @EventListener
    void on(PaymentDisputed event) {
        events.add(event);
    }

    @EventListener
    void on(PaymentDisputeClosed event) {
        events.add(event);
    }

    public <T> List<T> of(Class<T> type, UUID paymentId) {
        return events.stream()
                .filter(type::isInstance)
                .map(type::cast)
                .filter(e -> paymentId.equals(paymentIdOf(e)))
                .toList();
    }

    private static UUID paymentIdOf(Object event) {
        if (event instanceof PaymentSucceeded e) {
            return e.paymentId();
        }
        if (event instanceof PaymentFailed e) {
            return e.paymentId();
        }
        if (event instanceof PaymentRequiresAction e) {
            return e.paymentId();
        }
        if (event instanceof PaymentRefunded e) {
            return e.paymentId();
        }
        if (event instanceof PaymentRefundRefused e) {
            return e.paymentId();
        }
        if (event instanceof PaymentDisputed e) {
            return e.paymentId();
        }
        if (event instanceof PaymentDisputeClosed e) {
            return e.paymentId();
        }
        throw new IllegalArgumentException(event.toString());
    }
}
