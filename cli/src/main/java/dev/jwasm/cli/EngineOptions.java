package dev.jwasm.cli;

import dev.jwasm.api.Engine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The engine choices and limits shared by every command that runs Wasm code (fuel and timeouts come with {@code run}). */
final class EngineOptions {
    @Option(
            names = "--engine",
            paramLabel = "NAME",
            description = "Executor: interp or jit (default: the best available here).")
    String executor;

    @Option(
            names = "--memory",
            paramLabel = "NAME",
            description = "Linear memory backend: mmap or heap (default: the best available here).")
    String memory;

    @Option(
            names = "--max-memory",
            paramLabel = "SIZE",
            converter = ByteSize.class,
            description = "Cap on the bytes all linear memories may commit together, e.g. 512M or 4G.")
    Long maxMemory;

    @Option(
            names = "--max-gc-heap",
            paramLabel = "SIZE",
            converter = ByteSize.class,
            description = "Cap on the GC heap; allocation past it traps.")
    Long maxGcHeap;

    @Mixin
    FeatureOptions featureOptions = new FeatureOptions();

    /** An engine configured from these options; bad backend names are {@code ConfigurationException}s. */
    Engine buildEngine() {
        return builder().build();
    }

    /** A builder with these options applied, for a command that adds its own (run's fuel). */
    Engine.Builder builder() {
        var builder = Engine.builder().features(featureOptions.features());
        if (executor != null) {
            builder.executor(executor);
        }
        if (memory != null) {
            builder.memory(memory);
        }
        if (maxMemory != null) {
            builder.maxMemoryBytes(maxMemory);
        }
        if (maxGcHeap != null) {
            builder.maxGcHeapBytes(maxGcHeap);
        }
        return builder;
    }

    static final class ByteSize implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return Sizes.parseBytes(value);
        }
    }
}
