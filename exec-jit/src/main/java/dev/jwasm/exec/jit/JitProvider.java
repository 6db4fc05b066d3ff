package dev.jwasm.exec.jit;

import dev.jwasm.api.ConfigurationException;
import dev.jwasm.api.EngineConfig;
import dev.jwasm.spi.Executor;
import dev.jwasm.spi.ExecutorProvider;

/** The JIT to JVM bytecode; preferred over the interpreter once it is implemented. */
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
    public boolean isSupported() {
        return false;
    }

    @Override
    public String unsupportedReason() {
        return "the JIT is not implemented yet";
    }

    @Override
    public Executor create(EngineConfig config) {
        throw new ConfigurationException(unsupportedReason());
    }
}
