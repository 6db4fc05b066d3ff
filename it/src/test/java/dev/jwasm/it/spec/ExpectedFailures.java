package dev.jwasm.it.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one reviewed list of spec assertions jwasm is known to fail, each with its reason; blank
 * lines and {@code #} comments are ignored. A line names either one assertion, {@code FILE:LINE |
 * REASON} ({@code simd_lane.wast:120 | ...}), or a file with the exact number of its assertions
 * that fail on each backend combination, {@code FILE | COUNT | REASON}. Paths are relative to the
 * testsuite root. A counted file is checked both ways: a failure beyond the count fails the build
 * (a new failure cannot hide in a listed file), and so does a file that ends with fewer failures
 * (the line is stale). The summary still counts listed assertions as failed.
 */
public final class ExpectedFailures {
    /** One line of the list: {@code count} is -1 for a single assertion ({@code line} ≥ 1), else the file's count. */
    public record Entry(String file, int line, int count, String reason, int listLine) {
        boolean covers(String file, int line) {
            return this.file.equals(file) && (this.line < 0 || this.line == line);
        }
    }

    private final List<Entry> entries;
    /** Failures seen so far in each counted file, per combination ({@code combination file}). */
    private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();

    private ExpectedFailures(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static ExpectedFailures none() {
        return new ExpectedFailures(List.of());
    }

    public static ExpectedFailures load(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the expected-failure list " + file, e);
        }
    }

    /** @throws IllegalArgumentException for a line that is neither form, or without a reason */
    public static ExpectedFailures parse(String text, String source) {
        var entries = new ArrayList<Entry>();
        var lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + ":" + (i + 1) + ": ";
            String[] fields = line.split("\\|", 3);
            for (int k = 0; k < fields.length; k++) {
                fields[k] = fields[k].strip();
            }
            if (fields.length < 2 || fields[0].isEmpty() || fields[fields.length - 1].isEmpty()) {
                throw new IllegalArgumentException(
                        where + "expected 'FILE:LINE | REASON' or 'FILE | COUNT | REASON', every entry needs a reason: "
                                + line);
            }
            if (fields.length == 3) {
                entries.add(new Entry(fields[0], -1, count(fields[1], where), fields[2], i + 1));
                continue;
            }
            int colon = fields[0].lastIndexOf(':');
            int at = colon < 0 ? -1 : number(fields[0].substring(colon + 1));
            if (at < 1) {
                throw new IllegalArgumentException(
                        where + "a whole file needs its exact failure count, 'FILE | COUNT | REASON': " + line);
            }
            entries.add(new Entry(fields[0].substring(0, colon), at, -1, fields[1], i + 1));
        }
        return new ExpectedFailures(entries);
    }

    private static int count(String text, String where) {
        int n = number(text);
        if (n < 1) {
            throw new IllegalArgumentException(where + "a failure count must be a positive number, not '" + text + "'");
        }
        return n;
    }

    private static int number(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The entry that covers the assertion at {@code file:line}, if any (counted or not). */
    public Optional<Entry> lookup(String file, int line) {
        return entries.stream().filter(e -> e.covers(file, line)).findFirst();
    }

    /**
     * Records a failure at {@code file:line} on {@code combination}: the entry that expects it, or
     * empty when none does, which includes a failure past a counted file's count.
     */
    public Optional<Entry> expect(String combination, String file, int line) {
        var entry = lookup(file, line);
        if (entry.isEmpty() || entry.get().count() < 0) {
            return entry;
        }
        int n = seen.computeIfAbsent(combination + " " + file, k -> new AtomicInteger())
                .incrementAndGet();
        return n <= entry.get().count() ? entry : Optional.empty();
    }

    /**
     * After the last assertion of {@code file} on {@code combination}: a message if a counted
     * entry for the file saw fewer failures than its count, else empty.
     */
    public Optional<String> checkCount(String combination, String file) {
        for (Entry e : entries) {
            if (e.count() > 0 && e.file().equals(file)) {
                var n = seen.get(combination + " " + file);
                int got = n == null ? 0 : n.get();
                if (got < e.count()) {
                    return Optional.of("expected-failures.txt:" + e.listLine() + " expects " + e.count()
                            + " failures in " + file + " but " + got + " failed [" + combination
                            + "]: update or remove the line");
                }
            }
        }
        return Optional.empty();
    }

    public List<Entry> entries() {
        return entries;
    }
}
