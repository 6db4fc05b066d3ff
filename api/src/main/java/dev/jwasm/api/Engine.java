package dev.jwasm.api;

import dev.jwasm.internal.access.Internals;
import dev.jwasm.internal.engine.BackendSelector;
import dev.jwasm.spi.Backend;
import dev.jwasm.spi.Executor;
import dev.jwasm.spi.ExecutorProvider;
import dev.jwasm.spi.GcHeapProvider;
import dev.jwasm.spi.MemoryBudget;
import dev.jwasm.spi.MemoryListener;
import dev.jwasm.spi.MemoryProvider;
import java.util.Objects;
import java.util.Optional;

/**
 * The root of a jwasm runtime: the chosen backends and the engine-wide limits. Thread-safe;
 * create one per configuration and share it.
 *
 * <p>Each backend is chosen, in this order, by an explicit builder call ({@code memory("heap")}),
 * then the system property ({@code jwasm.memory}, {@code jwasm.executor}, {@code jwasm.gc}), then
 * the highest-priority provider on the module path that supports this platform.
 */
public final class Engine implements AutoCloseable {
    /** System property naming the memory backend when the builder does not. */
    public static final String MEMORY_PROPERTY = "jwasm.memory";
    /** System property naming the executor when the builder does not. */
    public static final String EXECUTOR_PROPERTY = "jwasm.executor";
    /** System property naming the GC heap when the builder does not. */
    public static final String GC_PROPERTY = "jwasm.gc";
    /** System property ({@code true}/{@code false}) for {@link Builder#jitEager} when the builder does not set it. */
    public static final String JIT_EAGER_PROPERTY = "jwasm.jit.eager";
    /** System property ({@code true}/{@code false}) for {@link Builder#jitStrict} when the builder does not set it. */
    public static final String JIT_STRICT_PROPERTY = "jwasm.jit.strict";
    /** System property (a count) for {@link Builder#jitThreshold} when the builder does not set it. */
    public static final String JIT_THRESHOLD_PROPERTY = "jwasm.jit.threshold";

    static {
        // jwasm's own modules reach the state behind the API's handles through Internals.
        Internals.install(new ApiBridge());
    }

    private final EngineConfig config;
    private final MemoryProvider memory;
    private final ExecutorProvider executor;
    private final Executor executorInstance;
    private final Optional<GcHeapProvider> gc;
    private final MemoryBudget memoryBudget;
    private final Features features;
    private final long maxModuleBytes;

    private Engine(Builder builder) {
        this.features = builder.features;
        this.maxModuleBytes = builder.maxModuleBytes;
        this.config = new EngineConfig(
                builder.maxMemoryBytes,
                builder.maxGcHeapBytes,
                builder.maxCallDepth,
                Optional.ofNullable(builder.memoryListener),
                builder.consumeFuel,
                builder.jitEager != null ? builder.jitEager : Boolean.getBoolean(JIT_EAGER_PROPERTY),
                builder.jitStrict != null ? builder.jitStrict : Boolean.getBoolean(JIT_STRICT_PROPERTY),
                builder.jitThreshold != null ? builder.jitThreshold : thresholdProperty());
        var selector = new BackendSelector(builder.classLoader);
        this.memory =
                selector.require("memory", MemoryProvider.class, builder.memory, MEMORY_PROPERTY, builder.memoryName);
        this.executor = selector.require(
                "executor", ExecutorProvider.class, builder.executor, EXECUTOR_PROPERTY, builder.executorName);
        this.gc = selector.optional("gc", GcHeapProvider.class, builder.gc, GC_PROPERTY, builder.gcName);
        this.memoryBudget = new MemoryBudget(config.maxMemoryBytes(), builder.memoryListener);
        // One executor for every store: what it compiles (lowered IR, JIT classes) is per module,
        // so stores that run the same module share it instead of compiling it again.
        this.executorInstance = executor.create(config);
    }

    private static int thresholdProperty() {
        String value = System.getProperty(JIT_THRESHOLD_PROPERTY);
        if (value == null) {
            return EngineConfig.DEFAULT_JIT_THRESHOLD;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new ConfigurationException(JIT_THRESHOLD_PROPERTY + " must be a count, not '" + value + "'");
        }
    }

    /** The executor that runs every store's Wasm code (see {@link ExecutorProvider#create}). */
    Executor executor() {
        return executorInstance;
    }

    /** An engine with every backend chosen by system property or priority, and no limits. */
    public static Engine create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public EngineConfig config() {
        return config;
    }

    public MemoryProvider memoryProvider() {
        return memory;
    }

    public ExecutorProvider executorProvider() {
        return executor;
    }

    /** The GC heap backend, absent when none is on the module path (GC-proposal modules then fail). */
    public Optional<GcHeapProvider> gcHeapProvider() {
        return gc;
    }

    /** The WebAssembly features modules decoded for this engine may use. */
    public Features features() {
        return features;
    }

    /**
     * Decodes a module binary with this engine's {@link #features()}.
     *
     * @see WasmModule#decode(byte[], Features)
     */
    public WasmModule decode(byte[] binary) {
        // Checked before any decoding, so a hostile binary costs nothing past its length.
        if (binary.length > maxModuleBytes) {
            throw new MalformedModuleException(
                    "module too large: " + binary.length + " bytes, over this engine's limit of " + maxModuleBytes
                            + " (Engine.Builder.maxModuleBytes)",
                    0);
        }
        return WasmModule.decode(binary, features);
    }

    /** The accounting shared by every linear memory this engine creates. */
    MemoryBudget memoryBudget() {
        return memoryBudget;
    }

    /** The chosen backends' names, e.g. {@code memory=mmap executor=jit gc=arena}. */
    @Override
    public String toString() {
        return "Engine[memory=" + memory.name() + ", executor=" + executor.name() + ", gc="
                + gc.map(Backend::name).orElse("none") + "]";
    }

    @Override
    public void close() {
        executorInstance.close();
    }

    /** Configures an {@link Engine}; every setting has a default. Not thread-safe. */
    public static final class Builder {
        private String memoryName;
        private String executorName;
        private String gcName;
        private MemoryProvider memory;
        private ExecutorProvider executor;
        private GcHeapProvider gc;
        private ClassLoader classLoader;
        private long maxMemoryBytes = EngineConfig.UNLIMITED;
        private long maxGcHeapBytes = EngineConfig.UNLIMITED;
        private int maxCallDepth = EngineConfig.DEFAULT_MAX_CALL_DEPTH;
        private long maxModuleBytes = EngineConfig.UNLIMITED;
        private MemoryListener memoryListener;
        private Features features = Features.defaults();
        private boolean consumeFuel;
        /** Null when not set: the system property decides. */
        private Boolean jitEager;

        private Boolean jitStrict;

        private Integer jitThreshold;

        private Builder() {}

        /** The WebAssembly features modules may use; {@link Features#defaults()} unless set. */
        public Builder features(Features features) {
            this.features = Objects.requireNonNull(features, "features");
            return this;
        }

        /** Selects the memory backend by name ({@code "mmap"}, {@code "heap"}, or your own). */
        public Builder memory(String name) {
            this.memoryName = name;
            this.memory = null;
            return this;
        }

        /** Uses this memory provider instance, found on no module path. */
        public Builder memory(MemoryProvider provider) {
            this.memory = provider;
            this.memoryName = null;
            return this;
        }

        /** Selects the executor by name ({@code "interp"}, {@code "jit"}, or your own). */
        public Builder executor(String name) {
            this.executorName = name;
            this.executor = null;
            return this;
        }

        /** Uses this executor provider instance. */
        public Builder executor(ExecutorProvider provider) {
            this.executor = provider;
            this.executorName = null;
            return this;
        }

        /** Selects the GC heap by name ({@code "arena"}, or your own). */
        public Builder gc(String name) {
            this.gcName = name;
            this.gc = null;
            return this;
        }

        /** Uses this GC heap provider instance. */
        public Builder gc(GcHeapProvider provider) {
            this.gc = provider;
            this.gcName = null;
            return this;
        }

        /** Where {@link java.util.ServiceLoader} looks for providers; the thread's context loader by default. */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = loader;
            return this;
        }

        /** Caps the bytes all linear memories of the engine commit together. */
        public Builder maxMemoryBytes(long bytes) {
            this.maxMemoryBytes = bytes;
            return this;
        }

        /** Caps a store's GC heap; allocation past it traps instead of exhausting the JVM heap. */
        public Builder maxGcHeapBytes(long bytes) {
            this.maxGcHeapBytes = bytes;
            return this;
        }

        /** How deeply Wasm calls may nest before the trap "call stack exhausted". */
        public Builder maxCallDepth(int depth) {
            this.maxCallDepth = depth;
            return this;
        }

        /**
         * The largest module binary {@link Engine#decode} accepts, in bytes; unlimited by default.
         * A larger one is rejected as malformed before anything of it is decoded.
         */
        public Builder maxModuleBytes(long bytes) {
            if (bytes <= 0) {
                throw new ConfigurationException("maxModuleBytes must be positive, not " + bytes);
            }
            this.maxModuleBytes = bytes;
            return this;
        }

        /** Watches, and may veto, every memory growth. */
        public Builder memoryListener(MemoryListener listener) {
            this.memoryListener = listener;
            return this;
        }

        /**
         * Meters fuel: every function entry and loop back-edge takes one unit from the store's
         * fuel ({@link Store#setFuel}, 0 in a new store), and code traps with "all fuel consumed"
         * when there is none left. Off by default; when off it costs nothing.
         */
        public Builder consumeFuel(boolean enabled) {
            this.consumeFuel = enabled;
            return this;
        }

        /**
         * Compiles every function of a module when it is instantiated (before its start function)
         * instead of when the module is first called, so that no call runs on the interpreter for
         * want of compiled code. Only a compiling executor (the JIT) reads it. Unless set, the system
         * property {@value #JIT_EAGER_PROPERTY} decides; off by default.
         */
        public Builder jitEager(boolean enabled) {
            this.jitEager = enabled;
            return this;
        }

        /**
         * Makes a function the JIT cannot compile an error (naming the function and the reason) where
         * it would otherwise run on the interpreter: at instantiation with {@link #jitEager}, else on
         * the module's first call. For tests that must prove code runs compiled. Unless set, the
         * system property {@value #JIT_STRICT_PROPERTY} decides; off by default.
         */
        public Builder jitStrict(boolean enabled) {
            this.jitStrict = enabled;
            return this;
        }

        /**
         * How hot a function must be before a compiling executor (the JIT) compiles it: modules
         * start on the interpreter, and once one of a module's functions has been called {@code
         * calls} times, or its loops have run about ten times as many back-edges, the module is
         * compiled on a background thread and its code swapped in as it runs; a long loop moves
         * to the compiled code at its next iteration (on-stack replacement). 0 compiles a module
         * on its first call, on the calling thread. Ignored in eager mode ({@link #jitEager}).
         * Unless set, the system property {@value #JIT_THRESHOLD_PROPERTY} decides; {@value
         * EngineConfig#DEFAULT_JIT_THRESHOLD} by default.
         */
        public Builder jitThreshold(int calls) {
            this.jitThreshold = calls;
            return this;
        }

        /**
         * @throws ConfigurationException if a backend cannot be found or a limit is invalid
         */
        public Engine build() {
            return new Engine(this);
        }
    }
}
