package dev.jwasm.api;

import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.NumType;
import dev.jwasm.api.model.ValType;
import dev.jwasm.spi.runtime.FunctionInstance;
import dev.jwasm.spi.runtime.HostFunctionInstance;
import dev.jwasm.spi.runtime.WasmFunctionInstance;

/**
 * A function an instance exports, callable from Java with raw values (see {@link HostFunction}
 * for the encoding). Calls run on the calling thread.
 */
public final class ExportedFunction {
    private final Store store;
    private final FunctionInstance function;

    ExportedFunction(Store store, FunctionInstance function) {
        this.store = store;
        this.function = function;
    }

    public FuncType type() {
        return function.type();
    }

    /** The store-level function (for the linker and, through the bridge, executors). */
    FunctionInstance function() {
        return function;
    }

    /**
     * Calls the function.
     *
     * <p>Arguments and results use the flat layout of {@link HostFunction}: one {@code long} per
     * value, two per v128 (low half first).
     *
     * @throws Trap if execution traps
     * @throws WasmException if the function throws a Wasm exception that it does not catch
     * @throws JwasmException if the argument count does not match the function's type
     */
    public long[] call(long... args) {
        int expected = function.type().flatParamCount();
        if (args.length != expected) {
            throw new JwasmException("function of type " + function.type() + " takes " + expected
                    + " argument values (a v128 counts as two), not " + args.length);
        }
        long[] values = args.clone();
        var params = function.type().params();
        int at = 0;
        for (var param : params) {
            // Executors rely on 32-bit values being sign-extended; a caller may pass 0xFFFFFFFFL.
            if (param == NumType.I32 || param == NumType.F32) {
                values[at] = (int) values[at];
            }
            at += param == ValType.V128 ? 2 : 1;
        }
        return switch (function) {
            case WasmFunctionInstance w -> store.executor().invoke(w, values);
            case HostFunctionInstance h -> h.invoke(values);
        };
    }

    /** Calls a function with exactly one result, not a v128 (which takes two longs), and returns it. */
    public long callForLong(long... args) {
        var results = function.type().results();
        if (results.size() != 1 || results.getFirst() == ValType.V128) {
            throw new JwasmException(
                    "function of type " + function.type() + " does not return exactly one non-v128 value");
        }
        return call(args)[0];
    }
}
