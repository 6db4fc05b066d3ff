package dev.jwasm.bench.gc;

import dev.jwasm.spi.GcHeapStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The collections of a trial's measurement iterations (warm-up left out): the engine's own GC
 * heap where it has one, and the JVM's. {@link #report} prints them as one {@code jwasm-bench:
 * gc-stats} JSON line and appends that line to the file the system property {@code
 * jwasm.bench.gcstats} names, which {@code bench/report.py} reads.
 */
final class GcTally {
    private long iterations;
    private long ops;
    private boolean ownHeap;
    private long heapCollections;
    private long heapTotalPauseNanos;
    private long heapLongestPauseNanos;
    private long heapPeakUsedBytes;
    private long heapPeakCommittedBytes;
    private long jvmCollections;
    private long jvmTotalMillis;
    private long jvmLongestMillis;

    /** One measurement iteration: {@code ops} operations on a fresh instance, its heap's counters at the end. */
    void add(long ops, GcHeapStats heap, JvmGcWatch.Delta jvm) {
        iterations++;
        this.ops += ops;
        if (heap != null) {
            ownHeap = true;
            heapCollections += heap.collections();
            heapTotalPauseNanos += heap.totalPauseNanos();
            heapLongestPauseNanos = Math.max(heapLongestPauseNanos, heap.longestPauseNanos());
            heapPeakUsedBytes = Math.max(heapPeakUsedBytes, heap.usedBytes());
            heapPeakCommittedBytes = Math.max(heapPeakCommittedBytes, heap.committedBytes());
        }
        jvmCollections += jvm.collections();
        jvmTotalMillis += jvm.totalMillis();
        jvmLongestMillis = Math.max(jvmLongestMillis, jvm.longestMillis());
    }

    void report(String benchmark, String runtime, Map<String, String> params, String jvmCollectors) {
        var fields = new StringBuilder();
        fields.append("\"benchmark\":").append(quote(benchmark));
        fields.append(",\"runtime\":").append(quote(runtime));
        fields.append(",\"params\":{")
                .append(params.entrySet().stream()
                        .map(e -> quote(e.getKey()) + ":" + quote(e.getValue()))
                        .collect(Collectors.joining(",")))
                .append('}');
        fields.append(",\"iterations\":").append(iterations).append(",\"ops\":").append(ops);
        if (ownHeap) {
            fields.append(",\"heap\":{\"collections\":")
                    .append(heapCollections)
                    .append(",\"totalPauseNanos\":")
                    .append(heapTotalPauseNanos)
                    .append(",\"longestPauseNanos\":")
                    .append(heapLongestPauseNanos)
                    .append(",\"peakUsedBytes\":")
                    .append(heapPeakUsedBytes)
                    .append(",\"peakCommittedBytes\":")
                    .append(heapPeakCommittedBytes)
                    .append('}');
        }
        fields.append(",\"jvm\":{\"collections\":")
                .append(jvmCollections)
                .append(",\"totalMillis\":")
                .append(jvmTotalMillis)
                .append(",\"longestMillis\":")
                .append(jvmLongestMillis)
                .append(",\"collectors\":")
                .append(quote(jvmCollectors))
                .append('}');
        String line = "{" + fields + "}";
        System.out.println("jwasm-bench: gc-stats " + line);
        String file = System.getProperty("jwasm.bench.gcstats");
        if (file != null && !file.isBlank()) {
            try {
                Files.writeString(
                        Path.of(file),
                        line + "\n",
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append the GC statistics to " + file, e);
            }
        }
    }

    private static String quote(String s) {
        var out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
