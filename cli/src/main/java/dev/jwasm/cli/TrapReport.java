package dev.jwasm.cli;

import dev.jwasm.api.Trap;
import dev.jwasm.api.WasmFrame;
import java.io.PrintWriter;
import java.util.List;

/**
 * How {@code jwasm} reports a trap on stderr: one line {@code jwasm: trap: MESSAGE}, then the Wasm
 * functions that were active, innermost first, one {@code   at NAME} line each. Deep stacks (call
 * stack exhausted) are cut after {@link #MAX_FRAMES} lines. Verbose adds the JVM side: the
 * exception and any cause with its Java stack (a failing host function's, say).
 */
final class TrapReport {
    /** More frames than this are summarised in one line: thousands of recursive frames help nobody. */
    static final int MAX_FRAMES = 32;

    private TrapReport() {}

    static void print(PrintWriter err, Trap trap, boolean verbose) {
        err.println("jwasm: trap: " + trap.getMessage());
        List<WasmFrame> frames = trap.wasmStackTrace();
        for (int i = 0; i < Math.min(frames.size(), MAX_FRAMES); i++) {
            err.println("  at " + describe(frames.get(i)));
        }
        if (frames.size() > MAX_FRAMES) {
            err.println("  ... " + (frames.size() - MAX_FRAMES) + " more frames");
        }
        if (verbose) {
            trap.printStackTrace(err);
        }
        err.flush();
    }

    /** {@code name (func[N])} when the module names the function, else {@code func[N]}. */
    static String describe(WasmFrame frame) {
        return frame.functionName().isPresent()
                ? frame.displayName() + " (func[" + frame.functionIndex() + "])"
                : frame.displayName();
    }
}
