package dev.jwasm.spi;

import dev.jwasm.api.EngineConfig;

/** Supplies an execution engine: an interpreter or a compiler to JVM bytecode. */
public interface ExecutorProvider extends Backend {
    /** Creates the executor one engine uses for every module it runs. */
    Executor create(EngineConfig config);
}
