package dev.jwasm.exec.interp;

import static dev.jwasm.api.code.Opcode.BLOCK;
import static dev.jwasm.api.code.Opcode.CALL;
import static dev.jwasm.api.code.Opcode.DROP;
import static dev.jwasm.api.code.Opcode.END;
import static dev.jwasm.api.code.Opcode.GLOBAL_GET;
import static dev.jwasm.api.code.Opcode.GLOBAL_SET;
import static dev.jwasm.api.code.Opcode.I32X4_ADD;
import static dev.jwasm.api.code.Opcode.I32X4_REPLACE_LANE;
import static dev.jwasm.api.code.Opcode.I32_ADD;
import static dev.jwasm.api.code.Opcode.I64X2_ADD;
import static dev.jwasm.api.code.Opcode.I64_LOAD;
import static dev.jwasm.api.code.Opcode.LOCAL_GET;
import static dev.jwasm.api.code.Opcode.LOCAL_SET;
import static dev.jwasm.api.code.Opcode.LOCAL_TEE;
import static dev.jwasm.api.code.Opcode.RETURN_CALL;
import static dev.jwasm.api.code.Opcode.SELECT;
import static dev.jwasm.api.code.Opcode.V128_LOAD;
import static dev.jwasm.api.code.Opcode.V128_NOT;
import static dev.jwasm.api.code.Opcode.V128_STORE;
import static dev.jwasm.api.code.Opcode.V128_XOR;
import static dev.jwasm.api.model.ValType.I32;
import static dev.jwasm.api.model.ValType.I64;
import static dev.jwasm.api.model.ValType.V128;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jwasm.api.Global;
import dev.jwasm.api.JwasmException;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Store;
import dev.jwasm.api.Trap;
import dev.jwasm.api.code.BlockType;
import dev.jwasm.api.code.Opcode;
import dev.jwasm.api.model.Export;
import dev.jwasm.api.model.ExternKind;
import dev.jwasm.api.model.ExternType;
import dev.jwasm.api.model.GlobalType;
import dev.jwasm.api.model.Import;
import dev.jwasm.api.model.MemoryType;
import dev.jwasm.internal.access.Internals;
import dev.jwasm.internal.access.LoweredModule;
import dev.jwasm.spi.runtime.ConstExpr;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How v128 values move through the interpreter and the embedding API: two longs per v128 (low half
 * first) in call arguments and results, both halves through calls, host functions, globals,
 * select, block results and br_table. Expected values are worked out by hand from the lane layout
 * (lane 0 in the low bits of the low half).
 */
class SimdTest {
    private static Store store() {
        return new Store(Modules.engine(1000));
    }

    @Test
    void localTeeOfAV128ProducerKeepsBothHalvesOnTheStack() {
        // twice(v) = (local.tee 1 (i64x2.add v v)): the add writes local 1 directly and the
        // returned stack value is a copy of it, which must move the high half too.
        var m = new Modules();
        m.func("twice", Modules.sig(List.of(V128), List.of(V128)), List.of(V128), v -> {
            v.visitLocal(LOCAL_GET, 0);
            v.visitLocal(LOCAL_GET, 0);
            v.visitSimple(I64X2_ADD);
            v.visitLocal(LOCAL_TEE, 1);
            v.visitSimple(END);
        });
        // Lanes [3, 0x100] doubled: [6, 0x200].
        assertArrayEquals(
                new long[] {6L, 0x200L}, m.instantiate().function("twice").call(3L, 0x100L));
    }

    @Test
    void v128ParametersAndResultsTakeTwoLongsEach() {
        var m = new Modules();
        m.func("add", Modules.sig(List.of(V128, V128), List.of(V128)), List.of(), v -> {
            v.visitLocal(LOCAL_GET, 0);
            v.visitLocal(LOCAL_GET, 1);
            v.visitSimple(I32X4_ADD);
            v.visitSimple(END);
        });
        // g(x: i32, v: v128) = (v with lane 2 := x, x + 1)
        m.func("g", Modules.sig(List.of(I32, V128), List.of(V128, I32)), List.of(), v -> {
            v.visitLocal(LOCAL_GET, 1);
            v.visitLocal(LOCAL_GET, 0);
            v.visitLane(I32X4_REPLACE_LANE, 2);
            v.visitLocal(LOCAL_GET, 0);
            v.visitI32Const(1);
            v.visitSimple(I32_ADD);
            v.visitSimple(END);
        });
        var inst = m.instantiate();
        // Lanes [1, 2, 3, 4] + [0x10, 0x20, 0x30, 0x40] = [0x11, 0x22, 0x33, 0x44].
        assertArrayEquals(
                new long[] {0x0000_0022_0000_0011L, 0x0000_0044_0000_0033L},
                inst.function("add")
                        .call(
                                0x0000_0002_0000_0001L,
                                0x0000_0004_0000_0003L,
                                0x0000_0020_0000_0010L,
                                0x0000_0040_0000_0030L));
        // Lane 2 is the low 32 bits of the high half.
        assertArrayEquals(
                new long[] {0L, 0xAAAA_AAAA_0000_0007L, 8L}, inst.function("g").call(7, 0L, 0xAAAA_AAAA_BBBB_BBBBL));
        var e = assertThrows(JwasmException.class, () -> inst.function("g").call(7, 0L));
        assertEquals(
                "function of type [i32, v128] -> [v128, i32] takes 3 argument values (a v128 counts as two), not 2",
                e.getMessage());
        assertThrows(JwasmException.class, () -> inst.function("add").callForLong(0, 0, 0, 0));
    }

    @Test
    void wasmCallsPassBothHalves() {
        var m = new Modules();
        m.func(null, Modules.sig(List.of(V128), List.of(V128)), List.of(), v -> {
            v.visitLocal(LOCAL_GET, 0);
            v.visitSimple(V128_NOT);
            v.visitSimple(END);
        });
        // An i32 below the v128 argument, so the callee's frame starts one slot up.
        m.func("caller", Modules.sig(List.of(V128), List.of(I32, V128)), List.of(), v -> {
            v.visitI32Const(5);
            v.visitLocal(LOCAL_GET, 0);
            v.visitFunction(CALL, 0);
            v.visitSimple(END);
        });
        m.func("tail", Modules.sig(List.of(I32, V128), List.of(V128)), List.of(), v -> {
            v.visitLocal(LOCAL_GET, 1);
            v.visitFunction(RETURN_CALL, 0);
            v.visitSimple(END);
        });
        var inst = m.instantiate();
        assertArrayEquals(
                new long[] {5, 0xFF00_FF00_FF00_FF00L, 0xFEDC_BA98_7654_3210L},
                inst.function("caller").call(0x00FF_00FF_00FF_00FFL, 0x0123_4567_89AB_CDEFL));
        assertArrayEquals(
                new long[] {0xFF00_FF00_FF00_FF00L, 0xFEDC_BA98_7654_3210L},
                inst.function("tail").call(9, 0x00FF_00FF_00FF_00FFL, 0x0123_4567_89AB_CDEFL));
    }

    @Test
    void hostFunctionsSeeTheFlatLayout() {
        var m = new Modules();
        var hostType = Modules.sig(List.of(V128, I32), List.of(V128));
        m.imports.add(new Import("env", "h", new ExternType.Func(m.type(hostType))));
        m.func("f", Modules.sig(List.of(), List.of(V128)), List.of(), v -> {
            v.visitV128Const(0x1111L, 0x2222L);
            v.visitI32Const(0x0F0F);
            v.visitFunction(CALL, 0);
            v.visitSimple(END);
        });
        // The host gets [lo, hi, i32] and returns [lo ^ i32, hi + 1].
        var linker = new Linker().define("env", "h", hostType, args -> {
            assertEquals(3, args.length);
            return new long[] {args[0] ^ args[2], args[1] + 1};
        });
        var f = Internals.instantiate(linker, store(), m.build()).function("f");
        assertArrayEquals(new long[] {0x1111L ^ 0x0F0F, 0x2223L}, f.call());
        var wrong = new Linker().define("env", "h", hostType, args -> new long[] {1});
        var g = Internals.instantiate(wrong, store(), m.build()).function("f");
        assertEquals(
                "host function of type [v128, i32] -> [v128] returned 1 values (expected 2, a v128 counts as two)",
                assertThrows(JwasmException.class, g::call).getMessage());
    }

    @Test
    void globalsHoldBothHalves() {
        var m = new Modules();
        var mutV128 = new GlobalType(V128, true);
        m.imports.add(new Import("env", "in", mutV128));
        m.globals.add(new LoweredModule.Global(mutV128, new ConstExpr(v -> {
            v.visitV128Const(1L, 2L);
            v.visitSimple(END);
        })));
        m.exports.add(new Export("g", ExternKind.GLOBAL, 1));
        // g := g + in (i64x2 lanes); returns g.
        m.func("bump", Modules.sig(List.of(), List.of(V128)), List.of(), v -> {
            v.visitGlobal(GLOBAL_GET, 1);
            v.visitGlobal(GLOBAL_GET, 0);
            v.visitSimple(I64X2_ADD);
            v.visitGlobal(GLOBAL_SET, 1);
            v.visitGlobal(GLOBAL_GET, 1);
            v.visitSimple(END);
        });
        var in = Global.create(mutV128, 0);
        in.set(10L, 20L);
        var inst = Internals.instantiate(new Linker().define("env", "in", in), store(), m.build());
        assertArrayEquals(new long[] {11L, 22L}, inst.function("bump").call());
        assertArrayEquals(new long[] {21L, 42L}, inst.function("bump").call());
        Global g = inst.global("g");
        assertEquals(21L, g.get());
        assertEquals(42L, g.getHigh());
    }

    @Test
    void aGlobalInitialisedFromAnImportedV128GetsBothHalves() {
        var m = new Modules();
        var v128 = new GlobalType(V128, false);
        m.imports.add(new Import("env", "in", v128));
        m.globals.add(new LoweredModule.Global(v128, ConstExpr.globalGet(0)));
        m.exports.add(new Export("copy", ExternKind.GLOBAL, 1));
        var in = Global.create(v128, 0x0123_4567_89AB_CDEFL, 0x7654_3210_FEDC_BA98L);
        Global copy = Internals.instantiate(new Linker().define("env", "in", in), store(), m.build())
                .global("copy");
        assertEquals(0x0123_4567_89AB_CDEFL, copy.get());
        assertEquals(0x7654_3210_FEDC_BA98L, copy.getHigh());
    }

    @Test
    void selectMovesBothHalves() {
        var m = new Modules();
        for (var typed : List.of(false, true)) {
            m.func(typed ? "typed" : "untyped", Modules.sig(List.of(V128, V128, I32), List.of(V128)), List.of(), v -> {
                v.visitLocal(LOCAL_GET, 0);
                v.visitLocal(LOCAL_GET, 1);
                v.visitLocal(LOCAL_GET, 2);
                if (typed) {
                    v.visitSelect(List.of(V128));
                } else {
                    v.visitSimple(SELECT);
                }
                v.visitSimple(END);
            });
        }
        var inst = m.instantiate();
        for (var name : List.of("untyped", "typed")) {
            var f = inst.function(name);
            assertArrayEquals(new long[] {1, 2}, f.call(1, 2, 3, 4, 1), name);
            assertArrayEquals(new long[] {3, 4}, f.call(1, 2, 3, 4, 0), name);
        }
    }

    @Test
    void blockResultsMoveBothHalves() {
        var m = new Modules();
        int blockType = m.type(Modules.sig(List.of(), List.of(V128, I32)));
        // 99, then a block whose br leaves a junk i32 below its results: they move down one slot.
        m.func("f", Modules.sig(List.of(), List.of(I32, V128, I32)), List.of(), v -> {
            v.visitI32Const(99);
            v.visitBlock(BLOCK, new BlockType.TypeIndex(blockType));
            v.visitI32Const(-1);
            v.visitV128Const(0x0102_0304_0506_0708L, 0x1112_1314_1516_1718L);
            v.visitI32Const(3);
            v.visitLabel(Opcode.BR, 0);
            v.visitSimple(END);
            v.visitSimple(END);
        });
        assertArrayEquals(
                new long[] {99, 0x0102_0304_0506_0708L, 0x1112_1314_1516_1718L, 3},
                m.instantiate().function("f").call());
    }

    @Test
    void brTableCarriesAV128() {
        var m = new Modules();
        // outer: block (result v128) { inner: block (result v128) { junk; A; br_table [inner] outer } ; B xor }
        m.func("f", Modules.sig(List.of(I32), List.of(V128)), List.of(), v -> {
            v.visitBlock(BLOCK, new BlockType.Value(V128));
            v.visitBlock(BLOCK, new BlockType.Value(V128));
            v.visitI32Const(-1);
            v.visitV128Const(0x00FFL, 0xF000L);
            v.visitLocal(LOCAL_GET, 0);
            v.visitBrTable(new int[] {0}, 1);
            v.visitSimple(END);
            v.visitV128Const(0x0F0FL, 0x0FF0L);
            v.visitSimple(V128_XOR);
            v.visitSimple(END);
            v.visitSimple(END);
        });
        var f = m.instantiate().function("f");
        // To inner: A xor B = (0x00FF ^ 0x0F0F, 0xF000 ^ 0x0FF0). Default (outer): A itself.
        assertArrayEquals(new long[] {0x0FF0L, 0xFFF0L}, f.call(0));
        assertArrayEquals(new long[] {0x00FFL, 0xF000L}, f.call(7));
    }

    @Test
    void declaredV128LocalsStartAtZeroInBothHalves() {
        var m = new Modules();
        // dirty leaves a v128 with both halves set in the slots fresh's frame will reuse.
        m.func(null, Modules.sig(List.of(), List.of(V128)), List.of(V128), v -> {
            v.visitV128Const(-1L, -1L);
            v.visitLocal(LOCAL_SET, 0);
            v.visitLocal(LOCAL_GET, 0);
            v.visitSimple(END);
        });
        m.func(null, Modules.sig(List.of(), List.of(V128)), List.of(V128), v -> {
            v.visitLocal(LOCAL_GET, 0);
            v.visitSimple(END);
        });
        m.func("f", Modules.sig(List.of(), List.of(V128)), List.of(), v -> {
            v.visitFunction(CALL, 0);
            v.visitSimple(DROP);
            v.visitFunction(CALL, 1);
            v.visitSimple(END);
        });
        assertArrayEquals(new long[] {0, 0}, m.instantiate().function("f").call());
    }

    @Test
    void v128StoresAreAllOrNothing() {
        var m = new Modules();
        m.memories.add(MemoryType.of(1, 1));
        m.func("store", Modules.sig(List.of(I32, V128), List.of()), List.of(), v -> {
            v.visitLocal(LOCAL_GET, 0);
            v.visitLocal(LOCAL_GET, 1);
            v.visitMemory(V128_STORE, 0, 4, 0);
            v.visitSimple(END);
        });
        m.func("load", Modules.sig(List.of(I32), List.of(V128)), List.of(), v -> {
            v.visitLocal(LOCAL_GET, 0);
            v.visitMemory(V128_LOAD, 0, 4, 0);
            v.visitSimple(END);
        });
        m.func("load64", Modules.sig(List.of(I32), List.of(I64)), List.of(), v -> {
            v.visitLocal(LOCAL_GET, 0);
            v.visitMemory(I64_LOAD, 0, 3, 0);
            v.visitSimple(END);
        });
        var inst = m.instantiate();
        inst.function("store").call(100, 0x1122L, 0x3344L);
        assertArrayEquals(new long[] {0x1122L, 0x3344L}, inst.function("load").call(100));
        // Bytes 65528..65543: the high half is out of bounds, so nothing is written.
        var trap = assertThrows(Trap.class, () -> inst.function("store").call(65528, -1L, -1L));
        assertEquals("out of bounds memory access", trap.getMessage());
        assertEquals(0L, inst.function("load64").callForLong(65528));
        assertThrows(Trap.class, () -> inst.function("load").call(65529));
    }
}
