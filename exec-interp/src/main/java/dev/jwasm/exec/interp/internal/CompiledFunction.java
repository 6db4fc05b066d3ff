package dev.jwasm.exec.interp.internal;

/**
 * A function lowered to register IR: {@code code}, the number of parameters and of all locals
 * (the frame's first slots), and the frame size (locals plus the deepest operand stack).
 */
record CompiledFunction(int[] code, int params, int locals, int frameSize) {}
