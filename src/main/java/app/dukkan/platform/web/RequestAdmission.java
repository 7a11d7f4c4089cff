package app.dukkan.platform.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads (GET, HEAD) run a few at a time, in the order they arrived; the others wait for their turn.
 *
 * <p>Tomcat's own queue is not first come, first served: a worker that finishes a request on a
 * keep-alive connection whose next request has already arrived serves that one too, so busy
 * connections keep their worker while others wait. With a small worker pool that made a few
 * requests wait many times longer than the rest (ADR 0026). Here every read waits in one fair
 * queue, and the workers are plenty. Writes are left out: their bodies arrive at the client's pace,
 * and a slow upload must not hold a place that reads are waiting for. Health probes and metrics are
 * left out too, so that an instance under load still answers them, and so are the static assets
 * (files served from memory), so that the busy page a refused shopper sees has its styles.
 *
 * <p>A read that waited {@code max-wait} is refused with 503 and {@code Retry-After}: a shop that
 * cannot keep up sheds load instead of letting every request time out.
 */
class RequestAdmission extends OncePerRequestFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD");

    private final Semaphore places;
    private final long maxWaitNanos;
    private final Timer waits;
    private final Counter refusals;

    RequestAdmission(AdmissionProperties properties, MeterRegistry registry) {
        this.places = new Semaphore(properties.concurrentReadsOrDefault(), true);
        this.maxWaitNanos = properties.maxWait().toNanos();
        this.waits = Timer.builder("dukkan.web.admission.wait")
                .description("Time reads waited for their turn")
                .register(registry);
        this.refusals = Counter.builder("dukkan.web.admission.refused")
                .description("Reads refused with 503 after waiting the longest they may")
                .register(registry);
        Gauge.builder("dukkan.web.admission.waiting", places, Semaphore::getQueueLength)
                .description("Reads waiting for their turn")
                .register(registry);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (!READS.contains(request.getMethod())) {
            return true;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/livez")
                || path.equals("/readyz")
                || path.equals("/health/metrics")
                || path.startsWith("/actuator/")
                || path.startsWith("/assets/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        boolean admitted;
        try {
            admitted = places.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        waits.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        if (!admitted) {
            refusals.increment();
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            // the error page or problem detail, as for any other status
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            places.release();
        }
    }
}
