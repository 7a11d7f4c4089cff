package app.dukkan.orders.domain;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Splits an amount of minor units into parts in proportion to weights, the parts summing to it exactly. */
public final class Shares {

    private Shares() {}

    /**
     * Largest remainder: each part gets the whole minor units of its exact share, and the units
     * left over go one each to the parts with the largest remainders, earlier parts first on ties
     * (V22's backfill splits the same way).
     */
    public static long[] of(long amount, long[] weights) {
        return of(amount, weights, Comparator.naturalOrder());
    }

    /**
     * Largest remainder as {@link #of(long, long[])}, but equal remainders go first to the parts
     * (by index) that {@code ties} orders first, then to earlier parts.
     */
    public static long[] of(long amount, long[] weights, Comparator<Integer> ties) {
        if (amount < 0 || Arrays.stream(weights).anyMatch(w -> w < 0)) {
            throw new IllegalArgumentException("amount and weights must not be negative");
        }
        long[] shares = new long[weights.length];
        if (amount == 0) {
            return shares;
        }
        BigInteger total = BigInteger.valueOf(Arrays.stream(weights).sum());
        if (total.signum() == 0) {
            throw new IllegalArgumentException("cannot split " + amount + " by weights that are all zero");
        }
        BigInteger[] remainders = new BigInteger[weights.length];
        long left = amount;
        for (int i = 0; i < weights.length; i++) {
            BigInteger[] split = BigInteger.valueOf(amount)
                    .multiply(BigInteger.valueOf(weights[i]))
                    .divideAndRemainder(total);
            shares[i] = split[0].longValueExact();
            remainders[i] = split[1];
            left -= shares[i];
        }
        IntStream.range(0, weights.length)
                .boxed()
                .sorted(Comparator.comparing((Integer i) -> remainders[i])
                        .reversed()
                        .thenComparing(ties)
                        .thenComparing(i -> i))
                .limit(left)
                .forEach(i -> shares[i]++);
        return shares;
    }
}
