package app.dukkan.storefront.live;

import app.dukkan.catalog.StockFeed;
import app.dukkan.catalog.StockFeed.ProductStock;
import app.dukkan.platform.Feature;
import app.dukkan.platform.FeatureFlags;
import app.dukkan.platform.ProblemException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
class StockStreams implements SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(StockStreams.class);
    /** How often the ticker looks at the flag (and whether a heartbeat is due). */
    private static final Duration TICK = Duration.ofMillis(250);

    /** Threads that write one event to many streams, the fan-out thread included. */
    private static final int SENDERS = Math.max(2, Runtime.getRuntime().availableProcessors());
    /** Below this many followers one thread writes the event. */
    private static final int PARALLEL_FROM = 500;

    private static final Set<DataWithMediaType> HEARTBEAT = event(":\n\n");
    /** Tells the browser to stop (sse-close) rather than to reconnect to a 404. */
    private static final Set<DataWithMediaType> CLOSE = event("event:close\ndata:\n\n");

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
    /** The first lines of every stream: the reconnection delay, and a comment the browser sees as the open. */
    private final Set<DataWithMediaType> opening;

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
    /** Write to a hot product's followers beside the fan-out thread. */
    private final ExecutorService senders = Executors.newFixedThreadPool(SENDERS - 1, daemon("live-stock-sender"));

    private @Nullable ScheduledExecutorService ticker;
    private long lastHeartbeat = System.nanoTime();

    StockStreams(
            StockFeed feed, FeatureFlags flags, StockEvents events, LiveProperties properties, MeterRegistry registry) {
        this.feed = feed;
        this.flags = flags;
        this.events = events;
        this.properties = properties;
        this.opening = event("retry:" + properties.retry().toMillis() + "\n:live stock\n\n");
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
            // added within compute: a set that the last follower's departure is removing must not
            // take a new one
            bySlug.compute(slug, (key, followers) -> {
                Set<Stream> set = followers != null ? followers : ConcurrentHashMap.newKeySet();
                set.add(stream);
                return set;
            });
        }
        // sent once the response starts: the reconnection delay, and a first line that lets the
        // browser see the stream open
        send(stream, opening);
        return emitter;
    }

    /** Open streams of one client address. */
    int openFrom(String client) {
        return perClient.getOrDefault(client, 0);
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
            List<Stream> targets = List.copyOf(followers);
            Map<View, Set<DataWithMediaType>> rendered = new HashMap<>();
            for (Stream stream : targets) {
                rendered.computeIfAbsent(
                        new View(stream.locale(), stream.variant()),
                        view -> event("event:stock\nid:" + id + "\ndata:" + html(product, view) + "\n\n"));
            }
            sendAll(targets, stream -> rendered.get(new View(stream.locale(), stream.variant())));
        }
    }

    /**
     * Writes to many streams on all cores: each write is a system call of its own, and a hot
     * product's followers wait for the last one.
     */
    private void sendAll(List<Stream> followers, Function<Stream, Set<DataWithMediaType>> eventOf) {
        int parts = followers.size() < PARALLEL_FROM ? 1 : SENDERS;
        int size = (followers.size() + parts - 1) / parts;
        List<Future<?>> running = new ArrayList<>();
        for (int from = size; from < followers.size(); from += size) {
            List<Stream> part = followers.subList(from, Math.min(followers.size(), from + size));
            running.add(senders.submit(() -> part.forEach(stream -> send(stream, eventOf.apply(stream)))));
        }
        followers.subList(0, Math.min(size, followers.size())).forEach(stream -> send(stream, eventOf.apply(stream)));
        for (Future<?> part : running) {
            try {
                part.get();
            } catch (ExecutionException e) {
                log.warn("Could not send live stock events: {}", e.getCause().toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private String html(ProductStock product, View view) {
        return view.variant() != null
                ? events.product(product, view.variant(), view.locale())
                : events.card(product, view.locale());
    }

    /**
     * An event in the wire format of Server-Sent Events (its data one line), encoded once for all
     * streams it goes to and written in one piece: SseEmitter's builder writes each event in three
     * parts, each encoded again for every stream.
     */
    private static Set<DataWithMediaType> event(String text) {
        return Set.of(new DataWithMediaType(text.getBytes(StandardCharsets.UTF_8), MediaType.TEXT_PLAIN));
    }

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
            closeAll(CLOSE);
            return;
        }
        long now = System.nanoTime();
        if (now - lastHeartbeat >= properties.heartbeat().toNanos()) {
            lastHeartbeat = now;
            streams.forEach(stream -> send(stream, HEARTBEAT));
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
        fanOut.execute(this::warmUp);
    }

    /**
     * Warms the events' templates up. A context that closes at once, as a command's does ({@code
     * migrate}), may close under it: then it is of no matter, and no stack trace is printed.
     */
    private void warmUp() {
        try {
            events.warmUp();
        } catch (RuntimeException e) {
            if (isRunning()) {
                log.warn("Could not warm up the live stock events: {}", e.toString());
            }
        }
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
        // in the default phase, before the web server's graceful shutdown, which would wait for
        // every open stream to end
        closeAll(null);
    }

    @Override
    public boolean isRunning() {
        return ticker != null;
    }

    /** The fan-out threads outlive a stop, as a stopped context may be started again (tests do). */
    @Override
    public void destroy() {
        fanOut.shutdownNow();
        senders.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
