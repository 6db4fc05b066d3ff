package dev.jwasm.it.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Where the spec testsuite is, and its {@code .wast} scripts named relative to its root. */
public final class Testsuite {
    private Testsuite() {}

    /** The root: system property {@code jwasm.testsuite}, else {@code ../shared/testsuite}. */
    public static Optional<Path> root() {
        Path root = Path.of(System.getProperty("jwasm.testsuite", "../shared/testsuite"));
        return Files.isDirectory(root) ? Optional.of(root) : Optional.empty();
    }

    public static String absentMessage() {
        return "spec testsuite not found at " + System.getProperty("jwasm.testsuite", "../shared/testsuite")
                + "; put the WebAssembly testsuite there or pass -Djwasm.testsuite=DIR";
    }

    /** Every {@code .wast} below the root, as sorted '/'-separated relative names. */
    public static List<String> scripts(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".wast"))
                    .map(f -> root.relativize(f).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the testsuite at " + root, e);
        }
    }
}
