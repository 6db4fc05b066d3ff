package dev.jwasm.it.spec;

import dev.jwasm.wat.WastOutcome.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts spec assertions per backend combination ({@code EXECUTOR+MEMORY}) and per {@code .wast}
 * file (relative to the testsuite root), then reports them as a table and as JSON. Thread-safe.
 * The WASI testsuite run counts its programs the same way, per executor and suite folder.
 */
public final class SpecSummary {
    /** Counts of one file in one combination. */
    public record Counts(int passed, int failed, int skipped) {
        static final Counts ZERO = new Counts(0, 0, 0);

        Counts plus(Status outcome) {
            return switch (outcome) {
                case PASSED -> new Counts(passed + 1, failed, skipped);
                case FAILED -> new Counts(passed, failed + 1, skipped);
                case SKIPPED -> new Counts(passed, failed, skipped + 1);
            };
        }

        Counts plus(Counts other) {
            return new Counts(passed + other.passed, failed + other.failed, skipped + other.skipped);
        }
    }

    private final Map<String, Map<String, Counts>> counts = new ConcurrentHashMap<>();

    /** Makes a file appear in a combination even if it holds no assertions. */
    public void touch(String combination, String file) {
        counts.computeIfAbsent(combination, c -> new ConcurrentHashMap<>()).putIfAbsent(file, Counts.ZERO);
    }

    public void record(String combination, String file, Status outcome) {
        counts.computeIfAbsent(combination, c -> new ConcurrentHashMap<>())
                .merge(file, Counts.ZERO.plus(outcome), Counts::plus);
    }

    /** A sorted copy: combination → file → counts. */
    public Map<String, Map<String, Counts>> snapshot() {
        var sorted = new TreeMap<String, Map<String, Counts>>();
        counts.forEach((combination, files) -> sorted.put(combination, new TreeMap<>(files)));
        return sorted;
    }

    public Counts total(String combination) {
        return counts.getOrDefault(combination, Map.of()).values().stream().reduce(Counts.ZERO, Counts::plus);
    }

    /** {@code {"interp+heap": {"i32.wast": {"passed": 1, "failed": 0, "skipped": 2}}}}. */
    public String toJson() {
        var json = new StringBuilder("{");
        String comboSep = "\n";
        for (var combo : snapshot().entrySet()) {
            json.append(comboSep).append("  ").append(quote(combo.getKey())).append(": {");
            String fileSep = "\n";
            for (var file : combo.getValue().entrySet()) {
                Counts c = file.getValue();
                json.append(fileSep)
                        .append("    ")
                        .append(quote(file.getKey()))
                        .append(": {\"passed\": ")
                        .append(c.passed())
                        .append(", \"failed\": ")
                        .append(c.failed())
                        .append(", \"skipped\": ")
                        .append(c.skipped())
                        .append('}');
                fileSep = ",\n";
            }
            json.append("\n  }");
            comboSep = ",\n";
        }
        return json.append("\n}\n").toString();
    }

    /** One line per combination and file, then a total per combination. */
    public String toTable() {
        var table = new StringBuilder();
        for (var combo : snapshot().entrySet()) {
            table.append(String.format(
                    "%n== %s ==%n%-60s %8s %8s %8s%n", combo.getKey(), "file", "passed", "failed", "skipped"));
            combo.getValue()
                    .forEach((file, c) -> table.append(
                            String.format("%-60s %8d %8d %8d%n", file, c.passed(), c.failed(), c.skipped())));
            Counts t = total(combo.getKey());
            table.append(String.format(
                    "%-60s %8d %8d %8d%n", "TOTAL " + combo.getKey(), t.passed(), t.failed(), t.skipped()));
        }
        return table.toString();
    }

    public void writeJson(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, toJson());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the summary to " + file, e);
        }
    }

    private static String quote(String s) {
        var q = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                default -> {
                    if (ch < 0x20) {
                        q.append(String.format("\\u%04x", (int) ch));
                    } else {
                        q.append(ch);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
