package dev.jwasm.exec.interp.internal;

/**
 * A function lowered to register IR: {@code code}, the number of parameters and of all locals
 * (the frame's first slots), the frame size (locals plus the deepest operand stack), and whether
 * a declared (non-parameter) local is a v128, whose high half must be zeroed on entry too.
 */
record CompiledFunction(int[] code, int params, int locals, int frameSize, boolean v128Locals) {}
