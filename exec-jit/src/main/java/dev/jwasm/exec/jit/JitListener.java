package dev.jwasm.exec.jit;

import java.util.List;

/**
 * Told what the JIT compiled (give one to {@link JitProvider#JitProvider(JitListener)}). Called
 * on the thread that compiles (the background compiler's, unless eager, strict or at threshold
 * 0): once per module when it is compiled whole (eager mode, threshold 0), else once per hot
 * function (or batch of them). Every instance of a module shares its compiled code, which is in
 * place when the listener hears of it.
 */
public interface JitListener {
    JitListener NONE = (compiled, interpreted) -> {};

    /** {@code compiled} functions of a module became JVM bytecode; {@code interpreted} did not. */
    void moduleCompiled(int compiled, List<Uncompiled> interpreted);

    /**
     * Tiering per function: the functions {@code compiled} (indexes in their module) became JVM
     * bytecode in a class of their own and run there from now on; {@code interpreted} were hot
     * but could not be compiled, and stay on the interpreter.
     */
    default void functionsCompiled(List<Integer> compiled, List<Uncompiled> interpreted) {}

    /**
     * A call of function {@code functionIndex} running on the interpreter continues in compiled
     * code at the loop header at IR pc {@code pc} (on-stack replacement); called on the thread
     * running it.
     */
    default void loopEntered(int functionIndex, int pc) {}

    /**
     * In strict mode, whether {@code function} may run on the interpreter after all instead of
     * failing with {@link JitCompilationException}; never, unless overridden.
     */
    default boolean tolerated(Uncompiled function) {
        return false;
    }
}
