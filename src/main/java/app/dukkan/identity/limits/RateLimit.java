package app.dukkan.identity.limits;

import app.dukkan.platform.ProblemException;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * At most {@code limit} events per key and window, counted in PostgreSQL for all instances. The
 * window of a key starts with its first event and the whole budget returns when it ends (Bucket4j's
 * interval refill), so {@code Retry-After} says when the next attempt is allowed.
 */
public final class RateLimit {

    private final String name;
    private final String prefix;
    private final BucketConfiguration configuration;
    private final ProxyManager<String> buckets;

    RateLimit(String name, int limit, Duration window, ProxyManager<String> buckets) {
        if (limit < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException(name + ": the limit and window must be positive");
        }
        this.name = name;
        // the settings are part of the key: changed settings start new buckets instead of reading old ones
        this.prefix = name + "/" + limit + "/" + window + ":";
        this.configuration = BucketConfiguration.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit).refillIntervally(limit, window))
                .build();
        this.buckets = buckets;
    }

    /**
     * Counts one event for the key, or refuses it with 429 {@code rate-limited} and a {@code
     * Retry-After} of the seconds until the next event is allowed.
     */
    public void acquire(String key) {
        ConsumptionProbe probe = consume(key);
        if (!probe.isConsumed()) {
            // Retry-After holds whole seconds: round up, so that a retry on time is allowed
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            throw ProblemException.temporary(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "rate-limited",
                    "Too many requests",
                    "Too many " + name + " requests; try again in " + seconds + " seconds.",
                    Duration.ofSeconds(seconds));
        }
    }

    /** Counts one event for the key and answers true, or answers false when the limit is reached. */
    public boolean tryAcquire(String key) {
        return consume(key).isConsumed();
    }

    private ConsumptionProbe consume(String key) {
        // The bucket's row is locked in a transaction on a connection of its own. Taken inside a
        // transaction of the caller, one request would hold two connections of the pool at once.
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Check the " + name + " limit before the transaction begins");
        }
        return buckets.builder()
                .build(prefix + network(key), () -> configuration)
                .tryConsumeAndReturnRemaining(1);
    }

    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[A-Za-z0-9_.-]+)?");

    /**
     * The key as its limit counts it: an IPv6 client address by its /64 network, which one host
     * commonly holds whole and can take a fresh address of for every request; any other key as it is.
     */
    static String network(String key) {
        if (!IPV6.matcher(key).matches()) {
            return key;
        }
        InetAddress address;
        try {
            // a literal (it starts with a hex digit or ':' and holds a ':'), never looked up by name
            address = InetAddress.getByName(key);
        } catch (UnknownHostException e) {
            return key;
        }
        if (address instanceof Inet6Address v6) {
            return HexFormat.of().formatHex(v6.getAddress(), 0, 8) + "::/64";
        }
        return key;
    }
}
