package dev.jwasm.it.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one reviewed list of spec assertions jwasm is known to fail, each with its reason. A line
 * is {@code PATTERN | REASON}; blank lines and {@code #} comments are ignored. A pattern is a
 * file and line ({@code simd/simd_lane.wast:120}), a whole file ({@code i31.wast}), or a folder
 * ending in {@code /} ({@code proposals/threads/}), relative to the testsuite root. The summary
 * still counts these assertions as failed; the list only keeps the build green while they are.
 */
public final class ExpectedFailures {
    /** One line of the list. */
    public record Entry(String pattern, String reason, int listLine) {
        boolean covers(String file, int line) {
            if (pattern.endsWith("/")) {
                return file.startsWith(pattern);
            }
            int colon = pattern.lastIndexOf(':');
            if (colon > 0 && !pattern.endsWith(".wast")) {
                return pattern.substring(0, colon).equals(file)
                        && pattern.substring(colon + 1).equals(Integer.toString(line));
            }
            return pattern.equals(file);
        }
    }

    private final List<Entry> entries;

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

    /** @throws IllegalArgumentException for a line without a pattern or a reason */
    public static ExpectedFailures parse(String text, String source) {
        var entries = new ArrayList<Entry>();
        var lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int bar = line.indexOf('|');
            String pattern = bar < 0 ? "" : line.substring(0, bar).strip();
            String reason = bar < 0 ? "" : line.substring(bar + 1).strip();
            if (pattern.isEmpty() || reason.isEmpty()) {
                throw new IllegalArgumentException(
                        source + ":" + (i + 1) + ": expected 'PATTERN | REASON', every entry needs a reason: " + line);
            }
            entries.add(new Entry(pattern, reason, i + 1));
        }
        return new ExpectedFailures(entries);
    }

    /** The entry that expects the assertion at {@code file:line} to fail, if any. */
    public Optional<Entry> lookup(String file, int line) {
        return entries.stream().filter(e -> e.covers(file, line)).findFirst();
    }

    public List<Entry> entries() {
        return entries;
    }
}
