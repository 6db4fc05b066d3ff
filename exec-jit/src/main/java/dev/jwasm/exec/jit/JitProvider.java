package dev.jwasm.exec.jit;

import dev.jwasm.api.EngineConfig;
import dev.jwasm.exec.jit.internal.JitExecutor;
import dev.jwasm.spi.Executor;
import dev.jwasm.spi.ExecutorProvider;

/**
 * The JIT to JVM bytecode, preferred over the interpreter (higher priority): each module instance
 * becomes one hidden class on its first call; what it cannot compile runs on the interpreter.
 */
public final class JitProvider implements ExecutorProvider {
    public static final String NAME = "jit";

    /** Instantiated by {@link java.util.ServiceLoader}. */
    public JitProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 200;
    }

    @Override
    public Executor create(EngineConfig config) {
        return new JitExecutor(NAME, config.maxCallDepth(), config.consumeFuel());
    }
}
