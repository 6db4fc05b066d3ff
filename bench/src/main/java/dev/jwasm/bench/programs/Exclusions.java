package dev.jwasm.bench.programs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runtime × program pairs a run leaves out on purpose, each with its reason, read from the file
 * the system property {@code jwasm.bench.exclusions} names (lines {@code RUNTIME<TAB>PROGRAM<TAB>REASON},
 * {@code *} matching any, {@code #} starting a comment). They let a full run skip what would take
 * hours (Chicory's interpreter on {@code switch}) and say so in the report instead of hanging.
 */
public final class Exclusions {
    /** Printed before a reason so that {@code bench/report.py} finds it in the JMH log. */
    public static final String MARKER = "jwasm-bench: not measured:";

    private Exclusions() {}

    /** The reason {@code runtime} is not run on {@code program}, or null. */
    public static String reason(String runtime, String program) {
        String file = System.getProperty("jwasm.bench.exclusions");
        if (file == null || file.isBlank()) {
            return null;
        }
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t", 3);
                if (cols.length == 3 && matches(cols[0], runtime) && matches(cols[1], program)) {
                    return cols[2].strip();
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the exclusions file " + file, e);
        }
    }

    private static boolean matches(String pattern, String value) {
        return pattern.equals("*") || pattern.equals(value);
    }

    /**
     * Announces that a pair is not measured, in the log line the report reads, and returns the
     * exception that makes JMH skip it.
     */
    public static IllegalStateException notMeasured(String runtime, String program, String reason) {
        String line = MARKER + " " + runtime + " " + program + ": " + reason;
        System.out.println(line);
        return new IllegalStateException(line);
    }
}
