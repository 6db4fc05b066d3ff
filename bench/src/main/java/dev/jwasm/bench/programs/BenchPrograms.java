package dev.jwasm.bench.programs;

import dev.jwasm.wat.Wat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
     * The file a program name stands for: {@code sightglass/NAME/benchmark.wasm} for {@code
     * sightglass/NAME}; a name ending in {@code .wat} or {@code .wasm} is a path, absolute or under
     * {@link #root()} (this is where GC workloads such as {@code gc/binary-trees.wat} go); any other
     * name is {@code shootout/NAME.wasm}.
     */
    public static Path file(String name) {
        Path root = root();
        if (name.startsWith("sightglass/")) {
            return root.resolve(name).resolve("benchmark.wasm");
        }
        if (name.endsWith(".wat") || name.endsWith(".wasm")) {
            Path path = Path.of(name);
            return path.isAbsolute() ? path : root.resolve(name);
        }
        return root.resolve("shootout").resolve(name + ".wasm");
    }

    /** The binary of a program ({@code .wat} text is assembled); see {@link #file}. */
    public static byte[] load(String name) {
        Path file = file(name);
        try {
            if (file.toString().endsWith(".wat")) {
                return Wat.toBinary(Files.readString(file, StandardCharsets.UTF_8));
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read benchmark program " + file, e);
        }
    }

    /** The program, described (see {@link BenchProgram}). */
    public static BenchProgram program(String name) {
        return BenchProgram.of(name, load(name));
    }
}
