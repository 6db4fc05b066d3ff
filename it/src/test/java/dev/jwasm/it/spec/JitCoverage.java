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
 * <p>Strict mode is absolute: the JIT compiles every function of the testsuite (interpreted =
 * 0), so a function it leaves to the interpreter fails the module's commands, whether for a
 * compilation failure (a JIT bug) or for something it does not compile ({@link
 * Uncompiled#unsupported()}). {@code -Djwasm.it.jitComplete=false} tolerates the latter (counted
 * as interpreted and listed), for work on a JIT that does not compile everything yet.
 */
public final class JitCoverage {
    /** Set to {@code false} to tolerate functions the JIT does not compile yet (default: fail on them). */
    public static final String COMPLETE_PROPERTY = "jwasm.it.jitComplete";

    /** Per combination: {compiled, interpreted}. */
    private static final Map<String, AtomicLongArray> COUNTS = new ConcurrentHashMap<>();
    /** Every interpreted function, as {@code combination: function N ($name): reason}. */
    private static final Queue<String> INTERPRETED = new ConcurrentLinkedQueue<>();

    private JitCoverage() {}

    /** The listener the JIT engines of {@code combination} report to. */
    static JitListener listener(String combination) {
        var counts = COUNTS.computeIfAbsent(combination, c -> new AtomicLongArray(2));
        boolean complete = !"false".equals(System.getProperty(COMPLETE_PROPERTY, "true"));
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
