package dev.jwasm.bench.programs;

/**
 * The timer behind the {@code bench.start}/{@code bench.end} imports of the sightglass programs:
 * it adds up the time between each start and the end that follows, so that the kernel a program
 * brackets is measured apart from its start-up and output.
 */
public final class KernelClock {
    private long startedAt = -1;
    private long totalNanos;
    private long regions;

    /** {@code bench.start}: the kernel begins. */
    public void start() {
        startedAt = System.nanoTime();
    }

    /** {@code bench.end}: the kernel ends; a stray end without a start is ignored. */
    public void end() {
        if (startedAt >= 0) {
            totalNanos += System.nanoTime() - startedAt;
            regions++;
            startedAt = -1;
        }
    }

    /** Forgets everything measured so far (each JMH iteration starts afresh). */
    public void reset() {
        startedAt = -1;
        totalNanos = 0;
        regions = 0;
    }

    /** How many start..end regions were timed since the last reset. */
    public long regions() {
        return regions;
    }

    /** Their total length in nanoseconds. */
    public long totalNanos() {
        return totalNanos;
    }
}
