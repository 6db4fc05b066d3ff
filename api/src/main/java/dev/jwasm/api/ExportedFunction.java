package dev.jwasm.api;

import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.NumType;
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

    /** The store-level function, e.g. to define it as another module's import. */
    public FunctionInstance instance() {
        return function;
    }

    /**
     * Calls the function.
     *
     * @throws Trap if execution traps
     * @throws WasmException if the function throws a Wasm exception that it does not catch
     * @throws JwasmException if the argument count does not match the function's type
     */
    public long[] call(long... args) {
        int expected = function.type().params().size();
        if (args.length != expected) {
            throw new JwasmException(
                    "function of type " + function.type() + " takes " + expected + " arguments, not " + args.length);
        }
        long[] values = args.clone();
        var params = function.type().params();
        for (int i = 0; i < values.length; i++) {
            // Executors rely on 32-bit values being sign-extended; a caller may pass 0xFFFFFFFFL.
            if (params.get(i) == NumType.I32 || params.get(i) == NumType.F32) {
                values[i] = (int) values[i];
            }
        }
        return switch (function) {
            case WasmFunctionInstance w -> store.executor().invoke(w, values);
            case HostFunctionInstance h -> h.invoke(values);
        };
    }

    /** Calls a function with exactly one result and returns it. */
    public long callForLong(long... args) {
        if (function.type().results().size() != 1) {
            throw new JwasmException("function of type " + function.type() + " does not return exactly one value");
        }
        return call(args)[0];
    }
}
