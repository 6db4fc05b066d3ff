package dev.jwasm.api;

/**
 * A function written in Java that Wasm code can import. Arguments and results are raw values: i32
 * as an int widened to long, i64 as is, f32 and f64 as their IEEE bits, references as tagged
 * values. Throw {@link Trap} to trap the calling Wasm code, or {@link WasmException} to throw a
 * Wasm exception into it. Any other exception unwinds the Wasm code and reaches the embedder's
 * call unchanged; the instance stays usable.
 */
@FunctionalInterface
public interface HostFunction {
    long[] call(long[] args);
}
