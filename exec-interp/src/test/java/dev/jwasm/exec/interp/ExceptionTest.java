package dev.jwasm.exec.interp;

import static dev.jwasm.api.code.Opcode.BLOCK;
import static dev.jwasm.api.code.Opcode.CALL;
import static dev.jwasm.api.code.Opcode.CATCH;
import static dev.jwasm.api.code.Opcode.CATCH_ALL;
import static dev.jwasm.api.code.Opcode.DELEGATE;
import static dev.jwasm.api.code.Opcode.DROP;
import static dev.jwasm.api.code.Opcode.END;
import static dev.jwasm.api.code.Opcode.I32_ADD;
import static dev.jwasm.api.code.Opcode.I32_LT_S;
import static dev.jwasm.api.code.Opcode.IF;
import static dev.jwasm.api.code.Opcode.LOCAL_GET;
import static dev.jwasm.api.code.Opcode.REF_NULL;
import static dev.jwasm.api.code.Opcode.RETHROW;
import static dev.jwasm.api.code.Opcode.RETURN;
import static dev.jwasm.api.code.Opcode.RETURN_CALL;
import static dev.jwasm.api.code.Opcode.THROW;
import static dev.jwasm.api.code.Opcode.THROW_REF;
import static dev.jwasm.api.code.Opcode.TRY;
import static dev.jwasm.api.code.Opcode.UNREACHABLE;
import static dev.jwasm.api.model.ValType.F64;
import static dev.jwasm.api.model.ValType.I32;
import static dev.jwasm.api.model.ValType.I64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jwasm.api.Instance;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Store;
import dev.jwasm.api.Tag;
import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.api.WasmException;
import dev.jwasm.api.code.BlockType;
import dev.jwasm.api.code.Catch;
import dev.jwasm.api.code.InstructionVisitor;
import dev.jwasm.api.model.Export;
import dev.jwasm.api.model.ExternKind;
import dev.jwasm.api.model.ExternType;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.HeapType;
import dev.jwasm.api.model.Import;
import dev.jwasm.api.model.RefType;
import dev.jwasm.api.model.TagType;
import dev.jwasm.internal.access.Internals;
import dev.jwasm.spi.runtime.StoreState;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Exception handling in the interpreter: try_table's four catch kinds, throw_ref, the legacy
 * try/catch/delegate/rethrow, and exceptions crossing the host boundary both ways. Expected values
 * are worked out by hand from the bodies (spec 4.4.8).
 */
class ExceptionTest {
    private static final BlockType RESULT_I32 = new BlockType.Value(I32);
    private static final FuncType I32_TO_NONE = Modules.sig(List.of(I32), List.of());
    private static final FuncType I32_TO_I32 = Modules.sig(List.of(I32), List.of(I32));
    private static final FuncType NONE_TO_I32 = Modules.sig(List.of(), List.of(I32));
    private static final FuncType NONE_TO_NONE = Modules.sig(List.of(), List.of());

    private static Store store() {
        return new Store(Modules.engine(1000));
    }

    /** A module with one tag of type {@code [i32] -> []}, defined (tag 0) and exported as "e". */
    private static Modules withTag() {
        var m = new Modules();
        m.tags.add(m.type(I32_TO_NONE));
        m.exports.add(new Export("e", ExternKind.TAG, 0));
        return m;
    }

    private static Catch catchTag(Catch.Kind kind, int tag, int label) {
        return new Catch(kind, tag, label);
    }

    private static Catch catchAll(Catch.Kind kind, int label) {
        return new Catch(kind, -1, label);
    }

    @Test
    void catchByTagBranchesWithThePayload() {
        var m = new Modules();
        m.tags.add(m.type(Modules.sig(List.of(I32, I64), List.of())));
        int pair = m.type(Modules.sig(List.of(), List.of(I32, I64)));
        m.func("f", Modules.sig(List.of(I32), List.of(I32, I64)), List.of(), v -> {
            v.visitBlock(BLOCK, new BlockType.TypeIndex(pair));
            v.visitTryTable(BlockType.EMPTY, List.of(catchTag(Catch.Kind.CATCH, 0, 0)));
            v.visitLocal(LOCAL_GET, 0);
            v.visitI64Const(7);
            v.visitTag(THROW, 0);
            v.visitSimple(END);
            v.visitSimple(UNREACHABLE);
            v.visitSimple(END);
            v.visitSimple(END);
        });
        var f = m.instantiate().function("f");
        // The block's results are the payload, in the tag's parameter order: (x, 7).
        assertArrayEquals(new long[] {5, 7}, f.call(5));
        assertArrayEquals(new long[] {-1, 7}, f.call(-1));
    }

    /** rethrow(x): catch_ref the exception it throws with payload x, then throw_ref it again. */
    private static void catchRefThenThrowRef(Modules m) {
        // catch_ref branches with the payload, then the exnref: the block's type is [] -> [i32 exnref].
        int payloadAndRef = m.type(Modules.sig(List.of(), List.of(I32, RefType.EXNREF)));
        m.func("rethrow", I32_TO_NONE, List.of(), v -> {
            v.visitBlock(BLOCK, new BlockType.TypeIndex(payloadAndRef));
            v.visitTryTable(BlockType.EMPTY, List.of(catchTag(Catch.Kind.CATCH_REF, 0, 0)));
            v.visitLocal(LOCAL_GET, 0);
            v.visitTag(THROW, 0);
            v.visitSimple(END);
            v.visitSimple(UNREACHABLE);
            v.visitSimple(END);
            v.visitSimple(THROW_REF);
            v.visitSimple(END);
        });
    }

    @Test
    void throwRefRethrowsTheExceptionCatchRefCaught() {
        var m = withTag();
        catchRefThenThrowRef(m); // function 0
        // outer(x): calls rethrow(x) inside a try_table that catches the tag: returns x.
        m.func("outer", I32_TO_I32, List.of(), v -> {
            v.visitBlock(BLOCK, RESULT_I32);
            v.visitTryTable(BlockType.EMPTY, List.of(catchTag(Catch.Kind.CATCH, 0, 0)));
            v.visitLocal(LOCAL_GET, 0);
            v.visitFunction(CALL, 0);
            v.visitSimple(END);
            v.visitI32Const(-1);
            v.visitSimple(END);
            v.visitSimple(END);
        });
        var store = store();
        var instance = Internals.instantiate(new Linker(), store, m.build());
        assertEquals(9, instance.function("outer").callForLong(9));

        var e = assertThrows(
                WasmException.class, () -> instance.function("rethrow").call(3));
        assertArrayEquals(new long[] {3}, e.payload());
        assertEquals(instance.tag("e"), e.tag());
        // The very exception catch_ref turned into an exnref came back out, not a copy.
        long ref = Internals.exception(e).ref();
        assertNotEquals(0, ref & StoreState.EXN_TAG);
        assertSame(Internals.exception(e), Internals.state(store).exception(ref));
    }

    @Test
    void catchAllRefGivesAnExnrefThatRethrows() {
        var m = withTag();
        m.func("f", I32_TO_NONE, List.of(), v -> {
            v.visitBlock(BLOCK, new BlockType.Value(RefType.EXNREF));
            v.visitTryTable(BlockType.EMPTY, List.of(catchAll(Catch.Kind.CATCH_ALL_REF, 0)));
            v.visitLocal(LOCAL_GET, 0);
            v.visitTag(THROW, 0);
            v.visitSimple(END);
            v.visitSimple(UNREACHABLE);
            v.visitSimple(END);
            v.visitSimple(THROW_REF);
            v.visitSimple(END);
        });
        var e = assertThrows(
                WasmException.class, () -> m.instantiate().function("f").call(12));
        assertArrayEquals(new long[] {12}, e.payload());
    }

    @Test
    void catchAllCatchesAnyTagButNoTrap() {
        var m = withTag();
        // f(): throws, catch_all branches out of the block: 42. Without the catch it would be 0.
        m.func("f", NONE_TO_I32, List.of(), v -> {
            v.visitBlock(BLOCK, BlockType.EMPTY);
            v.visitTryTable(BlockType.EMPTY, List.of(catchAll(Catch.Kind.CATCH_ALL, 0)));
            v.visitI32Const(1);
            v.visitTag(THROW, 0);
            v.visitSimple(END);
            v.visitI32Const(0);
            v.visitSimple(RETURN);
            v.visitSimple(END);
            v.visitI32Const(42);
            v.visitSimple(END);
        });
        m.func("trap", NONE_TO_NONE, List.of(), v -> {
            v.visitBlock(BLOCK, BlockType.EMPTY);
            v.visitTryTable(BlockType.EMPTY, List.of(catchAll(Catch.Kind.CATCH_ALL, 0)));
            v.visitSimple(UNREACHABLE);
            v.visitSimple(END);
            v.visitSimple(END);
            v.visitSimple(END);
        });
        var instance = m.instantiate();
        assertEquals(42, instance.function("f").callForLong());
        // Spec 4.4.3: traps are not exceptions; no handler sees them.
        assertEquals(
                TrapKind.UNREACHABLE,
                assertThrows(Trap.class, () -> instance.function("trap").call()).kind());
    }

    @Test
    void theInnermostMatchingHandlerAcrossCallsWins() {
        var m = new Modules();
        m.tags.add(m.type(I32_TO_NONE)); // $a
        m.tags.add(m.type(I32_TO_NONE)); // $b
        // 0: h(x) throws $a(x) when x < 0, else $b(x).
        m.func(null, I32_TO_NONE, List.of(), v -> {
            v.visitLocal(LOCAL_GET, 0);
            v.visitI32Const(0);
            v.visitSimple(I32_LT_S);
            v.visitBlock(IF, BlockType.EMPTY);
            v.visitLocal(LOCAL_GET, 0);
            v.visitTag(THROW, 0);
            v.visitSimple(END);
            v.visitLocal(LOCAL_GET, 0);
            v.visitTag(THROW, 1);
            v.visitSimple(END);
        });
        // 1: g(x) = 100 + payload of a caught $a; $b passes through.
        m.func(null, I32_TO_I32, List.of(), v -> {
            v.visitBlock(BLOCK, RESULT_I32);
            v.visitTryTable(BlockType.EMPTY, List.of(catchTag(Catch.Kind.CATCH, 0, 0)));
            v.visitLocal(LOCAL_GET, 0);
            v.visitFunction(CALL, 0);
            v.visitSimple(END);
            v.visitI32Const(0);
            v.visitSimple(END);
            v.visitI32Const(100);
            v.visitSimple(I32_ADD);
            v.visitSimple(END);
        });
        // f(x) returns g(x) as is, or 1000 + payload of a caught $b.
        m.func("f", I32_TO_I32, List.of(), callCatching(1, 1, 1000));
        var f = m.instantiate().function("f");
        assertEquals(1005, f.callForLong(5)); // $b(5): g's frame unwound, f catches
        assertEquals(97, f.callForLong(-3)); // $a(-3): g catches, returns 100 - 3
    }

    @Test
    void aTailCalledHostFunctionThrowsPastItsCallersHandlers() {
        var tag = Tag.create(I32_TO_NONE);
        var m = new Modules();
        m.imports.add(new Import("env", "boom", new ExternType.Func(m.type(I32_TO_NONE))));
        m.imports.add(new Import("env", "e", new TagType(m.type(I32_TO_NONE))));
        m.func("f", NONE_TO_NONE, List.of(), v -> {
            v.visitBlock(BLOCK, BlockType.EMPTY);
            // catch_all: a catch of the i32 tag could not target the empty block (lowering validates).
            v.visitTryTable(BlockType.EMPTY, List.of(catchAll(Catch.Kind.CATCH_ALL, 0)));
            v.visitI32Const(8);
            v.visitFunction(RETURN_CALL, 0);
            v.visitSimple(END);
            v.visitSimple(END);
            v.visitSimple(END);
        });
        var linker = new Linker().define("env", "e", tag).define("env", "boom", I32_TO_NONE, args -> {
            throw new WasmException(tag, args[0]);
        });
        var f = Internals.instantiate(linker, store(), m.build()).function("f");
        // return_call leaves f's frame, and its try_table, before the callee runs.
        assertArrayEquals(
                new long[] {8}, assertThrows(WasmException.class, f::call).payload());
    }

    @Test
    void aHostFunctionThrowsIntoWasmByTag() {
        var tag = Tag.create(I32_TO_NONE);
        var other = Tag.create(I32_TO_NONE);
        var thrown = new AtomicReference<WasmException>();
        var m = new Modules();
        m.imports.add(new Import("env", "boom", new ExternType.Func(m.type(I32_TO_NONE))));
        m.imports.add(new Import("env", "e", new TagType(m.type(I32_TO_NONE))));
        // f(x): boom(x) inside a try_table catching env.e; returns the payload, or -1.
        m.func("f", I32_TO_I32, List.of(), v -> {
            v.visitBlock(BLOCK, RESULT_I32);
            v.visitTryTable(BlockType.EMPTY, List.of(catchTag(Catch.Kind.CATCH, 0, 0)));
            v.visitLocal(LOCAL_GET, 0);
            v.visitFunction(CALL, 0);
            v.visitSimple(END);
            v.visitI32Const(-1);
            v.visitSimple(END);
            v.visitSimple(END);
        });
        // boom(x) throws env.e(2x) for even x, an exception of another tag for odd x.
        var linker = new Linker().define("env", "e", tag).define("env", "boom", I32_TO_NONE, args -> {
            var e = new WasmException(args[0] % 2 == 0 ? tag : other, args[0] * 2);
            thrown.set(e);
            throw e;
        });
        var f = Internals.instantiate(linker, store(), m.build()).function("f");
        assertEquals(40, f.callForLong(20));
        // Tags match by identity: another tag of the same type passes through unchanged.
        var e = assertThrows(WasmException.class, () -> f.call(3));
        assertSame(thrown.get(), e);
        assertArrayEquals(new long[] {6}, e.payload());
        assertEquals(8, f.callForLong(4)); // still usable
    }

    @Test
    void exceptionsCrossWasmHostWasmBothWays() {
        var self = new AtomicReference<Instance>();
        var m = withTag();
        m.imports.add(new Import("env", "callback", new ExternType.Func(m.type(I32_TO_I32))));
        // 0: callback (import). 1: thrower(x) throws e(x).
        m.func("thrower", I32_TO_NONE, List.of(), v -> {
            v.visitLocal(LOCAL_GET, 0);
            v.visitTag(THROW, 0);
            v.visitSimple(END);
        });
        // catcher(x): callback(x) inside a try_table catching e: payload + 1 if caught.
        m.func("catcher", I32_TO_I32, List.of(), callCatching(0, 0, 1));
        // callback(x): x >= 0 lets thrower's exception through; x < 0 catches it in Java: -10x.
        var linker = new Linker().define("env", "callback", I32_TO_I32, args -> {
            var thrower = self.get().function("thrower");
            if (args[0] >= 0) {
                thrower.call(args[0]);
                return new long[] {0};
            }
            try {
                thrower.call(args[0]);
                return new long[] {0};
            } catch (WasmException e) {
                return new long[] {-10 * e.payload()[0]};
            }
        });
        var instance = Internals.instantiate(linker, store(), m.build());
        self.set(instance);
        var catcher = instance.function("catcher");
        assertEquals(5, catcher.callForLong(4)); // Wasm -> host -> Wasm throws, caught in Wasm: 4 + 1
        assertEquals(30, catcher.callForLong(-3)); // caught in Java: -10 * -3, returned normally
    }

    @Test
    void anUncaughtExceptionReachesJavaWithItsPayload() {
        var m = new Modules();
        m.tags.add(m.type(Modules.sig(List.of(I64, F64), List.of())));
        m.exports.add(new Export("e", ExternKind.TAG, 0));
        m.func("f", NONE_TO_NONE, List.of(), v -> {
            v.visitI64Const(-2);
            v.visitF64Const(Double.doubleToRawLongBits(1.5));
            v.visitTag(THROW, 0);
            v.visitSimple(END);
        });
        m.func("ok", NONE_TO_I32, List.of(), v -> {
            v.visitI32Const(7);
            v.visitSimple(END);
        });
        var instance = m.instantiate();
        var e = assertThrows(WasmException.class, () -> instance.function("f").call());
        assertEquals(instance.tag("e"), e.tag());
        assertArrayEquals(new long[] {-2, Double.doubleToRawLongBits(1.5)}, e.payload());
        assertEquals(7, instance.function("ok").callForLong());
    }

    @Test
    void throwRefOfNullTraps() {
        var m = new Modules();
        m.func("f", NONE_TO_NONE, List.of(), v -> {
            v.visitHeapType(REF_NULL, HeapType.Abstract.EXN);
            v.visitSimple(THROW_REF);
            v.visitSimple(END);
        });
        var trap = assertThrows(Trap.class, () -> m.instantiate().function("f").call());
        assertEquals("null exception reference", trap.getMessage());
    }

    /** try (result i32) [try (result i32) [try throw e(1) delegate d] 0 catch e +10] catch e +20. */
    private static void delegating(Modules m, String name, int depth) {
        m.func(name, NONE_TO_I32, List.of(), v -> {
            v.visitBlock(TRY, RESULT_I32);
            v.visitBlock(TRY, RESULT_I32);
            v.visitBlock(TRY, BlockType.EMPTY);
            v.visitI32Const(1);
            v.visitTag(THROW, 0);
            v.visitLabel(DELEGATE, depth);
            v.visitI32Const(0);
            v.visitTag(CATCH, 0);
            v.visitI32Const(10);
            v.visitSimple(I32_ADD);
            v.visitSimple(END);
            v.visitTag(CATCH, 0);
            v.visitI32Const(20);
            v.visitSimple(I32_ADD);
            v.visitSimple(END);
            v.visitSimple(END);
        });
    }

    @Test
    void legacyDelegateHandsTheExceptionToTheNamedTry() {
        var m = withTag();
        delegating(m, "toMiddle", 0); // label 0: the middle try catches: 1 + 10, returned by the outer
        delegating(m, "toOuter", 1); // label 1: the middle try's catch is skipped: 1 + 20
        // try throw e(4) delegate 0, directly in a function: label 0 is the body, so the caller gets it.
        m.func("toCaller", NONE_TO_NONE, List.of(), v -> {
            v.visitBlock(TRY, BlockType.EMPTY);
            v.visitI32Const(4);
            v.visitTag(THROW, 0);
            v.visitLabel(DELEGATE, 0);
            v.visitSimple(END);
        });
        var instance = m.instantiate();
        assertEquals(11, instance.function("toMiddle").callForLong());
        assertEquals(21, instance.function("toOuter").callForLong());
        assertArrayEquals(
                new long[] {4},
                assertThrows(WasmException.class, () -> instance.function("toCaller")
                                .call())
                        .payload());
    }

    @Test
    void legacyRethrowThrowsTheCaughtExceptionAgain() {
        var m = withTag();
        // try (result i32) [try throw e(7) catch e drop rethrow 0 end] 0 catch e +100 end: 107.
        m.func("caught", NONE_TO_I32, List.of(), v -> {
            v.visitBlock(TRY, RESULT_I32);
            v.visitBlock(TRY, BlockType.EMPTY);
            v.visitI32Const(7);
            v.visitTag(THROW, 0);
            v.visitTag(CATCH, 0);
            v.visitSimple(DROP);
            v.visitLabel(RETHROW, 0);
            v.visitSimple(END);
            v.visitI32Const(0);
            v.visitTag(CATCH, 0);
            v.visitI32Const(100);
            v.visitSimple(I32_ADD);
            v.visitSimple(END);
            v.visitSimple(END);
        });
        // try throw e(3) catch_all rethrow 0 end: the caller gets e(3).
        m.func("uncaught", NONE_TO_NONE, List.of(), v -> {
            v.visitBlock(TRY, BlockType.EMPTY);
            v.visitI32Const(3);
            v.visitTag(THROW, 0);
            v.visitSimple(CATCH_ALL);
            v.visitLabel(RETHROW, 0);
            v.visitSimple(END);
            v.visitSimple(END);
        });
        var instance = m.instantiate();
        assertEquals(107, instance.function("caught").callForLong());
        var e = assertThrows(
                WasmException.class, () -> instance.function("uncaught").call());
        assertArrayEquals(new long[] {3}, e.payload());
        assertEquals(instance.tag("e"), e.tag());
    }

    @Test
    void legacyCatchArmsLeaveTheirResultsWhereTheTryWouldHave() {
        var m = withTag();
        // f(x) = 1 + (try (result i32) throw e(x) catch e end): the arm's payload becomes the result.
        m.func("f", I32_TO_I32, List.of(), v -> {
            v.visitI32Const(1);
            v.visitBlock(TRY, RESULT_I32);
            v.visitLocal(LOCAL_GET, 0);
            v.visitTag(THROW, 0);
            v.visitTag(CATCH, 0);
            v.visitSimple(END);
            v.visitSimple(I32_ADD);
            v.visitSimple(END);
        });
        assertEquals(6, m.instantiate().function("f").callForLong(5));
    }

    /**
     * The body {@code callee(x)} returned as is, or, when it throws tag {@code tag}, that
     * exception's i32 payload plus {@code bias}: a try_table whose catch branches out of the call.
     */
    private static Consumer<InstructionVisitor> callCatching(int tag, int callee, int bias) {
        return v -> {
            v.visitBlock(BLOCK, RESULT_I32);
            v.visitTryTable(BlockType.EMPTY, List.of(catchTag(Catch.Kind.CATCH, tag, 0)));
            v.visitLocal(LOCAL_GET, 0);
            v.visitFunction(CALL, callee);
            v.visitSimple(RETURN);
            v.visitSimple(END);
            v.visitI32Const(-1);
            v.visitSimple(END);
            v.visitI32Const(bias);
            v.visitSimple(I32_ADD);
            v.visitSimple(END);
        };
    }
}
