package dev.jwasm.spi;

import dev.jwasm.api.ConfigurationException;
import dev.jwasm.spi.runtime.InstanceState;
import dev.jwasm.spi.runtime.WasmFunctionInstance;

/**
 * Runs validated Wasm code for one engine. The lowering and invocation entry points grow with the
 * interpreter (they take the validator's operator stream, see DESIGN.md "Execution").
 */
// Executors run on the runtime's state (dev.jwasm.spi.runtime), which is exported to jwasm's own
// modules only: this SPI is implemented by them (the interpreter, the JIT), not by embedders.
@SuppressWarnings("exports")
public interface Executor extends AutoCloseable {
    /** The name of the backend that made this executor. */
    String name();

    /**
     * Calls {@code function} with raw argument values (see {@link dev.jwasm.api.HostFunction}) and
     * returns its results; traps surface as {@link dev.jwasm.api.Trap}. Executors lower the
     * function's code on first call and keep it in {@link WasmFunctionInstance#compiled()}.
     */
    default long[] invoke(WasmFunctionInstance function, long[] args) {
        throw new ConfigurationException("executor " + name() + " cannot run Wasm code yet");
    }

    /**
     * Called once {@code instance} is initialised (its segments applied), before its start
     * function runs: where an executor that compiles eagerly does so. Whatever it throws fails the
     * instantiation.
     */
    default void instantiated(InstanceState instance) {}

    @Override
    default void close() {}
}
