package dev.jwasm.exec.jit.internal;

import dev.jwasm.spi.runtime.InstanceState;
import dev.jwasm.spi.runtime.WasmFunctionInstance;
import java.util.Set;
import java.util.TreeSet;

/**
 * What every method of one generated class is compiled against: the instance whose module it
 * is, the functions the class holds ({@code compiled}), whether fuel is metered, the function
 * types its {@code call_indirect}s use (filled in while compiling; each gets a typed dispatch),
 * and whether calls of the module's functions that are not in the class go through their call
 * sites ({@code linked}: a class of its own per function, see {@link ModuleTier#site}) or through
 * the runtime (the module's one class).
 */
record CompileContext(
        InstanceState inst, boolean[] compiled, boolean meterFuel, Set<Integer> indirectTypes, boolean linked) {

    /** The same class's context with its own set of indirect types (measuring a method alone). */
    CompileContext scratch() {
        return new CompileContext(inst, compiled, meterFuel, new TreeSet<>(), linked);
    }

    /** Whether function {@code index} is called with a plain {@code invokestatic} of this class. */
    boolean inClass(int index) {
        return compiled[index];
    }

    /**
     * Whether a call of function {@code index} goes through its call site: it is one of the
     * module's own functions, in a class of its own (or still interpreted).
     */
    boolean viaSite(int index) {
        return linked
                && !compiled[index]
                && inst.functions[index] instanceof WasmFunctionInstance w
                && w.instance() == inst;
    }
}
