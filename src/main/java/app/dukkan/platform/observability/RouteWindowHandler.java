package app.dukkan.platform.observability;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Feeds {@link RouteWindow} from the observation behind {@code http.server.requests}: the same
 * requests, route patterns and statuses the metric sees.
 */
final class RouteWindowHandler implements ObservationHandler<ServerRequestObservationContext> {

    private static final Object STARTED = new Object();

    private final RouteWindow window;

    RouteWindowHandler(RouteWindow window) {
        this.window = window;
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof ServerRequestObservationContext;
    }

    @Override
    public void onStart(ServerRequestObservationContext context) {
        context.put(STARTED, System.nanoTime());
    }

    @Override
    public void onStop(ServerRequestObservationContext context) {
        Long started = context.get(STARTED);
        HttpServletResponse response = context.getResponse();
        if (started == null || response == null) {
            return;
        }
        int status = response.getStatus();
        if (context.getError() != null && status < 400) {
            status = 500; // the exception escaped before an error status was set
        }
        window.record(
                RouteNames.method(context.getCarrier().getMethod()),
                RouteNames.route(context.getPathPattern(), status),
                status,
                System.nanoTime() - started);
    }
}
