package dev.jwasm.api;

import dev.jwasm.spi.Executor;
import dev.jwasm.spi.runtime.StoreState;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Owns the instances, functions, memories, tables and globals created through it (spec 4.2.3),
 * and the executor that runs their code.
 *
 * <p><b>Threads.</b> A store runs code on one thread at a time: its instances, tables, globals,
 * unshared memories, fuel and reference tables are not synchronized. Calling an export (or
 * instantiating) while another thread is running code of the same store throws {@link
 * IllegalStateException} at once, rather than corrupting anything; a store may move between
 * threads between calls, and a host function may call back into its own store. To run Wasm on
 * several threads, give each thread its own store and instances, and share memory between them
 * through a <em>shared</em> memory (threads proposal): a shared memory may be imported by instances
 * of any number of stores and used from any thread, with sequentially consistent atomics, {@code
 * memory.atomic.wait}/{@code notify} across threads and {@code memory.grow} seen by all. The
 * {@link Engine} and {@link WasmModule} are thread-safe and meant to be shared. Only the ways to
 * stop running code ({@link #interrupt()}, {@link #resume()}, {@link #setDeadline}, {@link
 * #setTimeout}, {@link #clearDeadline()}) may be called while another thread runs the store's
 * code; they also wake its code blocked in {@code memory.atomic.wait}.
 *
 * <p>Three limits end a call with their own trap, each checked at function entry and at loop
 * back-edges: an interrupt ("interrupted"), a deadline ("deadline exceeded") and, if the engine
 * meters it, fuel ("all fuel consumed"). After any of them the store stays usable.
 */
public final class Store implements AutoCloseable {
    private final Engine engine;
    private final Executor executor;
    private final StoreState state = new StoreState();

    public Store(Engine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.executor = engine.executor();
        engine.gcHeapProvider().ifPresent(p -> state.gcHeapFactory(roots -> p.create(engine.config(), roots)));
    }

    public Engine engine() {
        return engine;
    }

    /** The executor running this store's Wasm code. */
    Executor executor() {
        return executor;
    }

    /** The store's run-time state, shared with executors. */
    StoreState state() {
        return state;
    }

    /**
     * The externref value (spec 4.2.1 "external references") that stands for {@code value} in this
     * store, to pass to Wasm code; {@code null} gives the null reference, 0.
     */
    public long externRef(Object value) {
        return state.externRef(value);
    }

    /**
     * The host object an externref value stands for; null for the null reference.
     *
     * @throws JwasmException if {@code ref} is not an externref of this store
     */
    public Object extern(long ref) {
        return state.extern(ref);
    }

    /**
     * Stops Wasm code running in this store, from any thread: it traps with {@link
     * TrapKind#INTERRUPTED} at its next function entry or loop iteration. Later calls trap the
     * same way until {@link #resume()}.
     */
    public void interrupt() {
        state.requestInterrupt();
    }

    /** Lets code run again after {@link #interrupt()}. */
    public void resume() {
        state.clearInterrupt();
    }

    /**
     * Sets a deadline, from any thread: Wasm code in this store that is still running (or starts)
     * after {@code deadline} traps with {@link TrapKind#DEADLINE_EXCEEDED} at its next function
     * entry or loop iteration, until the deadline is replaced or {@linkplain #clearDeadline()
     * cleared}. Replaces any earlier deadline; a deadline already past applies at once.
     */
    public void setDeadline(Instant deadline) {
        Objects.requireNonNull(deadline, "deadline");
        state.setDeadline(saturatedNanos(Duration.between(Instant.now(), deadline)));
    }

    /** {@link #setDeadline} at {@code timeout} from now. */
    public void setTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        state.setDeadline(saturatedNanos(timeout));
    }

    /** Removes the deadline, so code runs without one again. */
    public void clearDeadline() {
        state.clearDeadline();
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /**
     * Sets the fuel left (replacing, not adding to, what remains). Each function entry and loop
     * back-edge takes one unit; with none left code traps with {@link TrapKind#OUT_OF_FUEL}.
     *
     * @throws ConfigurationException if the engine was not built with {@link
     *     Engine.Builder#consumeFuel(boolean)}, or {@code fuel} is negative
     */
    public void setFuel(long fuel) {
        requireFuel();
        if (fuel < 0) {
            throw new ConfigurationException("fuel must not be negative, not " + fuel);
        }
        state.setFuel(fuel);
    }

    /**
     * The fuel left.
     *
     * @throws ConfigurationException if the engine does not meter fuel
     */
    public long fuel() {
        requireFuel();
        return state.fuel();
    }

    private void requireFuel() {
        if (!engine.config().consumeFuel()) {
            throw new ConfigurationException("fuel is off: build the engine with Engine.builder().consumeFuel(true)");
        }
    }

    /**
     * Releases the memories this store's instances created; using them afterwards is an error. The
     * executor belongs to the engine and stays open.
     */
    @Override
    public void close() {
        state.close();
    }
}
