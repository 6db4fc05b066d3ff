package dev.jwasm.wat;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/** Text modules the testsuite declares malformed are rejected with a WatException. */
class TestsuiteMalformedTest {

    /**
     * The threads proposal's memory.wast predates Wasm 3.0 and calls a memory size of 2^32 pages
     * malformed; core memory.wast (Wasm 3.0) makes the same text an assert_invalid, which we follow.
     */
    private static boolean supersededByCore(String path, String message) {
        return path.contains("proposals/threads") && message.equals("i32 constant out of range");
    }

    @Test
    void everyMalformedQuotedModuleIsRejected() throws IOException {
        var accepted = new ArrayList<String>();
        int rejected = 0;
        for (var p : TestsuiteParseTest.allScripts()) {
            var script = WastScript.parse(Files.readString(p, StandardCharsets.UTF_8), p.toString());
            for (var c : script.commands()) {
                if (c instanceof WastCommand.AssertMalformed(var pos, ModuleSource.Quote q, var msg)
                        && !supersededByCore(p.toString(), msg)) {
                    try {
                        Wat.toBinary(q.text());
                        accepted.add(p.getFileName() + ":" + pos + " expected \"" + msg + "\"");
                    } catch (WatException e) {
                        rejected++;
                    }
                }
            }
        }
        assertTrue(
                accepted.isEmpty(),
                accepted.size() + " malformed modules accepted (" + rejected + " rejected):\n"
                        + String.join("\n", accepted));
    }
}
