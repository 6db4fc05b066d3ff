package dev.jwasm.wat.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.jwasm.api.Features;
import dev.jwasm.api.InvalidModuleException;
import dev.jwasm.api.MalformedModuleException;
import dev.jwasm.api.WasmModule;
import dev.jwasm.wat.WastScript;
import dev.jwasm.wat.Wat;
import dev.jwasm.wat.WatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Coverage-guided fuzzing (Jazzer) of the text format: any text ends in a binary or a {@link
 * WatException} (scripts: a parsed script or a WatException), and the binary then decodes and
 * validates or fails with the documented module errors; never another exception, a hang or an
 * OutOfMemoryError. Inputs are edits of the spec testsuite's scripts, read in place from {@code
 * jwasm.testsuite}.
 */
class WatFuzzTest {
    private static final List<String> SEEDS = seeds();

    private static List<String> seeds() {
        var dir = Path.of(System.getProperty("jwasm.testsuite", "../../shared/testsuite"));
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".wast"))
                    .sorted()
                    .map(WatFuzzTest::read)
                    // Large scripts make each execution slow; small ones cover the same grammar.
                    .filter(s -> s.length() < 20_000)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "20s")
    void parse(FuzzedDataProvider data) {
        boolean module = data.consumeBoolean();
        String text = mutate(data);
        if (!module) {
            try {
                WastScript.parse(text, "fuzz.wast");
            } catch (WatException e) {
                // documented
            }
            return;
        }
        byte[] binary;
        try {
            binary = Wat.toBinary(text);
        } catch (WatException e) {
            return;
        }
        try {
            WasmModule.decode(binary, Features.all()).validate();
        } catch (MalformedModuleException | InvalidModuleException e) {
            // documented
        }
    }

    /** A seed script (or raw text) with a few edits: overwrite, insert or delete. */
    private static String mutate(FuzzedDataProvider data) {
        int pick = data.consumeInt(0, SEEDS.size());
        if (pick == SEEDS.size()) {
            return data.consumeRemainingAsString();
        }
        var seed = new StringBuilder(SEEDS.get(pick));
        int edits = data.consumeInt(1, 4);
        for (int i = 0; i < edits; i++) {
            int at = data.consumeInt(0, seed.length());
            String s = data.consumeString(12);
            switch (data.consumeInt(0, 2)) {
                case 0 -> seed.replace(at, Math.min(seed.length(), at + s.length()), s);
                case 1 -> seed.insert(at, s);
                default -> seed.delete(at, Math.min(seed.length(), at + data.consumeInt(1, 200)));
            }
        }
        return seed.toString();
    }
}
