package dev.jwasm.bench.programs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the benchmark programs of {@code ../shared/bench} (wasm32-wasi commands) by name: the
 * system property {@code jwasm.bench}, else a {@code shared/bench} folder beside the checkout.
 */
public final class BenchPrograms {
    private BenchPrograms() {}

    /** The folder holding {@code shootout/} and {@code sightglass/}. */
    public static Path root() {
        String configured = System.getProperty("jwasm.bench");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared").resolve("bench");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "benchmark programs not found: put them at ../shared/bench or pass -Djwasm.bench=DIR");
    }

    /**
     * The bytes of a program: {@code shootout/NAME.wasm}, or {@code sightglass/NAME/benchmark.wasm}
     * for a name given as {@code sightglass/NAME}.
     */
    public static byte[] load(String name) {
        Path root = root();
        Path file = name.startsWith("sightglass/")
                ? root.resolve(name).resolve("benchmark.wasm")
                : root.resolve("shootout").resolve(name + ".wasm");
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read benchmark program " + file, e);
        }
    }
}
