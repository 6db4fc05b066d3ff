package dev.jwasm.wat;

import dev.jwasm.wat.internal.script.ScriptParser;
import java.util.List;

/** A parsed {@code .wast} script: the spec testsuite's command language. */
public record WastScript(String fileName, List<WastCommand> commands) {
    public WastScript {
        commands = List.copyOf(commands);
    }

    /**
     * Parses a script.
     *
     * @throws WatException with line:column when the script is malformed (module bodies in text
     *     form are only checked for balanced parentheses here; they are encoded separately)
     */
    public static WastScript parse(String source, String fileName) {
        return new WastScript(fileName, ScriptParser.parse(source));
    }
}
