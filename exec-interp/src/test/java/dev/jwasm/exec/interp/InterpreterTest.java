package dev.jwasm.exec.interp;

import static dev.jwasm.api.code.Opcode.BLOCK;
import static dev.jwasm.api.code.Opcode.BR;
import static dev.jwasm.api.code.Opcode.BR_IF;
import static dev.jwasm.api.code.Opcode.CALL;
import static dev.jwasm.api.code.Opcode.DROP;
import static dev.jwasm.api.code.Opcode.ELSE;
import static dev.jwasm.api.code.Opcode.END;
import static dev.jwasm.api.code.Opcode.I32_ADD;
import static dev.jwasm.api.code.Opcode.I32_DIV_S;
import static dev.jwasm.api.code.Opcode.I32_EQZ;
import static dev.jwasm.api.code.Opcode.I32_SUB;
import static dev.jwasm.api.code.Opcode.I64_ADD;
import static dev.jwasm.api.code.Opcode.I64_EQZ;
import static dev.jwasm.api.code.Opcode.I64_EXTEND_I32_U;
import static dev.jwasm.api.code.Opcode.I64_MUL;
import static dev.jwasm.api.code.Opcode.I64_SUB;
import static dev.jwasm.api.code.Opcode.IF;
import static dev.jwasm.api.code.Opcode.LOCAL_GET;
import static dev.jwasm.api.code.Opcode.LOCAL_SET;
import static dev.jwasm.api.code.Opcode.LOCAL_TEE;
import static dev.jwasm.api.code.Opcode.LOOP;
import static dev.jwasm.api.code.Opcode.RETURN;
import static dev.jwasm.api.code.Opcode.SELECT;
import static dev.jwasm.api.code.Opcode.UNREACHABLE;
import static dev.jwasm.api.model.ValType.F32;
import static dev.jwasm.api.model.ValType.F64;
import static dev.jwasm.api.model.ValType.I32;
import static dev.jwasm.api.model.ValType.I64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jwasm.api.Instance;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Store;
import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.api.code.BlockType;
import dev.jwasm.api.code.Opcode;
import dev.jwasm.internal.access.Internals;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Control flow, calls, numerics and traps of the interpreter; expected values worked out by hand. */
class InterpreterTest {
    private static final BlockType RESULT_I32 = new BlockType.Value(I32);
    private static final BlockType RESULT_I64 = new BlockType.Value(I64);

    /** fac(n) = n == 0 ? 1 : n * fac(n - 1), recursively over i64 (function 0). */
    private static Modules factorial() {
        return new Modules().func("fac", Modules.sig(List.of(I64), List.of(I64)), List.of(), v -> {
            v.visitLocal(LOCAL_GET, 0);
            v.visitSimple(I64_EQZ);
            v.visitBlock(IF, RESULT_I64);
            v.visitI64Const(1);
            v.visitSimple(ELSE);
            v.visitLocal(LOCAL_GET, 0);
            v.visitLocal(LOCAL_GET, 0);
            v.visitI64Const(1);
            v.visitSimple(I64_SUB);
            v.visitFunction(CALL, 0);
            v.visitSimple(I64_MUL);
            v.visitSimple(END);
            v.visitSimple(END);
        });
    }

    @Test
    void recursiveFactorial() {
        var fac = factorial().instantiate().function("fac");
        assertEquals(1, fac.callForLong(0));
        assertEquals(120, fac.callForLong(5));
        assertEquals(2_432_902_008_176_640_000L, fac.callForLong(20));
    }

    @Test
    void iterativeFibonacciLoop() {
        // locals: 0 = n, 1 = a, 2 = b, 3 = t; a, b = 0, 1; repeat n times: a, b = b, a + b.
        var fib = new Modules()
                .func("fib", Modules.sig(List.of(I32), List.of(I32)), List.of(I32, I32, I32), v -> {
                    v.visitI32Const(1);
                    v.visitLocal(LOCAL_SET, 2);
                    v.visitBlock(BLOCK, BlockType.EMPTY);
                    v.visitBlock(LOOP, BlockType.EMPTY);
                    v.visitLocal(LOCAL_GET, 0);
                    v.visitSimple(I32_EQZ);
                    v.visitLabel(BR_IF, 1);
                    v.visitLocal(LOCAL_GET, 1);
                    v.visitLocal(LOCAL_GET, 2);
                    v.visitSimple(I32_ADD);
                    v.visitLocal(LOCAL_SET, 3);
                    v.visitLocal(LOCAL_GET, 2);
                    v.visitLocal(LOCAL_SET, 1);
                    v.visitLocal(LOCAL_GET, 3);
                    v.visitLocal(LOCAL_SET, 2);
                    v.visitLocal(LOCAL_GET, 0);
                    v.visitI32Const(1);
                    v.visitSimple(I32_SUB);
                    v.visitLocal(LOCAL_SET, 0);
                    v.visitLabel(BR, 0);
                    v.visitSimple(END);
                    v.visitSimple(END);
                    v.visitLocal(LOCAL_GET, 1);
                    v.visitSimple(END);
                })
                .instantiate()
                .function("fib");
        assertEquals(0, fib.callForLong(0));
        assertEquals(1, fib.callForLong(1));
        assertEquals(55, fib.callForLong(10));
        assertEquals(6765, fib.callForLong(20));
    }

    @Test
    void brTableSelectsTargetAndClampsToDefault() {
        // block block block (br_table 0 1 2 on the argument) end 10 return end 20 return end 30
        var f = new Modules()
                .func("f", Modules.sig(List.of(I32), List.of(I32)), List.of(), v -> {
                    v.visitBlock(BLOCK, BlockType.EMPTY);
                    v.visitBlock(BLOCK, BlockType.EMPTY);
                    v.visitBlock(BLOCK, BlockType.EMPTY);
                    v.visitLocal(LOCAL_GET, 0);
                    v.visitBrTable(new int[] {0, 1}, 2);
                    v.visitSimple(END);
                    v.visitI32Const(10);
                    v.visitSimple(RETURN);
                    v.visitSimple(END);
                    v.visitI32Const(20);
                    v.visitSimple(RETURN);
                    v.visitSimple(END);
                    v.visitI32Const(30);
                    v.visitSimple(END);
                })
                .instantiate()
                .function("f");
        assertEquals(10, f.callForLong(0));
        assertEquals(20, f.callForLong(1));
        assertEquals(30, f.callForLong(2));
        assertEquals(30, f.callForLong(7));
        assertEquals(30, f.callForLong(-1)); // the index is unsigned: 0xFFFFFFFF is past the table
    }

    @Test
    void branchesCarryValuesToTheLabelHeight() {
        // block (result i32) 1 7 (br_if 0 on the argument) i32.add end: taken -> 7, not taken -> 8
        var brIf = new Modules()
                .func("f", Modules.sig(List.of(I32), List.of(I32)), List.of(), v -> {
                    v.visitBlock(BLOCK, RESULT_I32);
                    v.visitI32Const(1);
                    v.visitI32Const(7);
                    v.visitLocal(LOCAL_GET, 0);
                    v.visitLabel(BR_IF, 0);
                    v.visitSimple(I32_ADD);
                    v.visitSimple(END);
                    v.visitSimple(END);
                })
                .func("g", Modules.sig(List.of(), List.of(I32)), List.of(), v -> {
                    // block (result i32) 1 7 br 0 (dead: unreachable drop) end, then + 100
                    v.visitBlock(BLOCK, RESULT_I32);
                    v.visitI32Const(1);
                    v.visitI32Const(7);
                    v.visitLabel(BR, 0);
                    v.visitSimple(UNREACHABLE);
                    v.visitSimple(DROP);
                    v.visitSimple(END);
                    v.visitI32Const(100);
                    v.visitSimple(I32_ADD);
                    v.visitSimple(END);
                })
                .instantiate();
        assertEquals(7, brIf.function("f").callForLong(1));
        assertEquals(8, brIf.function("f").callForLong(0));
        assertEquals(107, brIf.function("g").callForLong());
    }

    @Test
    void selectAndTee() {
        var f = new Modules()
                .func("f", Modules.sig(List.of(I32), List.of(I32)), List.of(I32), v -> {
                    v.visitI32Const(10);
                    v.visitI32Const(20);
                    v.visitLocal(LOCAL_GET, 0);
                    v.visitLocal(LOCAL_TEE, 1);
                    v.visitSimple(SELECT);
                    v.visitLocal(LOCAL_GET, 1);
                    v.visitSimple(I32_ADD);
                    v.visitSimple(END);
                })
                .instantiate()
                .function("f");
        assertEquals(10 + 5, f.callForLong(5));
        assertEquals(20, f.callForLong(0));
    }

    @Test
    void floatsAndConversionsUseExactNumerics() {
        var m = new Modules()
                .func("add", Modules.sig(List.of(F64, F64), List.of(F64)), List.of(), v -> {
                    v.visitLocal(LOCAL_GET, 0);
                    v.visitLocal(LOCAL_GET, 1);
                    v.visitSimple(Opcode.F64_ADD);
                    v.visitSimple(END);
                })
                .func("sqrt", Modules.sig(List.of(F32), List.of(F32)), List.of(), v -> {
                    v.visitLocal(LOCAL_GET, 0);
                    v.visitSimple(Opcode.F32_SQRT);
                    v.visitSimple(END);
                })
                .func("trunc", Modules.sig(List.of(F64), List.of(I32)), List.of(), v -> {
                    v.visitLocal(LOCAL_GET, 0);
                    v.visitSimple(Opcode.I32_TRUNC_F64_S);
                    v.visitSimple(END);
                })
                .func("widen", Modules.sig(List.of(I32), List.of(I64)), List.of(), v -> {
                    v.visitLocal(LOCAL_GET, 0);
                    v.visitSimple(I64_EXTEND_I32_U);
                    v.visitSimple(END);
                })
                .instantiate();
        long sum = m.function("add").callForLong(Double.doubleToRawLongBits(1.5), Double.doubleToRawLongBits(2.25));
        assertEquals(3.75, Double.longBitsToDouble(sum));
        long root = m.function("sqrt").callForLong(Float.floatToRawIntBits(2.25f));
        assertEquals(1.5f, Float.intBitsToFloat((int) root));
        assertEquals(-3, (int) m.function("trunc").callForLong(Double.doubleToRawLongBits(-3.9)));
        var nan = assertThrows(Trap.class, () -> m.function("trunc").call(Double.doubleToRawLongBits(Double.NaN)));
        assertEquals(TrapKind.INVALID_CONVERSION_TO_INTEGER, nan.kind());
        assertEquals(0xFFFF_FFFFL, m.function("widen").callForLong(-1));
    }

    @Test
    void integerTrapsCarryTheSpecMessage() {
        var div = new Modules()
                .func("div", Modules.sig(List.of(I32, I32), List.of(I32)), List.of(), v -> {
                    v.visitLocal(LOCAL_GET, 0);
                    v.visitLocal(LOCAL_GET, 1);
                    v.visitSimple(I32_DIV_S);
                    v.visitSimple(END);
                })
                .instantiate()
                .function("div");
        assertEquals(-3, (int) div.callForLong(-7, 2));
        var byZero = assertThrows(Trap.class, () -> div.call(1, 0));
        assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, byZero.kind());
        assertEquals("integer divide by zero", byZero.getMessage());
        var overflow = assertThrows(Trap.class, () -> div.call(Integer.MIN_VALUE, -1));
        assertEquals(TrapKind.INTEGER_OVERFLOW, overflow.kind());
    }

    @Test
    void unreachableTraps() {
        var f = new Modules()
                .func("f", Modules.sig(List.of(), List.of()), List.of(), v -> {
                    v.visitSimple(UNREACHABLE);
                    v.visitSimple(END);
                })
                .instantiate()
                .function("f");
        assertEquals("unreachable", assertThrows(Trap.class, f::call).getMessage());
    }

    @Test
    void runawayRecursionTrapsAndLeavesTheInstanceUsable() {
        var m = factorial();
        m.func("loop", Modules.sig(List.of(), List.of()), List.of(), v -> {
            v.visitFunction(CALL, 1);
            v.visitSimple(END);
        });
        Instance instance = Internals.instantiate(new Linker(), new Store(Modules.engine(500)), m.build());
        var trap = assertThrows(Trap.class, () -> instance.function("loop").call());
        assertEquals(TrapKind.CALL_STACK_EXHAUSTED, trap.kind());
        assertEquals(120, instance.function("fac").callForLong(5));
    }

    @Test
    void deepRecursionDoesNotUseTheJvmStack() {
        // sum(n) = n == 0 ? 0 : n + sum(n - 1), 200000 calls deep: far past what JVM frames allow.
        var m = new Modules().func("sum", Modules.sig(List.of(I64), List.of(I64)), List.of(), v -> {
            v.visitLocal(LOCAL_GET, 0);
            v.visitSimple(I64_EQZ);
            v.visitBlock(IF, RESULT_I64);
            v.visitI64Const(0);
            v.visitSimple(ELSE);
            v.visitLocal(LOCAL_GET, 0);
            v.visitLocal(LOCAL_GET, 0);
            v.visitI64Const(1);
            v.visitSimple(I64_SUB);
            v.visitFunction(CALL, 0);
            v.visitSimple(I64_ADD);
            v.visitSimple(END);
            v.visitSimple(END);
        });
        Instance instance = Internals.instantiate(new Linker(), new Store(Modules.engine(300_000)), m.build());
        assertArrayEquals(new long[] {20_000_100_000L}, instance.function("sum").call(200_000));
    }

    @Test
    void operatorsReadingLocalsInPlaceKeepStackOrderSemantics() {
        var m = new Modules()
                .func("swapSub", Modules.sig(List.of(I32, I32), List.of(I32)), List.of(), v -> {
                    // a, then L0 := b, then a - L0: the first operand is the old a, not the new local.
                    v.visitLocal(LOCAL_GET, 0);
                    v.visitLocal(LOCAL_GET, 1);
                    v.visitLocal(LOCAL_SET, 0);
                    v.visitLocal(LOCAL_GET, 0);
                    v.visitSimple(I32_SUB);
                    v.visitSimple(END);
                })
                .func("square", Modules.sig(List.of(I32), List.of(I32)), List.of(), v -> {
                    // (L0 := L0 + 1) * L0
                    v.visitLocal(LOCAL_GET, 0);
                    v.visitI32Const(1);
                    v.visitSimple(I32_ADD);
                    v.visitLocal(LOCAL_TEE, 0);
                    v.visitLocal(LOCAL_GET, 0);
                    v.visitSimple(Opcode.I32_MUL);
                    v.visitSimple(END);
                })
                .func("dropped", Modules.sig(List.of(I32, I32), List.of(I32)), List.of(), v -> {
                    v.visitLocal(LOCAL_GET, 0);
                    v.visitSimple(DROP);
                    v.visitLocal(LOCAL_GET, 1);
                    v.visitI32Const(2);
                    v.visitSimple(Opcode.I32_MUL);
                    v.visitSimple(END);
                })
                .instantiate();
        assertEquals(10 - 3, m.function("swapSub").callForLong(10, 3));
        assertEquals(25, m.function("square").callForLong(4));
        assertEquals(6, m.function("dropped").callForLong(100, 3));
    }

    /** max(a, b) by {@code if (compare a b) a else b}: a compare fused into the if's jump. */
    private static void max(Modules m, String name, Opcode compare) {
        m.func(name, Modules.sig(List.of(I32, I32), List.of(I32)), List.of(), v -> {
            v.visitLocal(LOCAL_GET, 0);
            v.visitLocal(LOCAL_GET, 1);
            v.visitSimple(compare);
            v.visitBlock(IF, RESULT_I32);
            v.visitLocal(LOCAL_GET, 0);
            v.visitSimple(ELSE);
            v.visitLocal(LOCAL_GET, 1);
            v.visitSimple(END);
            v.visitSimple(END);
        });
    }

    @Test
    void fusedCompareAndBranchKeepSignedness() {
        var m = new Modules();
        max(m, "maxS", Opcode.I32_GT_S);
        max(m, "maxU", Opcode.I32_GT_U);
        max(m, "maxLeU", Opcode.I32_GE_U);
        // do { i++ } while (i <u n); return i
        m.func("count", Modules.sig(List.of(I32), List.of(I32)), List.of(I32), v -> {
            v.visitBlock(LOOP, BlockType.EMPTY);
            v.visitLocal(LOCAL_GET, 1);
            v.visitI32Const(1);
            v.visitSimple(I32_ADD);
            v.visitLocal(LOCAL_TEE, 1);
            v.visitLocal(LOCAL_GET, 0);
            v.visitSimple(Opcode.I32_LT_U);
            v.visitLabel(BR_IF, 0);
            v.visitSimple(END);
            v.visitLocal(LOCAL_GET, 1);
            v.visitSimple(END);
        });
        var inst = m.instantiate();
        assertEquals(1, inst.function("maxS").callForLong(-1, 1));
        assertEquals(-1, (int) inst.function("maxU").callForLong(-1, 1)); // 0xFFFFFFFF is the larger
        assertEquals(-1, (int) inst.function("maxLeU").callForLong(-1, 1));
        assertEquals(7, inst.function("maxLeU").callForLong(7, 7));
        assertEquals(1, inst.function("count").callForLong(0));
        assertEquals(5, inst.function("count").callForLong(5));
    }

    @Test
    void anotherThreadCanInterruptAnEndlessLoop() throws InterruptedException {
        var m = new Modules().func("spin", Modules.sig(List.of(), List.of()), List.of(), v -> {
            v.visitBlock(LOOP, BlockType.EMPTY);
            v.visitLabel(BR, 0);
            v.visitSimple(END);
            v.visitSimple(END);
        });
        m.func("one", Modules.sig(List.of(), List.of(I32)), List.of(), v -> {
            v.visitI32Const(1);
            v.visitSimple(END);
        });
        m.func("callsOne", Modules.sig(List.of(), List.of(I32)), List.of(), v -> {
            v.visitFunction(CALL, 1);
            v.visitSimple(END);
        });
        var store = new Store(Modules.engine(100));
        var instance = Internals.instantiate(new Linker(), store, m.build());
        var timer = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            store.interrupt();
        });
        var trap = assertThrows(Trap.class, () -> instance.function("spin").call());
        assertEquals(TrapKind.INTERRUPTED, trap.kind());
        timer.join();
        // Still interrupted: even a call traps, until the store resumes.
        assertEquals(
                TrapKind.INTERRUPTED,
                assertThrows(Trap.class, () -> instance.function("callsOne").call())
                        .kind());
        store.resume();
        assertEquals(1, instance.function("callsOne").callForLong());
    }
}
