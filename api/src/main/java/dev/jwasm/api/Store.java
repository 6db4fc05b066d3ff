package dev.jwasm.api;

import dev.jwasm.spi.Executor;
import dev.jwasm.spi.runtime.StoreState;
import java.util.Objects;

/**
 * Owns the instances, functions, memories, tables and globals created through it (spec 4.2.3),
 * and the executor that runs their code. Not thread-safe: use one store per thread of execution.
 */
public final class Store implements AutoCloseable {
    private final Engine engine;
    private final Executor executor;
    private final StoreState state = new StoreState();

    public Store(Engine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.executor = engine.executorProvider().create(engine.config());
    }

    public Engine engine() {
        return engine;
    }

    /** The executor running this store's Wasm code. */
    public Executor executor() {
        return executor;
    }

    /** The store's run-time state, shared with executors. */
    public StoreState state() {
        return state;
    }

    /**
     * Stops Wasm code running in this store, from any thread: it traps with {@link
     * TrapKind#INTERRUPTED} at its next loop iteration or call. Later calls trap the same way
     * until {@link #resume()}. A timer that calls this gives a deadline.
     */
    public void interrupt() {
        state.requestInterrupt();
    }

    /** Lets code run again after {@link #interrupt()}. */
    public void resume() {
        state.clearInterrupt();
    }

    /** Releases the memories this store's instances created; using them afterwards is an error. */
    @Override
    public void close() {
        state.close();
        executor.close();
    }
}
