package dev.jwasm.exec.interp;

import dev.jwasm.api.EngineConfig;
import dev.jwasm.spi.Executor;
import dev.jwasm.spi.ExecutorProvider;

/** The interpreter: runs everywhere, starts instantly; the JIT is preferred where present. */
public final class InterpreterProvider implements ExecutorProvider {
    public static final String NAME = "interp";

    /** Instantiated by {@link java.util.ServiceLoader}. */
    public InterpreterProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Executor create(EngineConfig config) {
        return () -> NAME;
    }
}
