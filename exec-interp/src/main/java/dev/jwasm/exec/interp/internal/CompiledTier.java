package dev.jwasm.exec.interp.internal;

import dev.jwasm.spi.runtime.WasmFunctionInstance;

/**
 * The tier above the interpreter (the JIT), as the interpreter sees it: a call the interpreter
 * makes to a function this tier has compiled enters the compiled code instead of running on the
 * interpreter; the calls it asks about ({@link #runs}) and the loops it reports ({@link
 * #loopHot}) are the tier's profile. A {@link Machine} made without one (the interpreter on its own) pays one
 * predictable null check per call.
 */
public interface CompiledTier {
    /**
     * Below this Wasm call depth (frames of every tier outside the callee) calls may enter
     * compiled code, which nests on the JVM stack; deeper ones stay on the interpreter's own
     * stack, so that recursion through the tiers never exhausts the JVM's.
     */
    int maxDepth();

    /** Whether {@code function} has compiled code to enter; a call it is asked about counts towards compiling it. */
    boolean runs(WasmFunctionInstance function);

    /**
     * Runs {@code function}'s compiled code on raw (flat) arguments; {@code depth} is the number
     * of Wasm frames outside it. The caller has taken the call's safepoint.
     */
    long[] call(WasmFunctionInstance function, long[] args, int depth);

    /**
     * How many loop back-edges (of all the frames of a machine together) the interpreter counts
     * between two reports to {@link #loopHot}; at least 1.
     */
    int backEdgeInterval();

    /**
     * The loop with its header at IR {@code pc} of {@code function}'s interpreted frame is hot.
     * The tier may run the rest of that call compiled (on-stack replacement): on {@code frame}, a
     * copy of the frame's slots as they are at the loop header, {@code depth} Wasm frames deep; it
     * returns the call's flat results then, or null to leave the loop to the interpreter. A Wasm
     * exception or trap from the compiled code leaves the frame.
     */
    long[] loopHot(WasmFunctionInstance function, long[] frame, int pc, int depth);
}
