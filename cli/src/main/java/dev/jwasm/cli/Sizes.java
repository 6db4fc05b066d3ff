package dev.jwasm.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/** Parses the sizes and durations users type on the command line: {@code 512M}, {@code 4GiB}, {@code 1.5s}. */
final class Sizes {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgt]?)(i?b)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern DURATION =
            Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?", Pattern.CASE_INSENSITIVE);

    private Sizes() {}

    /**
     * A byte count: a whole number with an optional binary unit K, M, G or T (KiB = 1024; "B", "KB",
     * "KiB" are all accepted and all binary, as memory sizes always are).
     */
    static long parseBytes(String text) {
        var m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a size; use a number with an optional unit K, M, G or T, e.g. 512M");
        }
        int shift =
                switch (m.group(2).toLowerCase(Locale.ROOT)) {
                    case "" -> 0;
                    case "k" -> 10;
                    case "m" -> 20;
                    case "g" -> 30;
                    default -> 40;
                };
        long value;
        try {
            value = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("size '" + text + "' is too large", e);
        }
        if (value == 0) {
            throw new IllegalArgumentException("size must be positive, not " + text);
        }
        if (value > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("size '" + text + "' is too large");
        }
        return value << shift;
    }

    /** A duration: a number with an optional unit ms, s (the default), m or h. */
    static Duration parseDuration(String text) {
        var m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; use e.g. 500ms, 10s, 2m or 1h");
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(Locale.ROOT);
        double millis =
                switch (unit) {
                    case "ms" -> amount;
                    case "s" -> amount * 1_000;
                    case "m" -> amount * 60_000;
                    default -> amount * 3_600_000;
                };
        if (millis < 1 || millis > Long.MAX_VALUE / 2) {
            throw new IllegalArgumentException("duration '" + text + "' is out of range");
        }
        return Duration.ofMillis(Math.round(millis));
    }
}
