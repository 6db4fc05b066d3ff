package dev.jwasm.spi;

/**
 * Runs validated Wasm code for one engine. The lowering and invocation entry points grow with the
 * interpreter (they take the validator's operator stream, see DESIGN.md "Execution").
 */
public interface Executor extends AutoCloseable {
    /** The name of the backend that made this executor. */
    String name();

    @Override
    default void close() {}
}
