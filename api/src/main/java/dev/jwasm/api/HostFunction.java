package dev.jwasm.api;

/**
 * A function written in Java that Wasm code can import. It receives the instance whose code
 * called it (its memories, globals and other exports: {@code caller.memory("memory")}) and its
 * arguments; {@code caller} is null only when Java calls the function directly (an exported host
 * function called through {@link ExportedFunction#call}). For a function that needs no caller,
 * {@link Linker#define(String, String, dev.jwasm.api.model.FuncType, java.util.function.UnaryOperator)}
 * takes a plain {@code args -> results} lambda.
 *
 * <p>Arguments and results are raw values in a flat {@code long[]}: i32 as an int widened to long,
 * i64 as is, f32 and f64 as their IEEE bits, references as tagged values, and a v128 as two
 * consecutive entries, its low 64 bits (bytes 0 to 7, little-endian) first and then its high 64
 * bits. So a function of type {@code [i32 v128] -> [v128]} gets three longs and returns two
 * ({@link dev.jwasm.api.model.FuncType#flatParamCount()}). Throw {@link Trap} to trap the calling
 * Wasm code, or {@link WasmException} to throw a Wasm exception into it. Any other exception
 * unwinds the Wasm code and reaches the embedder's call unchanged; the instance stays usable.
 */
@FunctionalInterface
public interface HostFunction {
    long[] call(Instance caller, long[] args);
}
