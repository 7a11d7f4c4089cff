package app.dukkan.platform.jobs;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Carries a trace from where a job is scheduled to where it runs: the scheduling side keeps the
 * current span's W3C {@code traceparent} with the job, and the run is a span that continues that
 * trace (its JDBC statements are its children), so one trace shows a request and the jobs it caused.
 */
@Component
class JobTracing {

    private static final String TRACEPARENT = "traceparent";

    private final Tracer tracer;
    private final Propagator propagator;

    JobTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The current span's {@code traceparent}, or null outside a trace. */
    @Nullable
    String traceparent() {
        TraceContext context = tracer.currentTraceContext().context();
        if (context == null) {
            return null;
        }
        Map<String, String> headers = new HashMap<>();
        propagator.inject(context, headers, Map::put);
        return headers.get(TRACEPARENT);
    }

    /** Starts the span of a job's run, in the trace of {@code traceparent} when there is one. */
    Span start(String task, String queue, @Nullable String traceparent) {
        Span.Builder builder = traceparent == null
                ? tracer.spanBuilder()
                : propagator.extract(Map.of(TRACEPARENT, traceparent), (carrier, key) -> carrier.get(key));
        return builder.name("job " + task)
                .kind(Span.Kind.CONSUMER)
                .tag("job.task", task)
                .tag("job.queue", queue.toLowerCase(Locale.ROOT))
                .start();
    }

    Tracer.SpanInScope inScope(Span span) {
        return tracer.withSpan(span);
    }
}
