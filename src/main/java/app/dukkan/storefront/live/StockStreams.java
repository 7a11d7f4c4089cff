package app.dukkan.storefront.live;

import app.dukkan.catalog.StockFeed;
import app.dukkan.catalog.StockFeed.ProductStock;
import app.dukkan.platform.Feature;
import app.dukkan.platform.FeatureFlags;
import app.dukkan.platform.ProblemException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open live stock streams of this instance and their fan-out. A committed stock change (of any
 * instance) adds its products to a pending set; one thread reads the availability of all pending
 * products that someone follows in one query, renders each product's event once per language and
 * view, and writes it to every stream that follows the product. Streams are asynchronous requests
 * (no thread each); a ticker sends heartbeats and closes every stream within a second of the {@code
 * realtime} flag going off.
 */
@Component
@EnableConfigurationProperties(LiveProperties.class)
class StockStreams implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StockStreams.class);
    /** How often the ticker looks at the flag (and whether a heartbeat is due). */
    private static final Duration TICK = Duration.ofMillis(250);

    /**
     * One open stream: the products it follows, the language of its page and, for a product page,
     * the variant the page shows.
     */
    private record Stream(
            SseEmitter emitter,
            Set<String> slugs,
            Locale locale,
            @Nullable UUID variant,
            String client) {}

    /** What an event's HTML depends on besides the product: streams alike get the same text. */
    private record View(Locale locale, @Nullable UUID variant) {}

    private final StockFeed feed;
    private final FeatureFlags flags;
    private final StockEvents events;
    private final LiveProperties properties;
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final Map<String, Set<Stream>> bySlug = new ConcurrentHashMap<>();
    private final Map<String, Integer> perClient = new ConcurrentHashMap<>();
    /**
     * What the last event of each followed product said. Every instance hears its own changes
     * twice (at once, and relayed through the database, like the others): the second read finds
     * the same availability and sends nothing.
     */
    private final Map<String, ProductStock> lastSent = new ConcurrentHashMap<>();
    /** Products changed since the last fan-out; guarded by itself. */
    private final Set<String> pending = new HashSet<>();

    private final AtomicLong eventIds = new AtomicLong();
    private final AtomicBoolean fanOutQueued = new AtomicBoolean();
    private final ExecutorService fanOut = Executors.newSingleThreadExecutor(daemon("live-stock-fan-out"));
    private @Nullable ScheduledExecutorService ticker;
    private long lastHeartbeat = System.nanoTime();

    StockStreams(
            StockFeed feed, FeatureFlags flags, StockEvents events, LiveProperties properties, MeterRegistry registry) {
        this.feed = feed;
        this.flags = flags;
        this.events = events;
        this.properties = properties;
        Gauge.builder("dukkan.live.streams", streams, Set::size)
                .description("Open live stock streams")
                .register(registry);
        feed.onChange(this::changed);
    }

    /**
     * Opens a stream following {@code slugs} (active products, checked by the caller).
     *
     * @throws ProblemException 429 when the client already holds {@code streams-per-client} streams
     */
    SseEmitter open(Set<String> slugs, @Nullable UUID variant, Locale locale, String client) {
        int limit = properties.streamsPerClient();
        Integer held = perClient.compute(client, (key, count) -> count == null ? 1 : count + 1);
        if (held > limit) {
            release(client);
            throw ProblemException.temporary(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "too-many-streams",
                    "Too many streams",
                    "A client holds at most " + limit + " live stock streams",
                    properties.retry());
        }
        SseEmitter emitter = new SseEmitter(properties.maxAge().toMillis());
        Stream stream = new Stream(emitter, Set.copyOf(slugs), locale, variant, client);
        emitter.onCompletion(() -> forget(stream));
        emitter.onTimeout(emitter::complete);
        emitter.onError(error -> forget(stream));
        streams.add(stream);
        for (String slug : stream.slugs()) {
            bySlug.computeIfAbsent(slug, key -> ConcurrentHashMap.newKeySet()).add(stream);
        }
        // sent once the response starts: the reconnection delay, and a first line that lets the
        // browser see the stream open
        send(
                stream,
                SseEmitter.event()
                        .reconnectTime(properties.retry().toMillis())
                        .comment("live stock")
                        .build());
        return emitter;
    }

    /** Open streams of one client address. */
    int openFrom(String client) {
        return perClient.getOrDefault(client, 0);
    }

    int open() {
        return streams.size();
    }

    private void forget(Stream stream) {
        if (!streams.remove(stream)) {
            return;
        }
        for (String slug : stream.slugs()) {
            bySlug.computeIfPresent(slug, (key, followers) -> {
                followers.remove(stream);
                if (followers.isEmpty()) {
                    lastSent.remove(slug);
                    return null;
                }
                return followers;
            });
        }
        release(stream.client());
    }

    private void release(String client) {
        perClient.computeIfPresent(client, (key, count) -> count > 1 ? count - 1 : null);
    }

    /** On the committing or notification thread: only notes the products and wakes the fan-out. */
    private void changed(Set<String> slugs) {
        synchronized (pending) {
            for (String slug : slugs) {
                if (bySlug.containsKey(slug)) {
                    pending.add(slug);
                }
            }
            if (pending.isEmpty()) {
                return;
            }
        }
        if (fanOutQueued.compareAndSet(false, true)) {
            fanOut.execute(this::fanOut);
        }
    }

    private void fanOut() {
        fanOutQueued.set(false);
        Set<String> slugs;
        synchronized (pending) {
            slugs = Set.copyOf(pending);
            pending.clear();
        }
        if (slugs.isEmpty() || !flags.isOn(Feature.REALTIME)) {
            return;
        }
        Map<String, ProductStock> stock;
        try {
            stock = feed.availability(slugs);
        } catch (RuntimeException e) {
            log.warn("Could not read the stock of {} products for live streams: {}", slugs.size(), e.toString());
            return;
        }
        for (String slug : slugs) {
            Set<Stream> followers = bySlug.get(slug);
            if (followers == null) {
                continue;
            }
            // a product that is no longer active can no longer be bought: shown as sold out
            ProductStock product = stock.getOrDefault(slug, new ProductStock(slug, List.of()));
            if (product.equals(lastSent.put(slug, product))) {
                continue;
            }
            String id = Long.toString(eventIds.incrementAndGet());
            Map<View, Set<DataWithMediaType>> rendered = new HashMap<>();
            for (Stream stream : followers) {
                Set<DataWithMediaType> event = rendered.computeIfAbsent(
                        new View(stream.locale(), stream.variant()),
                        view -> SseEmitter.event()
                                .name("stock")
                                .id(id)
                                .data(html(product, view))
                                .build());
                send(stream, event);
            }
        }
    }

    private String html(ProductStock product, View view) {
        return view.variant() != null
                ? events.product(product, view.variant(), view.locale())
                : events.card(product, view.locale());
    }

    /** Sends an event built once ({@code SseEventBuilder.build()} may be called only once). */
    private void send(Stream stream, Set<DataWithMediaType> event) {
        try {
            stream.emitter().send(event);
        } catch (IOException | IllegalStateException e) {
            // the client went away (or the stream already ended): the container completes it
            forget(stream);
        }
    }

    private void tick() {
        if (streams.isEmpty()) {
            return;
        }
        if (!flags.isOn(Feature.REALTIME)) {
            // tell the browser to stop (sse-close) rather than to reconnect to a 404
            closeAll(SseEmitter.event().name("close").data("").build());
            return;
        }
        long now = System.nanoTime();
        if (now - lastHeartbeat >= properties.heartbeat().toNanos()) {
            lastHeartbeat = now;
            Set<DataWithMediaType> heartbeat = SseEmitter.event().comment("").build();
            streams.forEach(stream -> send(stream, heartbeat));
        }
    }

    private void closeAll(@Nullable Set<DataWithMediaType> farewell) {
        for (Stream stream : List.copyOf(streams)) {
            if (farewell != null) {
                send(stream, farewell);
            }
            forget(stream);
            try {
                stream.emitter().complete();
            } catch (RuntimeException e) {
                // already completed by the container
            }
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(daemon("live-stock-ticker"));
        executor.scheduleWithFixedDelay(this::safeTick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
        ticker = executor;
        fanOut.execute(events::warmUp);
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            log.warn("Live stock ticker failed: {}", e.toString());
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = ticker;
        if (executor != null) {
            executor.shutdownNow();
            ticker = null;
        }
        fanOut.shutdownNow();
        // in the default phase, before the web server's graceful shutdown, which would wait for
        // every open stream to end
        closeAll(null);
    }

    @Override
    public boolean isRunning() {
        return ticker != null;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
