package dev.jwasm.wat;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/**
 * Text modules the testsuite declares malformed ({@code assert_malformed (module quote ...)}) are
 * rejected with a WatException whose reason starts with the testsuite's expected message.
 */
class TestsuiteMalformedTest {

    /**
     * The threads proposal's memory.wast predates Wasm 3.0 and calls a memory size of 2^32 pages
     * malformed; core memory.wast (Wasm 3.0) makes the same text an assert_invalid, which we follow.
     */
    private static boolean supersededByCore(String path, String message) {
        return path.contains("proposals/threads") && message.equals("i32 constant out of range");
    }

    /**
     * Three quoted modules put a raw line break or tab inside a string; the reference interpreter
     * names the enclosing construct ("empty identifier", "empty annotation id") while we report the
     * string error itself. Both reject the module.
     */
    private static boolean knownWordingDifference(String expected, String actual) {
        return (expected.equals("empty identifier") || expected.equals("empty annotation id"))
                && (actual.startsWith("unclosed string") || actual.startsWith("illegal control character"));
    }

    @Test
    void everyMalformedQuotedModuleIsRejectedWithTheExpectedMessage() throws IOException {
        var accepted = new ArrayList<String>();
        var wrongMessage = new ArrayList<String>();
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
                        if (!e.reason().startsWith(msg) && !knownWordingDifference(msg, e.reason())) {
                            wrongMessage.add(p.getFileName() + ":" + pos + " expected \"" + msg + "\" got \""
                                    + e.reason() + "\"");
                        }
                    }
                }
            }
        }
        assertTrue(rejected > 1000, "only " + rejected + " malformed modules seen");
        assertTrue(
                accepted.isEmpty(), accepted.size() + " malformed modules accepted:\n" + String.join("\n", accepted));
        assertTrue(
                wrongMessage.isEmpty(),
                wrongMessage.size() + " rejected with another message:\n" + String.join("\n", wrongMessage));
    }
}
