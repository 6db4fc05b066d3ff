package dev.jwasm.bench.programs;

import dev.jwasm.api.WasmModule;
import dev.jwasm.api.model.ArrayType;
import dev.jwasm.api.model.StructType;

/**
 * A benchmark program, ready to hand to any runtime.
 *
 * @param name as given on the command line ({@code keccak}, {@code sightglass/richards}, {@code
 *     gc/binary-trees.wat})
 * @param wasm its binary (a {@code .wat} program is assembled by jwasm's text format first)
 * @param needsGc whether it declares GC struct or array types, which only runtimes with the GC
 *     proposal can run
 * @param hasKernel whether it imports {@code bench.start}, i.e. brackets a timed kernel
 */
public record BenchProgram(String name, byte[] wasm, boolean needsGc, boolean hasKernel) {
    /** Describes {@code wasm} by decoding it once with jwasm (not measured). */
    static BenchProgram of(String name, byte[] wasm) {
        var module = WasmModule.decode(wasm);
        boolean gc = module.info().types().stream()
                .anyMatch(t -> t.composite() instanceof StructType || t.composite() instanceof ArrayType);
        boolean kernel = module.imports().stream()
                .anyMatch(i -> i.module().equals("bench") && i.name().equals("start"));
        return new BenchProgram(name, wasm, gc, kernel);
    }
}
