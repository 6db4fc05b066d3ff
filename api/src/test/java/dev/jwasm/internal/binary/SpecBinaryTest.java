package dev.jwasm.internal.binary;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jwasm.api.Features;
import dev.jwasm.api.InvalidModuleException;
import dev.jwasm.api.MalformedModuleException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the decoder over every binary module in the spec testsuite: {@code assert_malformed}
 * modules must fail with the expected message (a prefix match, as the reference interpreter's
 * script runner does), plain modules and {@code assert_invalid} modules must decode.
 */
class SpecBinaryTest {
    private static final Path SUITE = Path.of(System.getProperty("jwasm.testsuite", "../../shared/testsuite"));

    // Directories of proposals this decoder implements, with the options they need.
    private static final List<Path> DIRS = List.of(Path.of(""), Path.of("legacy"), Path.of("proposals/threads"));
    // Proposals beyond 3.0, decoded with every feature on.
    private static final List<Path> PROPOSALS =
            List.of(Path.of("proposals/custom-page-sizes"), Path.of("proposals/wide-arithmetic"));

    @TestFactory
    Stream<DynamicTest> binaryModulesOfTheSpecTestsuite() throws IOException {
        assumeTrue(
                Files.isDirectory(SUITE),
                "spec testsuite not found at " + SUITE.toAbsolutePath() + " (set -Djwasm.testsuite)");
        var tests = new ArrayList<DynamicTest>();
        for (Path dir : DIRS) {
            // Core binary.wast has flag 0x08 malformed, as it is in plain 3.0.
            addTests(SUITE.resolve(dir), Features.defaults(), tests);
        }
        for (Path dir : PROPOSALS) {
            addTests(SUITE.resolve(dir), Features.all(), tests);
        }
        return tests.stream();
    }

    private static void addTests(Path dir, Features features, List<DynamicTest> tests) throws IOException {
        List<Path> files;
        try (var list = Files.list(dir)) {
            files = list.filter(p -> p.toString().endsWith(".wast")).sorted().toList();
        }
        for (Path file : files) {
            String text = Files.readString(file);
            for (var entry : WastBinaryModules.parse(text)) {
                String name = SUITE.relativize(file) + ":" + entry.line() + " " + entry.kind();
                tests.add(DynamicTest.dynamicTest(name, () -> check(name, entry, features)));
            }
        }
    }

    private static void check(String name, WastBinaryModules.Entry entry, Features features) {
        switch (entry.kind()) {
            case MODULE -> {
                try {
                    ModuleDecoder.decode(entry.binary(), features);
                } catch (RuntimeException e) {
                    throw new AssertionError(name + ": a valid module failed to decode", e);
                }
            }
            case INVALID -> {
                try {
                    ModuleDecoder.decode(entry.binary(), features);
                } catch (InvalidModuleException e) {
                    // Reported while decoding; fine, as long as it is the invalid kind.
                } catch (RuntimeException e) {
                    throw new AssertionError(name + ": expected to decode, then be invalid", e);
                }
            }
            case MALFORMED -> {
                try {
                    ModuleDecoder.decode(entry.binary(), features);
                } catch (MalformedModuleException e) {
                    assertTrue(
                            e.reason().startsWith(entry.expected()),
                            () -> name + ": expected \"" + entry.expected() + "\" but got \"" + e.getMessage() + "\"");
                    return;
                }
                throw new AssertionError(name + ": decoded, but expected malformed: " + entry.expected());
            }
        }
    }
}
