package dev.jwasm.exec.jit.internal;

import dev.jwasm.api.code.Opcode;
import dev.jwasm.exec.interp.internal.AtomicOps;
import dev.jwasm.spi.LinearMemory.RmwOp;

/**
 * How each threads-proposal atomic is compiled: a direct call of the memory's atomic accessor for
 * its kind, with its width (and read-modify-write operation) fixed at compile time. The kinds
 * come from the interpreter's {@code AtomicOps}, so both tiers agree on what each opcode does.
 */
final class Atomics {
    private Atomics() {}

    record Atomic(Opcode wasm, AtomicOps.Kind kind, int width, RmwOp rmw) {}

    /** How {@code op} is compiled, or null if it is no atomic. */
    static Atomic of(Opcode op) {
        AtomicOps.Kind kind = AtomicOps.kindOf(op);
        if (kind == null) {
            return null;
        }
        return new Atomic(op, kind, op.accessBytes(), AtomicOps.rmwOf(op));
    }
}
