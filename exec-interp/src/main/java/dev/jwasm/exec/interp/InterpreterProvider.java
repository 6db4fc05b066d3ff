package dev.jwasm.exec.interp;

import dev.jwasm.api.EngineConfig;
import dev.jwasm.exec.interp.internal.Machine;
import dev.jwasm.spi.Executor;
import dev.jwasm.spi.ExecutorProvider;
import dev.jwasm.spi.runtime.WasmFunctionInstance;

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
        return new Interpreter(config.maxCallDepth(), config.consumeFuel());
    }

    /** Runs each call from the host on a fresh {@link Machine}, so a trap leaves nothing behind. */
    private record Interpreter(int maxCallDepth, boolean meterFuel) implements Executor {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public long[] invoke(WasmFunctionInstance function, long[] args) {
            return new Machine(maxCallDepth, meterFuel).invoke(function, args);
        }
    }
}
