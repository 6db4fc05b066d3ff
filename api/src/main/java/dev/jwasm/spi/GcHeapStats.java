package dev.jwasm.spi;

/**
 * A GC heap's counters at one moment, read-only: for hosts that monitor a store and for the
 * benchmarks. Pauses are wall-clock nanoseconds spent inside {@link GcHeap#collect()} (the
 * heap's collections are stop-the-world, so each is one pause of the Wasm thread).
 *
 * @param collections how many collections have run
 * @param totalPauseNanos the time all of them took together
 * @param longestPauseNanos the longest one, at most {@code totalPauseNanos}
 * @param usedBytes bytes held by objects not yet collected (live or garbage)
 * @param committedBytes bytes the heap has reserved for objects, at least {@code usedBytes}
 */
public record GcHeapStats(
        long collections, long totalPauseNanos, long longestPauseNanos, long usedBytes, long committedBytes) {
    public GcHeapStats {
        if (collections < 0 || totalPauseNanos < 0 || longestPauseNanos < 0 || usedBytes < 0 || committedBytes < 0) {
            throw new IllegalArgumentException("GC heap statistics are never negative: "
                    + describe(collections, totalPauseNanos, longestPauseNanos, usedBytes, committedBytes));
        }
        if (longestPauseNanos > totalPauseNanos) {
            throw new IllegalArgumentException("the longest pause exceeds the total: "
                    + describe(collections, totalPauseNanos, longestPauseNanos, usedBytes, committedBytes));
        }
    }

    private static String describe(long collections, long total, long longest, long used, long committed) {
        return "collections=" + collections + " totalPauseNanos=" + total + " longestPauseNanos=" + longest
                + " usedBytes=" + used + " committedBytes=" + committed;
    }
}
