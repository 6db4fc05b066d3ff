package dev.jwasm.it.spec;

import dev.jwasm.api.Feature;
import dev.jwasm.api.Features;
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

    /**
     * The features a script of the testsuite assumes, by folder, as wasmtime's runner chooses
     * them: the core suite is Wasm 3.0 (plus threads, on by default); a proposal's folder enables
     * that proposal. The threads folder predates memory64, multi-memory and multiple tables and
     * asserts that they are malformed or invalid, so they are off there.
     *
     * @param script a name relative to the root, '/'-separated
     */
    public static Features features(String script) {
        var defaults = Features.defaults();
        if (script.startsWith("proposals/custom-page-sizes/")) {
            return defaults.with(Feature.CUSTOM_PAGE_SIZES);
        }
        if (script.startsWith("proposals/wide-arithmetic/")) {
            return defaults.with(Feature.WIDE_ARITHMETIC);
        }
        if (script.startsWith("proposals/custom-descriptors/")) {
            return defaults.with(Feature.CUSTOM_DESCRIPTORS);
        }
        if (script.startsWith("proposals/threads/")) {
            return defaults.without(Feature.MULTI_MEMORY, Feature.MULTI_TABLE, Feature.MEMORY64);
        }
        return defaults;
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
