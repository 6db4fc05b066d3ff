package dev.jwasm.exec.jit.internal;

import dev.jwasm.exec.jit.Uncompiled;
import java.util.List;

/**
 * A module's generated class ({@code code}, null if compilation failed), which of its functions
 * it holds, and why each of the module's other functions is not compiled; shared by all the
 * module's instances.
 */
record ModuleCode(JitCode code, boolean[] compiled, List<Uncompiled> uncompiled) {
    int compiledCount() {
        if (code == null) {
            return 0;
        }
        int n = 0;
        for (boolean c : compiled) {
            n += c ? 1 : 0;
        }
        return n;
    }
}
