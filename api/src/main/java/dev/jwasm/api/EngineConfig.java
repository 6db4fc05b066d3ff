package dev.jwasm.api;

import dev.jwasm.spi.MemoryListener;
import java.util.Optional;

/**
 * The limits and hooks an engine was built with; backends read them. Build one through
 * {@link Engine.Builder}.
 *
 * @param maxMemoryBytes bytes all linear memories of the engine may commit together
 * @param maxGcHeapBytes bytes a store's GC heap may hold before allocation traps
 * @param maxCallDepth Wasm call frames one invocation may nest before it traps with
 *     "call stack exhausted"
 * @param memoryListener watches and may veto memory growth
 * @param consumeFuel whether executors meter fuel: one unit at every function entry and loop
 *     back-edge, trapping with "all fuel consumed" when a store has none left ({@link
 *     Store#setFuel}); off by default, and then free
 * @param jitEager whether a compiling executor compiles every function of a module when it is
 *     instantiated rather than on first use
 * @param jitStrict whether a compiling executor fails (at instantiation when eager, else when it
 *     compiles on the calling thread) when it cannot compile a function, instead of running it on
 *     the interpreter
 * @param jitThreshold calls of one function after which a compiling executor compiles its module
 *     in the background (loop back-edges count too, see {@link Engine.Builder#jitThreshold}); 0
 *     compiles on the first call, on the calling thread
 */
public record EngineConfig(
        long maxMemoryBytes,
        long maxGcHeapBytes,
        int maxCallDepth,
        Optional<MemoryListener> memoryListener,
        boolean consumeFuel,
        boolean jitEager,
        boolean jitStrict,
        int jitThreshold) {
    public static final long UNLIMITED = Long.MAX_VALUE;
    public static final int DEFAULT_MAX_CALL_DEPTH = 10_000;
    /** Calls before a function's module is compiled, unless configured. */
    public static final int DEFAULT_JIT_THRESHOLD = 1_000;

    public EngineConfig {
        requirePositive("maxMemoryBytes", maxMemoryBytes);
        requirePositive("maxGcHeapBytes", maxGcHeapBytes);
        requirePositive("maxCallDepth", maxCallDepth);
        if (jitThreshold < 0) {
            throw new ConfigurationException("jitThreshold must not be negative, not " + jitThreshold);
        }
        memoryListener = Optional.ofNullable(memoryListener).flatMap(l -> l);
    }

    static EngineConfig defaults() {
        return new EngineConfig(
                UNLIMITED,
                UNLIMITED,
                DEFAULT_MAX_CALL_DEPTH,
                Optional.empty(),
                false,
                false,
                false,
                DEFAULT_JIT_THRESHOLD);
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new ConfigurationException(name + " must be positive, not " + value);
        }
    }
}
