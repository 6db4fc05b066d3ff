package dev.jwasm.internal.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jwasm.api.JwasmException;
import dev.jwasm.api.WasmModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real compiler output (the benchmark programs and the WASI testsuite) is valid, so the
 * validator must accept every one of those modules: a broad check against false rejections.
 */
class RealProgramsValidateTest {
    @ParameterizedTest
    @ValueSource(strings = {"jwasm.bench", "jwasm.wasitests"})
    void everyModuleOfTheCorpusValidates(String property) throws IOException {
        var root = Path.of(System.getProperty(property, "/nonexistent"));
        assumeTrue(Files.isDirectory(root), "corpus not found at " + root + " (system property " + property + ")");
        List<Path> modules;
        try (Stream<Path> files = Files.walk(root)) {
            modules = files.filter(p -> p.toString().endsWith(".wasm")).sorted().toList();
        }
        assumeTrue(!modules.isEmpty(), "no .wasm files under " + root);
        var failures = new ArrayList<String>();
        for (var path : modules) {
            try {
                WasmModule.decode(Files.readAllBytes(path)).validate();
            } catch (JwasmException e) {
                failures.add(root.relativize(path) + ": " + e.getMessage());
            }
        }
        assertEquals(List.of(), failures, failures.size() + " of " + modules.size() + " modules rejected");
        assertFalse(modules.isEmpty());
    }
}
