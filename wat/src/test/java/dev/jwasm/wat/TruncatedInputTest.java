package dev.jwasm.wat;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/**
 * Bad input must fail with a WatException, never a raw runtime exception. Every text module of the
 * testsuite is cut short and has tokens dropped at many points, which exercises the
 * error paths of every field and instruction form.
 */
class TruncatedInputTest {

    @Test
    void mangledModulesFailOnlyWithWatException() throws IOException {
        var raw = new ArrayList<String>();
        int tried = 0;
        for (var p : TestsuiteParseTest.allScripts()) {
            String name = p.getFileName().toString();
            var script = WastScript.parse(Files.readString(p, StandardCharsets.UTF_8), p.toString());
            for (var c : script.commands()) {
                if (!(c instanceof WastCommand.Module m && m.source() instanceof ModuleSource.Text t)) {
                    continue;
                }
                String text = t.text();
                for (int cut = 1; cut < text.length(); cut += Math.max(1, text.length() / 12)) {
                    // Drop the token-ish run after the cut, then close all parentheses.
                    int end = cut;
                    while (end < text.length()
                            && !Character.isWhitespace(text.charAt(end))
                            && text.charAt(end) != ')') {
                        end++;
                    }
                    String mangled = text.substring(0, cut) + text.substring(end);
                    String truncated = text.substring(0, cut) + ")".repeat(20);
                    for (String candidate : new String[] {mangled, truncated}) {
                        tried++;
                        try {
                            Wat.toBinary(candidate);
                        } catch (WatException e) {
                            // expected for most candidates
                        } catch (RuntimeException e) {
                            raw.add(name + ":" + c.pos() + " cut " + cut + ": " + e);
                        }
                    }
                }
            }
        }
        assertTrue(tried > 1000, "only " + tried + " candidates");
        assertTrue(
                raw.isEmpty(),
                raw.size() + " raw exceptions:\n" + String.join("\n", raw.subList(0, Math.min(30, raw.size()))));
    }

    @Test
    void mangledScriptsFailOnlyWithWatException() throws IOException {
        var raw = new ArrayList<String>();
        int tried = 0;
        for (var p : TestsuiteParseTest.allScripts()) {
            String text = Files.readString(p, StandardCharsets.UTF_8);
            // Commands start at column 1; dropping the token after each "(" mangles one command.
            for (int at = text.indexOf("\n("); at >= 0 && tried < 20_000; at = text.indexOf("\n(", at + 1)) {
                int from = at + 2;
                int to = from;
                while (to < text.length() && !Character.isWhitespace(text.charAt(to)) && text.charAt(to) != ')') {
                    to++;
                }
                int next = text.indexOf("\n(", to);
                String command = text.substring(at + 1, next < 0 ? text.length() : next);
                String mangled = "(" + command.substring(to - at - 1);
                for (String candidate : new String[] {mangled, command.substring(0, command.length() / 2)}) {
                    tried++;
                    try {
                        WastScript.parse(candidate, p.toString());
                    } catch (WatException e) {
                        // expected for most candidates
                    } catch (RuntimeException e) {
                        raw.add(p.getFileName() + " at char " + at + ": " + e);
                    }
                }
            }
        }
        assertTrue(tried > 1000, "only " + tried + " candidates");
        assertTrue(
                raw.isEmpty(),
                raw.size() + " raw exceptions:\n" + String.join("\n", raw.subList(0, Math.min(30, raw.size()))));
    }
}
