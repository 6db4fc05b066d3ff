package dev.jwasm.it.spec;

import dev.jwasm.exec.jit.JitListener;
import dev.jwasm.exec.jit.Uncompiled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts, per JIT combination of the spec run (which runs the JIT eager and strict), the
 * functions of the compiled modules that became JVM bytecode and those left to the interpreter.
 *
 * <p>Strict mode is absolute for compilation failures (a JIT bug fails the module's commands).
 * A function that uses something the JIT does not compile yet ({@link Uncompiled#unsupported()})
 * is tolerated, counted as interpreted and listed, so that the run stays green while the JIT's
 * coverage grows; {@code -Djwasm.it.jitComplete=true} makes strict mode absolute for those too,
 * which is the state once the JIT compiles everything (interpreted = 0).
 */
public final class JitCoverage {
    /** Set to {@code true} to fail on every function the JIT leaves to the interpreter. */
    public static final String COMPLETE_PROPERTY = "jwasm.it.jitComplete";

    /** Per combination: {compiled, interpreted}. */
    private static final Map<String, AtomicLongArray> COUNTS = new ConcurrentHashMap<>();
    /** Every interpreted function, as {@code combination: function N ($name): reason}. */
    private static final Queue<String> INTERPRETED = new ConcurrentLinkedQueue<>();

    private JitCoverage() {}

    /** The listener the JIT engines of {@code combination} report to. */
    static JitListener listener(String combination) {
        var counts = COUNTS.computeIfAbsent(combination, c -> new AtomicLongArray(2));
        boolean complete = Boolean.getBoolean(COMPLETE_PROPERTY);
        return new JitListener() {
            @Override
            public void moduleCompiled(int compiled, List<Uncompiled> interpreted) {
                counts.addAndGet(0, compiled);
                counts.addAndGet(1, interpreted.size());
                interpreted.forEach(u -> INTERPRETED.add(combination + ": " + u));
            }

            @Override
            public boolean tolerated(Uncompiled function) {
                return function.unsupported() && !complete;
            }
        };
    }

    /** {@code {"jit+heap": {"compiled": N, "interpreted": M}, ...}}, sorted by combination. */
    static String toJson() {
        var json = new StringBuilder("{");
        String sep = "\n";
        for (var e : new TreeMap<>(COUNTS).entrySet()) {
            json.append(sep)
                    .append("  \"")
                    .append(e.getKey())
                    .append("\": {\"compiled\": ")
                    .append(e.getValue().get(0))
                    .append(", \"interpreted\": ")
                    .append(e.getValue().get(1))
                    .append('}');
            sep = ",\n";
        }
        return json.append(COUNTS.isEmpty() ? "}" : "\n}").append('\n').toString();
    }

    /** Interpreted functions by reason, with how many of each, per combination. */
    static Map<String, Integer> byReason() {
        var reasons = new TreeMap<String, Integer>();
        for (String line : INTERPRETED) {
            int colon = line.indexOf(": ", line.indexOf(": ") + 2);
            reasons.merge(line.substring(0, line.indexOf(':')) + " " + line.substring(colon + 2), 1, Integer::sum);
        }
        return reasons;
    }

    /** Writes the counts as JSON to {@code json} and every interpreted function to {@code list}. */
    static void write(Path json, Path list) {
        if (COUNTS.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(json.toAbsolutePath().getParent());
            Files.writeString(json, toJson());
            Files.write(list, INTERPRETED.stream().sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + json, e);
        }
    }
}
