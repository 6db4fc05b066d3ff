package dev.jwasm.api;

import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.NumType;
import dev.jwasm.api.model.RefType;
import dev.jwasm.api.model.ValType;
import dev.jwasm.spi.runtime.FunctionInstance;
import dev.jwasm.spi.runtime.HostFunctionInstance;
import dev.jwasm.spi.runtime.WasmFunctionInstance;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;
import java.util.function.LongBinaryOperator;

/**
 * A function an instance exports, callable from Java with raw values (see {@link HostFunction}
 * for the encoding) or, typed, through {@link #bind(Class)} and the {@code as…} views, which
 * check the function's type once and then take and return Java primitives. Calls run on the
 * calling thread; a call while another thread is running code of the same store throws {@link
 * IllegalStateException} (see {@link Store}).
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
     * @throws IllegalStateException if another thread is running this store's code right now
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
        return invokeNormalized(values);
    }

    /** Calls with values already in the executors' form (i32/f32 sign-extended), owned by the callee. */
    long[] invokeNormalized(long[] values) {
        var state = store.state();
        state.enter();
        try {
            return switch (function) {
                case WasmFunctionInstance w -> store.executor().invoke(w, values);
                case HostFunctionInstance h -> h.invoke(values);
            };
        } catch (WasmException e) {
            // The host may keep the exception and throw it back into Wasm: registered as an
            // exnref, its payload's references are GC roots of the store from now on.
            if (e.exception() != null
                    && e.exception().tag().type().params().stream().anyMatch(t -> t instanceof RefType)) {
                state.exnRef(e.exception());
            }
            throw e;
        } finally {
            state.exit();
        }
    }

    /**
     * This function as an implementation of {@code api}, an interface with exactly one abstract
     * method whose parameters and result are {@code int}, {@code long}, {@code float} or {@code
     * double} (i32, i64, f32, f64) and {@code void} for no result, matching the function's type.
     * The adaptation is made once, from method handles; each call then converts the primitives
     * without reflection.
     *
     * @throws JwasmException if {@code api} is not such an interface or its method does not match
     *     the function's type
     */
    public <T> T bind(Class<T> api) {
        return TypedCalls.bind(this, api);
    }

    /**
     * {@code [i32 i32] -> [i32]} as an {@link IntBinaryOperator}.
     *
     * @throws JwasmException if the function has another type
     */
    public IntBinaryOperator asIntBinaryOperator() {
        TypedCalls.requireType(this, FuncType.of(List.of(ValType.I32, ValType.I32), List.of(ValType.I32)));
        return (a, b) -> (int) invokeNormalized(new long[] {a, b})[0];
    }

    /**
     * {@code [i32] -> [i32]} as an {@link IntUnaryOperator}.
     *
     * @throws JwasmException if the function has another type
     */
    public IntUnaryOperator asIntUnaryOperator() {
        TypedCalls.requireType(this, FuncType.of(List.of(ValType.I32), List.of(ValType.I32)));
        return a -> (int) invokeNormalized(new long[] {a})[0];
    }

    /**
     * {@code [i64 i64] -> [i64]} as a {@link LongBinaryOperator}.
     *
     * @throws JwasmException if the function has another type
     */
    public LongBinaryOperator asLongBinaryOperator() {
        TypedCalls.requireType(this, FuncType.of(List.of(ValType.I64, ValType.I64), List.of(ValType.I64)));
        return (a, b) -> invokeNormalized(new long[] {a, b})[0];
    }

    /**
     * {@code [f64 f64] -> [f64]} as a {@link DoubleBinaryOperator}.
     *
     * @throws JwasmException if the function has another type
     */
    public DoubleBinaryOperator asDoubleBinaryOperator() {
        TypedCalls.requireType(this, FuncType.of(List.of(ValType.F64, ValType.F64), List.of(ValType.F64)));
        return (a, b) -> Double.longBitsToDouble(
                invokeNormalized(new long[] {Double.doubleToRawLongBits(a), Double.doubleToRawLongBits(b)})[0]);
    }

    /**
     * {@code [] -> []} as a {@link Runnable}.
     *
     * @throws JwasmException if the function has another type
     */
    public Runnable asRunnable() {
        TypedCalls.requireType(this, FuncType.of(List.of(), List.of()));
        return () -> invokeNormalized(new long[0]);
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
