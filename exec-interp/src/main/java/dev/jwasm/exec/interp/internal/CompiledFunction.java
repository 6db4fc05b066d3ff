package dev.jwasm.exec.interp.internal;

/**
 * A function lowered to register IR: {@code code}, the number of parameters and of all locals
 * (the frame's first slots), the frame size (locals, constant pool and the deepest operand
 * stack), {@code frameInit}, what function entry copies to the slots from {@code params} up
 * (zeroed locals, then the constant pool), and whether a declared (non-parameter) local is a
 * v128, whose high half must be zeroed on entry too.
 *
 * <p>{@code code} ends with the function's exception handler table (layout in {@link Handlers}),
 * after the last instruction: the unwinder finds it from the code array alone, which is all a
 * saved frame keeps. Nothing executes past the last instruction, so the table costs nothing.
 * {@code gcMaps} says which slots hold references where the collector may run.
 */
record CompiledFunction(
        int[] code, int params, int locals, int frameSize, long[] frameInit, boolean v128Locals, GcMaps gcMaps) {}
