package app.dukkan.automation.connector;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Makes each connector's {@link OutboundHttp} with the shared guard and the one thread that cuts off
 * calls past their time, and closes them at shutdown.
 */
@Component
@EnableConfigurationProperties(ConnectorProperties.class)
class OutboundHttpClients implements DisposableBean {

    private final AddressGuard guard;
    private final int maxBody;
    private final List<OutboundHttp> made = new CopyOnWriteArrayList<>();
    private final ScheduledThreadPoolExecutor deadlines = new ScheduledThreadPoolExecutor(1, task -> {
        Thread thread = new Thread(task, "outbound-http-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    OutboundHttpClients(ConnectorProperties properties) {
        ConnectorProperties.Http http = properties.http();
        this.guard = new AddressGuard(http.allowPrivateNetworks(), http.allowedHosts());
        this.maxBody =
                (int) Math.min(Integer.MAX_VALUE - 8, http.maxResponseBody().toBytes());
        // a call that ends in time leaves no task behind
        deadlines.setRemoveOnCancelPolicy(true);
    }

    OutboundHttp client(Duration connectTimeout, Duration readTimeout, Duration callTimeout) {
        if (callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("dukkan.automation.*.call-timeout must be positive");
        }
        OutboundHttp client = new OutboundHttp(guard, connectTimeout, readTimeout, callTimeout, maxBody, deadlines);
        made.add(client);
        return client;
    }

    @Override
    public void destroy() throws IOException {
        for (OutboundHttp client : made) {
            client.close();
        }
        deadlines.shutdownNow();
    }
}
