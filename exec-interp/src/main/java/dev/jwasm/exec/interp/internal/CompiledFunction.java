package dev.jwasm.exec.interp.internal;

/**
 * A function lowered to register IR: {@code code}, the number of parameters and of all locals
 * (the frame's first slots), the frame size (locals, constant pool and the deepest operand
 * stack), and {@code frameInit}, what function entry copies to the slots from {@code params} up:
 * zeroed locals, then the constant pool.
 */
record CompiledFunction(int[] code, int params, int locals, int frameSize, long[] frameInit) {}
