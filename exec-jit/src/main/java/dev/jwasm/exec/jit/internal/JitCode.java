package dev.jwasm.exec.jit.internal;

import dev.jwasm.spi.runtime.InstanceState;

/** Implemented by each generated class: calls its compiled function {@code index} with raw values. */
public interface JitCode {
    /**
     * Runs function {@code index} of {@code inst} (which must be compiled here) on {@code args},
     * with {@code depth} Wasm frames (of any tier) outside it.
     */
    long[] invoke(int index, InstanceState inst, long[] args, int depth);

    /**
     * Runs function {@code index} as the target of a tail call, in place of a frame {@code depth}
     * deep: its flat results, or the {@link TailCall} it makes in turn (functions that make tail
     * calls to others return those).
     */
    Object invokeTail(int index, InstanceState inst, long[] args, int depth);
}
