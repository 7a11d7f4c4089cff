package app.dukkan.automation.connector;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/** Makes each connector's {@link OutboundHttp} with the shared guard, and closes them at shutdown. */
@Component
@EnableConfigurationProperties(ConnectorProperties.class)
class OutboundHttpClients implements DisposableBean {

    private final AddressGuard guard;
    private final int maxBody;
    private final List<OutboundHttp> made = new CopyOnWriteArrayList<>();

    OutboundHttpClients(ConnectorProperties properties) {
        ConnectorProperties.Http http = properties.http();
        this.guard = new AddressGuard(http.allowPrivateNetworks(), http.allowedHosts());
        this.maxBody =
                (int) Math.min(Integer.MAX_VALUE - 8, http.maxResponseBody().toBytes());
    }

    OutboundHttp client(Duration connectTimeout, Duration readTimeout) {
        OutboundHttp client = new OutboundHttp(guard, connectTimeout, readTimeout, maxBody);
        made.add(client);
        return client;
    }

    @Override
    public void destroy() throws IOException {
        for (OutboundHttp client : made) {
            client.close();
        }
    }
}
