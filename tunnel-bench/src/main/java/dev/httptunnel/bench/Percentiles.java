package dev.httptunnel.bench;

import java.util.Arrays;
import java.util.Collection;

/**
 * Nearest-rank percentiles of one set of measurements, in the unit they were taken in: the p-th
 * percentile is the smallest value that at least p of all the values are at or below. Every benchmark
 * reports its figures this way, so their columns compare.
 */
public final class Percentiles {

    private final long[] sorted;

    private Percentiles(long[] sorted) {
        this.sorted = sorted;
    }

    public static Percentiles of(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Percentiles(sorted);
    }

    public static Percentiles of(Collection<Long> values) {
        return of(values.stream().mapToLong(Long::longValue).toArray());
    }

    public int count() {
        return sorted.length;
    }

    /** The value at {@code fraction} (0.5 for the median, 0.99 for p99); NaN when there is none. */
    public double at(double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("percentile fraction must be in (0, 1]: " + fraction);
        }
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(fraction * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    public double median() {
        return at(0.5);
    }

    /** The largest value; NaN when there is none. */
    public double max() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }
}
