package dev.jwasm.wasi;

import dev.jwasm.api.JwasmException;
import dev.jwasm.api.Memory;
import java.util.List;

/**
 * One {@code wasi_snapshot_preview1} import as a linker registers it: its name, its Wasm
 * signature, and how to call it.
 *
 * @param name the import's field name in module {@link WasiFunctions#MODULE}
 * @param params Wasm parameter types, in order
 * @param results Wasm result types: {@code [I32]} (the errno) for every function but
 *     {@code proc_exit}, which has none
 */
public record WasiFunction(String name, List<ValType> params, List<ValType> results, Invoker invoker) {
    /** The two Wasm value types preview1 uses. */
    public enum ValType {
        I32,
        I64
    }

    /**
     * Calls the function on the guest's memory (null for the functions that touch none); arguments
     * arrive as Wasm values in {@code long}s (i32 in the low bits).
     */
    @FunctionalInterface
    public interface Invoker {
        /**
         * Returns the errno as an i32 in the low 32 bits (ignored when {@link #results()} is
         * empty).
         */
        long invoke(WasiPreview1 wasi, Memory memory, long[] args);
    }

    public WasiFunction {
        params = List.copyOf(params);
        results = List.copyOf(results);
    }

    /** Convenience for a linker or a test: checks the argument count, then calls. */
    public long call(WasiPreview1 wasi, Memory memory, long... args) {
        if (args.length != params.size()) {
            throw new JwasmException(name + " takes " + params.size() + " arguments, not " + args.length);
        }
        return invoker.invoke(wasi, memory, args);
    }
}
