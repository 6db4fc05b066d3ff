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
import java.util.ArrayList;
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
    private static final int MAX_SEED_CHARS = 4096;
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
                    // One seed per top-level form: small inputs keep each execution fast.
                    .flatMap(script -> topLevelForms(script).stream())
                    .filter(form -> form.length() <= MAX_SEED_CHARS)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The script's top-level parenthesised forms ({@code (module …)}, {@code (assert_… )}),
     * skipping comments and strings when matching parentheses.
     */
    static List<String> topLevelForms(String script) {
        var forms = new ArrayList<String>();
        int depth = 0;
        int start = -1;
        for (int i = 0; i < script.length(); i++) {
            char c = script.charAt(i);
            if (c == ';' && i + 1 < script.length() && script.charAt(i + 1) == ';') {
                while (i < script.length() && script.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '(' && i + 1 < script.length() && script.charAt(i + 1) == ';') {
                int end = script.indexOf(";)", i + 2);
                i = end < 0 ? script.length() : end + 1;
            } else if (c == '"') {
                for (i++; i < script.length() && script.charAt(i) != '"'; i++) {
                    if (script.charAt(i) == '\\') {
                        i++;
                    }
                }
            } else if (c == '(') {
                if (depth++ == 0) {
                    start = i;
                }
            } else if (c == ')' && depth > 0 && --depth == 0) {
                forms.add(script.substring(start, i + 1));
            }
        }
        return forms;
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
