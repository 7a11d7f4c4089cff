package app.dukkan.automation.connector;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.MessageConstraintException;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * One connector's outgoing HTTP: Apache HttpClient with the {@link AddressGuard} as its DNS
 * resolver (it connects only to addresses that were checked), no redirects followed, no retries,
 * no cookies, no system proxy, a connect and a read timeout, at most {@value #MAX_HEADERS} response
 * headers of at most {@value #MAX_HEADER_LINE} characters each, and at most {@code maxBody} bytes of
 * a response read (the rest is dropped with the connection). A call that has not ended after its
 * {@code callTimeout} is cut off, connection and all: the read timeout bounds only the wait for
 * each packet, and a target that sends a byte now and then would hold the job's thread for days.
 */
final class OutboundHttp implements AutoCloseable {

    /** A response: status, headers (lower-case names, the first of each), the body read (capped). */
    record Response(int status, Map<String, String> headers, byte[] body, boolean truncated) {

        @Nullable
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        boolean json() {
            String type = header("content-type");
            return type != null && type.toLowerCase(Locale.ROOT).matches("application/([a-z0-9.+-]*\\+)?json.*");
        }

        String text() {
            Charset charset = StandardCharsets.UTF_8;
            String type = header("content-type");
            if (type != null) {
                try {
                    Charset declared = ContentType.parse(type).getCharset();
                    charset = declared == null ? charset : declared;
                } catch (RuntimeException ignored) {
                    // an unparsable content type: UTF-8
                }
            }
            return new String(body, charset);
        }
    }

    /** The most headers a response may have. */
    static final int MAX_HEADERS = 100;

    /** The most characters of the status line and of each header line. */
    static final int MAX_HEADER_LINE = 8 * 1024;

    private final AddressGuard guard;
    private final CloseableHttpClient client;
    private final int maxBody;
    private final Duration callTimeout;
    private final ScheduledExecutorService deadlines;

    OutboundHttp(
            AddressGuard guard,
            Duration connectTimeout,
            Duration readTimeout,
            Duration callTimeout,
            int maxBody,
            ScheduledExecutorService deadlines) {
        this.guard = guard;
        this.maxBody = maxBody;
        this.callTimeout = callTimeout;
        this.deadlines = deadlines;
        DnsResolver resolver = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return guard.resolve(host);
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(resolver)
                        .setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
                                .http1Config(Http1Config.custom()
                                        .setMaxHeaderCount(MAX_HEADERS)
                                        .setMaxLineLength(MAX_HEADER_LINE)
                                        .build())
                                .build())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout))
                                .setSocketTimeout(Timeout.of(readTimeout))
                                .setTimeToLive(Timeout.ofMinutes(5))
                                .build())
                        .setMaxConnTotal(64)
                        .setMaxConnPerRoute(8)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(connectTimeout))
                        .setResponseTimeout(Timeout.of(readTimeout))
                        .setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .evictIdleConnections(Timeout.ofMinutes(1))
                .build();
    }

    /** The guard's check of a URL, for connectors that look at a URL before they call it (dry runs). */
    URI check(String url) {
        return guard.check(url);
    }

    /**
     * Sends one request.
     *
     * @throws ConnectorException not retryable for a refused URL or address; retryable for a timeout
     *     (also the call's as a whole), a refused or reset connection, or a name that does not resolve
     */
    Response send(String method, String url, Map<String, String> headers, byte @Nullable [] body, String contentType) {
        URI uri = guard.check(url);
        HttpUriRequestBase request = new HttpUriRequestBase(method, uri);
        // set, not added: a header named twice in other cases is sent once
        headers.forEach(request::setHeader);
        if (body != null) {
            request.setEntity(new ByteArrayEntity(body, ContentType.parse(contentType)));
        }
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> deadline = deadlines.schedule(
                () -> {
                    expired.set(true);
                    // closes the connection: a read blocked on it ends at once
                    request.cancel();
                },
                callTimeout.toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            return exchange(request, uri);
        } catch (RuntimeException e) {
            if (expired.get()) {
                throw overdue(uri, e);
            }
            throw e;
        } finally {
            deadline.cancel(false);
        }
    }

    private ConnectorException overdue(URI uri, Throwable cause) {
        return new ConnectorException(
                target(uri) + " did not finish answering within " + callTimeout.toMillis() + " ms", true, cause);
    }

    private Response exchange(HttpUriRequestBase request, URI uri) {
        try {
            ClassicHttpResponse response = client.executeOpen(null, request, null);
            boolean truncated = false;
            try {
                Map<String, String> names = new LinkedHashMap<>();
                for (Header header : response.getHeaders()) {
                    names.putIfAbsent(header.getName().toLowerCase(Locale.ROOT), header.getValue());
                }
                HttpEntity entity = response.getEntity();
                byte[] read = new byte[0];
                if (entity != null) {
                    InputStream in = entity.getContent();
                    read = in.readNBytes(maxBody + 1);
                    truncated = read.length > maxBody;
                    if (truncated) {
                        read = Arrays.copyOf(read, maxBody);
                    } else {
                        in.close();
                    }
                }
                return new Response(response.getCode(), Map.copyOf(names), read, truncated);
            } finally {
                if (truncated) {
                    // drop the connection rather than read the rest of a long body
                    request.cancel();
                    try {
                        response.close();
                    } catch (IOException closed) {
                        // the cancelled connection is gone: nothing to release
                    }
                } else {
                    response.close();
                }
            }
        } catch (AddressGuard.RefusedAddressException e) {
            throw new ConnectorException(e.getMessage(), false, e);
        } catch (IOException e) {
            AddressGuard.RefusedAddressException refused = refusal(e);
            if (refused != null) {
                throw new ConnectorException(refused.getMessage(), false, e);
            }
            throw new ConnectorException(describe(e, uri), true, e);
        }
    }

    private static AddressGuard.@Nullable RefusedAddressException refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AddressGuard.RefusedAddressException refused) {
                return refused;
            }
        }
        return null;
    }

    private static String target(URI uri) {
        return uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    private static String describe(IOException e, URI uri) {
        String target = target(uri);
        if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
            return e instanceof ConnectTimeoutException
                    ? "connecting to " + target + " timed out"
                    : target + " did not answer in time";
        }
        if (e instanceof HttpHostConnectException
                || e instanceof ConnectException
                || e instanceof NoRouteToHostException) {
            return "could not connect to " + target;
        }
        if (e instanceof UnknownHostException) {
            return "the name " + uri.getHost() + " does not resolve";
        }
        if (e instanceof MessageConstraintException) {
            return target + " answered with too many or too long header lines";
        }
        return "calling " + target + " failed: " + e.getClass().getSimpleName();
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
