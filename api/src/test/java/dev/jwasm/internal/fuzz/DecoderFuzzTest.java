package dev.jwasm.internal.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.jwasm.api.Features;
import dev.jwasm.api.InvalidModuleException;
import dev.jwasm.api.MalformedModuleException;
import dev.jwasm.api.WasmModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Coverage-guided fuzzing (Jazzer) of the decoder and the validator: whatever the bytes, decoding
 * ends in a module or {@link MalformedModuleException} / {@link InvalidModuleException} (the two
 * documented errors), and validating a decoded module in a module or {@link
 * InvalidModuleException}; never another exception, a hang or an OutOfMemoryError (Jazzer reports
 * those as findings). Inputs are mutations of real modules, the benchmark programs read in place
 * from {@code jwasm.bench}: the fuzzer's bytes choose a seed and how to change it, so coverage
 * guidance steers the mutations. {@code ./mvnw verify} fuzzes for a bounded time (JAZZER_FUZZ is
 * set for this module's tests); without it the test runs its stored inputs only.
 */
class DecoderFuzzTest {
    private static final int MAX_SEED_BYTES = 32 * 1024;
    private static final List<byte[]> SEEDS = seeds();

    private static List<byte[]> seeds() {
        var dir = Path.of(System.getProperty("jwasm.bench", "../../shared/bench"));
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".wasm"))
                    .sorted()
                    .map(DecoderFuzzTest::read)
                    // Small modules keep each execution fast, so the fuzzer tries many more inputs;
                    // they use the same sections and operators as the big ones.
                    .filter(b -> b.length <= MAX_SEED_BYTES)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "20s")
    void decodeAndValidate(FuzzedDataProvider data) {
        byte[] input = SeedMutator.mutate(SEEDS, data);
        WasmModule module;
        try {
            module = WasmModule.decode(input, Features.all());
        } catch (MalformedModuleException | InvalidModuleException e) {
            return;
        }
        try {
            module.validate();
        } catch (InvalidModuleException e) {
            // documented
        }
    }
}
