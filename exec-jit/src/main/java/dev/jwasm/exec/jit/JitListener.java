package dev.jwasm.exec.jit;

import java.util.List;

/**
 * Told what the JIT made of each module it compiled (give one to {@link JitProvider#JitProvider(
 * JitListener)}). Called on the thread that compiles, once per module: every instance of a
 * module shares its compiled code.
 */
public interface JitListener {
    JitListener NONE = (compiled, interpreted) -> {};

    /** {@code compiled} functions of a module became JVM bytecode; {@code interpreted} did not. */
    void moduleCompiled(int compiled, List<Uncompiled> interpreted);

    /**
     * In strict mode, whether {@code function} may run on the interpreter after all instead of
     * failing with {@link JitCompilationException}; never, unless overridden.
     */
    default boolean tolerated(Uncompiled function) {
        return false;
    }
}
