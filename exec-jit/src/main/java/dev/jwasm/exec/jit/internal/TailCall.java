package dev.jwasm.exec.jit.internal;

import dev.jwasm.spi.runtime.FunctionInstance;
import dev.jwasm.spi.runtime.HostFunctionInstance;
import dev.jwasm.spi.runtime.InstanceState;
import dev.jwasm.spi.runtime.StoreState;
import dev.jwasm.spi.runtime.WasmFunctionInstance;

/**
 * A tail call (spec 4.4.8: {@code return_call}, {@code return_call_indirect}, {@code
 * return_call_ref}) that compiled code returns instead of making, so that its own JVM frame is
 * gone before the callee runs: the caller's wrapper runs it in {@link #trampoline}, which loops
 * while callees return tail calls in turn. A chain of tail calls a million long therefore runs in
 * constant JVM stack. (A tail call of a function to itself is a jump to its start instead.)
 */
public record TailCall(FunctionInstance target, long[] args) {
    /**
     * Runs {@code result} (a function's flat results, or a tail call) to the end of its tail-call
     * chain and returns the flat results; each callee runs in place of the frame that made the
     * tail call, {@code depth} Wasm frames deep.
     */
    public static long[] trampoline(Object result, InstanceState inst, int depth) {
        JitExecutor executor = CompiledModule.of(inst).executor();
        Object r = result;
        while (r instanceof TailCall t) {
            r = t.run(executor, inst.store, depth);
        }
        return (long[]) r;
    }

    /** One step: the callee's results, or the next tail call its tail-form method returns. */
    private Object run(JitExecutor executor, StoreState store, int depth) {
        // A tail call is a function entry for fuel and interrupts, host callee or not (as interpreted).
        if (executor.meterFuel() || store.stopRequested()) {
            JitRuntime.safepoint(store, executor.meterFuel());
        }
        if (target instanceof WasmFunctionInstance w) {
            InstanceState callee = w.instance();
            // A tail call counts towards compiling its callee, as a call does.
            JitCode code = executor.runs(w) ? executor.module(callee).code(w.index()) : null;
            if (code != null) {
                return code.invokeTail(w.index(), callee, args, depth);
            }
            return executor.interpret(w, args, depth);
        }
        return ((HostFunctionInstance) target).invoke(args);
    }
}
