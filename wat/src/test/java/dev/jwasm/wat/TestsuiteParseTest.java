package dev.jwasm.wat;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Every script of the spec testsuite, in every folder, parses. */
class TestsuiteParseTest {

    static List<Path> allScripts() throws IOException {
        String dir = System.getProperty("jwasm.testsuite", "/work/shared/testsuite");
        var root = Path.of(dir);
        Assumptions.assumeTrue(Files.isDirectory(root), "spec testsuite not found at " + root);
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".wast")).sorted().toList();
        }
    }

    @Test
    void everyScriptParses() throws IOException {
        var scripts = allScripts();
        assertFalse(scripts.isEmpty(), "no .wast files found");
        var failures = new ArrayList<String>();
        int commands = 0;
        for (var p : scripts) {
            try {
                var script = WastScript.parse(Files.readString(p, StandardCharsets.UTF_8), p.toString());
                assertFalse(script.commands().isEmpty(), p + " has no commands");
                commands += script.commands().size();
            } catch (WatException e) {
                failures.add(p + ":" + e.getMessage());
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " scripts failed:\n" + String.join("\n", failures));
        // The testsuite has tens of thousands of commands; a parser that dropped them would fail here.
        assertTrue(commands > 50_000, "only " + commands + " commands");
    }
}
