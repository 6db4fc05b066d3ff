package dev.jwasm.exec.interp;

import static dev.jwasm.api.code.Opcode.BLOCK;
import static dev.jwasm.api.code.Opcode.BR_IF;
import static dev.jwasm.api.code.Opcode.DROP;
import static dev.jwasm.api.code.Opcode.END;
import static dev.jwasm.api.code.Opcode.I32_ADD;
import static dev.jwasm.api.code.Opcode.I32_MUL;
import static dev.jwasm.api.code.Opcode.I32_SUB;
import static dev.jwasm.api.code.Opcode.I64_EQZ;
import static dev.jwasm.api.code.Opcode.LOCAL_GET;
import static dev.jwasm.api.code.Opcode.LOCAL_SET;
import static dev.jwasm.api.code.Opcode.LOCAL_TEE;
import static dev.jwasm.api.code.Opcode.SELECT;
import static dev.jwasm.api.model.ValType.I32;
import static dev.jwasm.api.model.ValType.I64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.Engine;
import dev.jwasm.api.ExportedFunction;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Store;
import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.api.code.BlockType;
import dev.jwasm.api.code.InstructionVisitor;
import dev.jwasm.api.code.Opcode;
import dev.jwasm.api.model.MemoryType;
import dev.jwasm.api.model.ValType;
import dev.jwasm.exec.interp.internal.IrPrinter;
import dev.jwasm.internal.access.Internals;
import dev.jwasm.memory.heap.HeapMemoryProvider;
import dev.jwasm.spi.runtime.WasmFunctionInstance;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The inline operators of IR range 120-159, the constant pool, and copy folding across
 * {@code local.tee}/{@code local.set}: each checks the lowered IR uses the superinstruction and
 * that results (worked out by hand, spec 4.3.2) are right at the edges.
 */
class SuperinstructionTest {
    /** {@code f(a, b) = a OP b} over {@code type}, exported as "f". */
    private static ExportedFunction binary(Opcode op, ValType type, ValType result) {
        return new Modules()
                .func("f", Modules.sig(List.of(type, type), List.of(result)), List.of(), v -> {
                    v.visitLocal(LOCAL_GET, 0);
                    v.visitLocal(LOCAL_GET, 1);
                    v.visitSimple(op);
                    v.visitSimple(END);
                })
                .instantiate()
                .function("f");
    }

    private static String ir(ExportedFunction f) {
        return IrPrinter.print((WasmFunctionInstance) Internals.function(f));
    }

    /** The IR reads its operands from the locals directly: one instruction, then RETURN. */
    private static void assertInline(ExportedFunction f, String name) {
        String ir = ir(f);
        assertTrue(ir.startsWith("0: " + name + " "), ir);
        assertFalse(ir.contains("COPY") || ir.contains("BINARY") || ir.contains("UNARY"), ir);
    }

    @Test
    void i64ShiftsAndRotatesTakeTheCountModulo64() {
        var shl = binary(Opcode.I64_SHL, I64, I64);
        assertInline(shl, "I64_SHL");
        assertEquals(2, shl.callForLong(1, 65));
        assertEquals(Long.MIN_VALUE, shl.callForLong(1, 63));
        var shrS = binary(Opcode.I64_SHR_S, I64, I64);
        assertInline(shrS, "I64_SHR_S");
        assertEquals(-1, shrS.callForLong(Long.MIN_VALUE, 63));
        assertEquals(Long.MIN_VALUE, shrS.callForLong(Long.MIN_VALUE, 64));
        var shrU = binary(Opcode.I64_SHR_U, I64, I64);
        assertInline(shrU, "I64_SHR_U");
        assertEquals(1, shrU.callForLong(Long.MIN_VALUE, 63));
        assertEquals(0x4000_0000_0000_0000L, shrU.callForLong(Long.MIN_VALUE, 129));
        var rotl = binary(Opcode.I64_ROTL, I64, I64);
        assertInline(rotl, "I64_ROTL");
        assertEquals(3, rotl.callForLong(0x8000_0000_0000_0001L, 1));
        assertEquals(3, rotl.callForLong(0x8000_0000_0000_0001L, 65));
        var rotr = binary(Opcode.I64_ROTR, I64, I64);
        assertInline(rotr, "I64_ROTR");
        assertEquals(Long.MIN_VALUE, rotr.callForLong(1, 1));
        assertEquals(0xC000_0000_0000_0000L, rotr.callForLong(3, -62));
        var xor = binary(Opcode.I64_XOR, I64, I64);
        assertInline(xor, "I64_XOR");
        assertEquals(0xFFFF_0000_FFFF_0000L, xor.callForLong(0xFFFF_FFFF_0000_0000L, 0x0000_FFFF_FFFF_0000L));
    }

    @Test
    void i32RotatesTakeTheCountModulo32AndStaySignExtended() {
        var rotl = binary(Opcode.I32_ROTL, I32, I32);
        assertInline(rotl, "I32_ROTL");
        assertEquals(3, rotl.callForLong(0x8000_0001, 1));
        assertEquals(3, rotl.callForLong(0x8000_0001, 33));
        assertEquals(Integer.MIN_VALUE, rotl.callForLong(0x4000_0000, 1));
        var rotr = binary(Opcode.I32_ROTR, I32, I32);
        assertInline(rotr, "I32_ROTR");
        assertEquals(Integer.MIN_VALUE, rotr.callForLong(1, 33));
        // 0x80000001 >>> 2 = 0x20000000, and the low bits 01 come in at the top: 0x60000000.
        assertEquals(0x6000_0000, rotr.callForLong(0x8000_0001, 2));
    }

    @Test
    void unsignedAndSignedI64ComparesTreatTheSignBitRight() {
        assertEquals(0, binary(Opcode.I64_LT_U, I64, I32).callForLong(-1, 1));
        assertEquals(1, binary(Opcode.I64_GT_U, I64, I32).callForLong(-1, 1));
        assertEquals(1, binary(Opcode.I64_LE_U, I64, I32).callForLong(1, -1));
        assertEquals(1, binary(Opcode.I64_GE_U, I64, I32).callForLong(Long.MIN_VALUE, Long.MAX_VALUE));
        assertEquals(0, binary(Opcode.I64_GT_S, I64, I32).callForLong(Long.MIN_VALUE, Long.MAX_VALUE));
        assertEquals(1, binary(Opcode.I64_LE_S, I64, I32).callForLong(Long.MIN_VALUE, Long.MIN_VALUE));
        assertEquals(0, binary(Opcode.I64_GE_S, I64, I32).callForLong(-1, 0));
        // Equal in the low 32 bits, different above: an i64 compare must see all 64.
        var ne = binary(Opcode.I64_NE, I64, I32);
        assertInline(ne, "I64_NE");
        assertEquals(1, ne.callForLong(0x1_0000_0005L, 5));
        assertEquals(0, ne.callForLong(7, 7));
        var leU = binary(Opcode.I32_LE_U, I32, I32);
        assertInline(leU, "I32_LE_U");
        assertEquals(0, leU.callForLong(-1, 1));
        assertEquals(1, leU.callForLong(Integer.MAX_VALUE, Integer.MIN_VALUE));
        var geU = binary(Opcode.I32_GE_U, I32, I32);
        assertEquals(1, geU.callForLong(Integer.MIN_VALUE, Integer.MAX_VALUE));
        assertEquals(1, geU.callForLong(3, 3));
    }

    @Test
    void unsignedI32DivisionAndRemainderTrapOnZero() {
        var divU = binary(Opcode.I32_DIV_U, I32, I32);
        assertInline(divU, "I32_DIV_U");
        assertEquals(0x7FFF_FFFF, divU.callForLong(-1, 2));
        assertEquals(2, divU.callForLong(Integer.MIN_VALUE, 0x4000_0000));
        var remU = binary(Opcode.I32_REM_U, I32, I32);
        assertInline(remU, "I32_REM_U");
        // 4294967295 = 429496729 * 10 + 5
        assertEquals(5, remU.callForLong(-1, 10));
        var trap = assertThrows(Trap.class, () -> remU.call(1, 0));
        assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, trap.kind());
        assertEquals(
                TrapKind.INTEGER_DIVIDE_BY_ZERO,
                assertThrows(Trap.class, () -> divU.call(1, 0)).kind());
    }

    /** {@code f(a) = OP a}. */
    private static ExportedFunction unary(Opcode op, ValType type, ValType result) {
        return new Modules()
                .func("f", Modules.sig(List.of(type), List.of(result)), List.of(), v -> {
                    v.visitLocal(LOCAL_GET, 0);
                    v.visitSimple(op);
                    v.visitSimple(END);
                })
                .instantiate()
                .function("f");
    }

    @Test
    void wrapAndExtendConvertBetweenI32AndI64() {
        var wrap = unary(Opcode.I32_WRAP_I64, I64, I32);
        assertInline(wrap, "I32_WRAP_I64");
        assertEquals(Integer.MIN_VALUE, wrap.callForLong(0x1_8000_0000L));
        var extendU = unary(Opcode.I64_EXTEND_I32_U, I32, I64);
        assertInline(extendU, "I64_EXTEND_I32_U");
        assertEquals(0xFFFF_FFFFL, extendU.callForLong(-1));
        var extendS = unary(Opcode.I64_EXTEND_I32_S, I32, I64);
        assertEquals(-1, extendS.callForLong(0xFFFF_FFFFL));
        var eqz = unary(I64_EQZ, I64, I32);
        assertInline(eqz, "I64_EQZ");
        assertEquals(0, eqz.callForLong(0x1_0000_0000L));
        assertEquals(1, eqz.callForLong(0));
    }

    @Test
    void i64EqzBranchTestsAll64Bits() {
        // f(a) = block (result i32) { 1; br_if 0 (i64.eqz a); drop; 2 } : 1 when a == 0, else 2
        var f = new Modules()
                .func("f", Modules.sig(List.of(I64), List.of(I32)), List.of(), v -> {
                    v.visitBlock(BLOCK, new BlockType.Value(I32));
                    v.visitI32Const(1);
                    v.visitLocal(LOCAL_GET, 0);
                    v.visitSimple(I64_EQZ);
                    v.visitLabel(BR_IF, 0);
                    v.visitSimple(DROP);
                    v.visitI32Const(2);
                    v.visitSimple(END);
                    v.visitSimple(END);
                })
                .instantiate()
                .function("f");
        assertTrue(ir(f).contains("JUMP_IF_NULL"), ir(f));
        assertEquals(1, f.callForLong(0));
        assertEquals(2, f.callForLong(0x1_0000_0000L));
        assertEquals(2, f.callForLong(-1));
    }

    @Test
    void constantOperandsComeFromThePoolWithoutAConstInstruction() {
        var f = new Modules()
                .func("f", Modules.sig(List.of(I32), List.of(I32)), List.of(), v -> {
                    v.visitLocal(LOCAL_GET, 0);
                    v.visitI32Const(7);
                    v.visitSimple(I32_ADD);
                    v.visitI32Const(-3);
                    v.visitSimple(I32_MUL);
                    v.visitSimple(END);
                })
                .instantiate()
                .function("f");
        assertFalse(ir(f).contains("CONST"), ir(f));
        assertEquals((5 + 7) * -3, f.callForLong(5));
        assertEquals((Integer.MAX_VALUE + 7) * -3, f.callForLong(Integer.MAX_VALUE));
    }

    @Test
    void constantsBeyondThePoolCapStillWork() {
        // f(a) = a + 1 + 2 + ... + 100: more distinct constants than the pool holds.
        var f = new Modules()
                .func("f", Modules.sig(List.of(I64), List.of(I64)), List.of(), v -> {
                    v.visitLocal(LOCAL_GET, 0);
                    for (int i = 1; i <= 100; i++) {
                        v.visitI64Const(i);
                        v.visitSimple(Opcode.I64_ADD);
                    }
                    v.visitSimple(END);
                })
                .instantiate()
                .function("f");
        assertTrue(ir(f).contains("CONST"), "constants past the cap stay instructions");
        assertEquals(1000 + 5050, f.callForLong(1000));
    }

    @Test
    void teeWritesTheLocalButEarlierReadsKeepTheOldValue() {
        // f(a, b) = b + (b := a + 1) + b, evaluated left to right: 100 + 6 + 6 for (5, 100).
        var f = new Modules()
                .func("f", Modules.sig(List.of(I32, I32), List.of(I32)), List.of(), v -> {
                    v.visitLocal(LOCAL_GET, 1);
                    v.visitLocal(LOCAL_GET, 0);
                    v.visitI32Const(1);
                    v.visitSimple(I32_ADD);
                    v.visitLocal(LOCAL_TEE, 1);
                    v.visitSimple(I32_ADD);
                    v.visitLocal(LOCAL_GET, 1);
                    v.visitSimple(I32_ADD);
                    v.visitSimple(END);
                })
                .instantiate()
                .function("f");
        assertEquals(100 + 6 + 6, f.callForLong(5, 100));
        // The add writes local 1 directly; the tee'd value is read from it without a copy.
        assertTrue(ir(f).contains("I32_ADD 1 0 "), ir(f));
    }

    @Test
    void setOfALocalDoesNotChangeAnEarlierPendingRead() {
        // f(a, b) = a - (a := b) = a - b, for (10, 3): 7; folding the first read would give 0.
        var f = new Modules()
                .func("f", Modules.sig(List.of(I32, I32), List.of(I32)), List.of(), v -> {
                    v.visitLocal(LOCAL_GET, 0);
                    v.visitLocal(LOCAL_GET, 1);
                    v.visitLocal(LOCAL_SET, 0);
                    v.visitLocal(LOCAL_GET, 0);
                    v.visitSimple(I32_SUB);
                    v.visitSimple(END);
                })
                .instantiate()
                .function("f");
        assertEquals(7, f.callForLong(10, 3));
    }

    @Test
    void aDroppedCopyIsNotFoldedIntoALaterValueInTheSameSlot() {
        // f(a, b) = (drop a); b * 2
        var f = new Modules()
                .func("f", Modules.sig(List.of(I32, I32), List.of(I32)), List.of(), v -> {
                    v.visitLocal(LOCAL_GET, 0);
                    v.visitSimple(DROP);
                    v.visitLocal(LOCAL_GET, 1);
                    v.visitI32Const(2);
                    v.visitSimple(I32_MUL);
                    v.visitSimple(END);
                })
                .instantiate()
                .function("f");
        assertEquals(6, f.callForLong(10, 3));
    }

    @Test
    void selectReadsLocalsAndConstantsInPlace() {
        // f(a, c) = c ? a : 7
        var f = new Modules()
                .func("f", Modules.sig(List.of(I64, I32), List.of(I64)), List.of(), v -> {
                    v.visitLocal(LOCAL_GET, 0);
                    v.visitI64Const(7);
                    v.visitLocal(LOCAL_GET, 1);
                    v.visitSimple(SELECT);
                    v.visitSimple(END);
                })
                .instantiate()
                .function("f");
        assertInline(f, "SELECT");
        assertEquals(-5, f.callForLong(-5, 1));
        assertEquals(7, f.callForLong(-5, 0));
    }

    @Test
    void inlineWideAndByteAccessesRoundTripAndTrapAtTheEnd() {
        var m = new Modules();
        m.memories.add(MemoryType.of(1, 1));
        var inst = m.func("store64", Modules.sig(List.of(I32, I64), List.of()), List.of(), v -> {
                    v.visitLocal(LOCAL_GET, 0);
                    v.visitLocal(LOCAL_GET, 1);
                    v.visitMemory(Opcode.I64_STORE, 0, 3, 8);
                    v.visitSimple(END);
                })
                .func("load64", Modules.sig(List.of(I32), List.of(I64)), List.of(), v -> {
                    v.visitLocal(LOCAL_GET, 0);
                    v.visitMemory(Opcode.I64_LOAD, 0, 3, 8);
                    v.visitSimple(END);
                })
                .func("store8", Modules.sig(List.of(I32, I32), List.of()), List.of(), v -> {
                    v.visitLocal(LOCAL_GET, 0);
                    v.visitLocal(LOCAL_GET, 1);
                    v.visitMemory(Opcode.I32_STORE8, 0, 0, 0);
                    v.visitSimple(END);
                })
                .func("load8u", Modules.sig(List.of(I32), List.of(I32)), List.of(), v -> {
                    v.visitLocal(LOCAL_GET, 0);
                    v.visitMemory(Opcode.I32_LOAD8_U, 0, 0, 0);
                    v.visitSimple(END);
                })
                .instantiate();
        var store64 = inst.function("store64");
        var load64 = inst.function("load64");
        assertInline(store64, "I64_STORE");
        assertInline(load64, "I64_LOAD");
        store64.call(0, 0x0102_0304_0506_0708L);
        assertEquals(0x0102_0304_0506_0708L, load64.callForLong(0));
        // Little-endian: byte 8 (address 0 + offset 8) is the lowest.
        var load8u = inst.function("load8u");
        assertInline(load8u, "I32_LOAD8_U");
        assertEquals(0x08, load8u.callForLong(8));
        inst.function("store8").call(100, 0x1FF);
        assertEquals(0xFF, load8u.callForLong(100));
        // 65536 - 16 + offset 8 = 65528: the last 8 bytes fit; 4 further do not.
        store64.call(65536 - 16, -1);
        assertEquals(-1, load64.callForLong(65536 - 16));
        assertEquals(
                TrapKind.OUT_OF_BOUNDS_MEMORY,
                assertThrows(Trap.class, () -> load64.call(65536 - 12)).kind());
        // The address is unsigned: -1 is 4 GiB - 1, far out of bounds.
        assertEquals(
                TrapKind.OUT_OF_BOUNDS_MEMORY,
                assertThrows(Trap.class, () -> load8u.call(-1)).kind());
    }

    @Test
    void fusedBackEdgesAreSafepoints() {
        // countdown(n): loop { n = n - 1; br_if 0 (n > 0) }; n. The loop body runs n times and
        // its fused compare-and-jump back-edge is taken n - 1 times.
        var m = new Modules().func("countdown", Modules.sig(List.of(I32), List.of(I32)), List.of(), v -> {
            v.visitBlock(Opcode.LOOP, BlockType.EMPTY);
            v.visitLocal(LOCAL_GET, 0);
            v.visitI32Const(1);
            v.visitSimple(I32_SUB);
            v.visitLocal(LOCAL_TEE, 0);
            v.visitI32Const(0);
            v.visitSimple(Opcode.I32_GT_S);
            v.visitLabel(BR_IF, 0);
            v.visitSimple(END);
            v.visitLocal(LOCAL_GET, 0);
            v.visitSimple(END);
        });
        var store = new Store(meteredEngine());
        var countdown = Internals.instantiate(new Linker(), store, m.build()).function("countdown");
        assertTrue(ir(countdown).contains("JUMP_I32_GT_S"), ir(countdown));
        assertTakesFuelPerTakenBackEdge(store, countdown);
    }

    /**
     * A metered engine: fuel counts function entries and taken back-edges, the two places that
     * also poll for interrupts and deadlines.
     */
    private static Engine meteredEngine() {
        return Engine.builder()
                .memory(new HeapMemoryProvider())
                .executor(new InterpreterProvider())
                .consumeFuel(true)
                .build();
    }

    /**
     * {@code f(5)} takes 1 unit for its entry and 4 for the back-edges taken (5 passes): it
     * succeeds on exactly 5 units and runs out on 4; an interrupt stops it.
     */
    private static void assertTakesFuelPerTakenBackEdge(Store store, ExportedFunction f) {
        store.setFuel(5);
        assertEquals(0, f.callForLong(5));
        assertEquals(0, store.fuel());
        store.setFuel(4);
        assertEquals(
                TrapKind.OUT_OF_FUEL, assertThrows(Trap.class, () -> f.call(5)).kind());
        store.setFuel(1_000);
        store.interrupt();
        assertEquals(
                TrapKind.INTERRUPTED, assertThrows(Trap.class, () -> f.call(5)).kind());
        store.resume();
        assertEquals(0, f.callForLong(5));
        assertEquals(995, store.fuel());
    }

    @Test
    void brTableEntriesWithoutValuesJumpStraightToTheirTargets() {
        // block b0 { block b1 { block b2 { br_table [b2 b1] b0 (a) } return 30 } return 20 }; 10
        var f = new Modules()
                .func("f", Modules.sig(List.of(I32), List.of(I32)), List.of(), v -> {
                    v.visitBlock(BLOCK, BlockType.EMPTY);
                    v.visitBlock(BLOCK, BlockType.EMPTY);
                    v.visitBlock(BLOCK, BlockType.EMPTY);
                    v.visitLocal(LOCAL_GET, 0);
                    v.visitBrTable(new int[] {0, 1}, 2);
                    v.visitSimple(END);
                    v.visitI32Const(30);
                    v.visitSimple(Opcode.RETURN);
                    v.visitSimple(END);
                    v.visitI32Const(20);
                    v.visitSimple(Opcode.RETURN);
                    v.visitSimple(END);
                    v.visitI32Const(10);
                    v.visitSimple(END);
                })
                .instantiate()
                .function("f");
        assertFalse(ir(f).contains("JUMP "), ir(f));
        assertEquals(30, f.callForLong(0));
        assertEquals(20, f.callForLong(1));
        assertEquals(10, f.callForLong(2));
        assertEquals(10, f.callForLong(-1)); // unsigned: past the table, the default
    }

    @Test
    void brTableBackEdgesAreSafepoints() {
        // f(n): block exit { loop l { n = n - 1; br_table [exit] l (n) } }; n. The loop body
        // runs n times; its br_table entry straight back to the loop is taken n - 1 times.
        var m = new Modules().func("f", Modules.sig(List.of(I32), List.of(I32)), List.of(), v -> {
            v.visitBlock(BLOCK, BlockType.EMPTY);
            v.visitBlock(Opcode.LOOP, BlockType.EMPTY);
            v.visitLocal(LOCAL_GET, 0);
            v.visitI32Const(1);
            v.visitSimple(I32_SUB);
            v.visitLocal(LOCAL_TEE, 0);
            v.visitBrTable(new int[] {1}, 0);
            v.visitSimple(END);
            v.visitSimple(END);
            v.visitLocal(LOCAL_GET, 0);
            v.visitSimple(END);
        });
        var store = new Store(meteredEngine());
        var f = Internals.instantiate(new Linker(), store, m.build()).function("f");
        assertTakesFuelPerTakenBackEdge(store, f);
    }

    /** {@code f(a, b) = a OP b ? 1 : 0}, branching on the compare with br_if or with if. */
    private static ExportedFunction branchOn(Opcode compare, boolean viaIf) {
        return new Modules()
                .func("f", Modules.sig(List.of(I64, I64), List.of(I32)), List.of(), v -> {
                    if (viaIf) {
                        v.visitLocal(LOCAL_GET, 0);
                        v.visitLocal(LOCAL_GET, 1);
                        v.visitSimple(compare);
                        v.visitBlock(Opcode.IF, new BlockType.Value(I32));
                        v.visitI32Const(1);
                        v.visitSimple(Opcode.ELSE);
                        v.visitI32Const(0);
                        v.visitSimple(END);
                    } else {
                        v.visitBlock(BLOCK, new BlockType.Value(I32));
                        v.visitI32Const(1);
                        v.visitLocal(LOCAL_GET, 0);
                        v.visitLocal(LOCAL_GET, 1);
                        v.visitSimple(compare);
                        v.visitLabel(BR_IF, 0);
                        v.visitSimple(DROP);
                        v.visitI32Const(0);
                        v.visitSimple(END);
                    }
                    v.visitSimple(END);
                })
                .instantiate()
                .function("f");
    }

    @Test
    void i64CompareAndBranchFuseBothWays() {
        // Expected results for (a, b) = (-1, 1), (1, -1), (5, 5), (2^32 + 5, 5), by hand.
        long[][] pairs = {{-1, 1}, {1, -1}, {5, 5}, {0x1_0000_0005L, 5}};
        Object[][] table = {
            {Opcode.I64_EQ, new int[] {0, 0, 1, 0}},
            {Opcode.I64_NE, new int[] {1, 1, 0, 1}},
            {Opcode.I64_LT_S, new int[] {1, 0, 0, 0}},
            {Opcode.I64_GE_S, new int[] {0, 1, 1, 1}},
            {Opcode.I64_GT_S, new int[] {0, 1, 0, 1}},
            {Opcode.I64_LE_S, new int[] {1, 0, 1, 0}},
            {Opcode.I64_LT_U, new int[] {0, 1, 0, 0}},
            {Opcode.I64_GE_U, new int[] {1, 0, 1, 1}},
            {Opcode.I64_GT_U, new int[] {1, 0, 0, 1}},
            {Opcode.I64_LE_U, new int[] {0, 1, 1, 0}},
        };
        for (Object[] row : table) {
            var op = (Opcode) row[0];
            int[] expected = (int[]) row[1];
            for (boolean viaIf : new boolean[] {false, true}) {
                var f = branchOn(op, viaIf);
                assertTrue(ir(f).contains("JUMP_I64_"), op + " " + ir(f));
                for (int k = 0; k < pairs.length; k++) {
                    assertEquals(
                            expected[k],
                            f.callForLong(pairs[k][0], pairs[k][1]),
                            op + (viaIf ? " if " : " br_if ") + pairs[k][0] + ", " + pairs[k][1]);
                }
            }
        }
    }

    @Test
    void equalBodiesOfDifferentModulesAreLoweredSeparately() {
        // One body object, "i32.const 3; call 1", in two modules: the FunctionCode records are
        // equal, not the same. In the first, function 1 takes the 3 and returns 3 + 1; in the
        // second it takes nothing and scribbles 99 into its own local, so the 3 stays the result.
        Consumer<InstructionVisitor> body = v -> {
            v.visitI32Const(3);
            v.visitFunction(Opcode.CALL, 1);
            v.visitSimple(END);
        };
        var takes = new Modules()
                .func("f", Modules.sig(List.of(), List.of(I32)), List.of(), body)
                .func(null, Modules.sig(List.of(I32), List.of(I32)), List.of(), v -> {
                    v.visitLocal(LOCAL_GET, 0);
                    v.visitI32Const(1);
                    v.visitSimple(I32_ADD);
                    v.visitSimple(END);
                })
                .instantiate()
                .function("f");
        var ignores = new Modules()
                .func("f", Modules.sig(List.of(), List.of(I32)), List.of(), body)
                .func(null, Modules.sig(List.of(), List.of()), List.of(I32), v -> {
                    v.visitI32Const(99);
                    v.visitLocal(LOCAL_SET, 0);
                    v.visitSimple(END);
                })
                .instantiate()
                .function("f");
        assertEquals(4, takes.callForLong());
        assertEquals(3, ignores.callForLong());
    }

    @Test
    void multiplyThenAddFusesAndWrapsAt32Bits() {
        // lcg(x) = x * 3877 + 29573, the product consumed by the add.
        var lcg = new Modules()
                .func("f", Modules.sig(List.of(I32), List.of(I32)), List.of(), v -> {
                    v.visitLocal(LOCAL_GET, 0);
                    v.visitI32Const(3877);
                    v.visitSimple(I32_MUL);
                    v.visitI32Const(29573);
                    v.visitSimple(I32_ADD);
                    v.visitSimple(END);
                })
                .instantiate()
                .function("f");
        assertInline(lcg, "I32_MUL_ADD");
        assertEquals(3877 * 10 + 29573, lcg.callForLong(10));
        // 0x10000 * 3877 = 0xF250000 fits; 0x100000 * 3877 = 0xF2500000 wraps negative.
        assertEquals(0xF250_0000 + 29573, lcg.callForLong(0x10_0000));
        // c + a * b: the product is the second operand.
        var madd = new Modules()
                .func("f", Modules.sig(List.of(I32, I32, I32), List.of(I32)), List.of(), v -> {
                    v.visitLocal(LOCAL_GET, 2);
                    v.visitLocal(LOCAL_GET, 0);
                    v.visitLocal(LOCAL_GET, 1);
                    v.visitSimple(I32_MUL);
                    v.visitSimple(I32_ADD);
                    v.visitSimple(END);
                })
                .instantiate()
                .function("f");
        assertInline(madd, "I32_MUL_ADD");
        assertEquals(7 + 6 * 5, madd.callForLong(6, 5, 7));
        // 0x10000 * 0x10000 = 2^32 wraps to 0.
        assertEquals(5, madd.callForLong(0x1_0000, 0x1_0000, 5));
        assertEquals(Integer.MIN_VALUE, madd.callForLong(Integer.MIN_VALUE, -1, 0));
    }

    @Test
    void aTeedProductIsNotFusedAway() {
        // f(a, b) = (t := a * b) + t: the product lives on in local 2.
        var f = new Modules()
                .func("f", Modules.sig(List.of(I32, I32), List.of(I32)), List.of(I32), v -> {
                    v.visitLocal(LOCAL_GET, 0);
                    v.visitLocal(LOCAL_GET, 1);
                    v.visitSimple(I32_MUL);
                    v.visitLocal(LOCAL_TEE, 2);
                    v.visitLocal(LOCAL_GET, 2);
                    v.visitSimple(I32_ADD);
                    v.visitSimple(END);
                })
                .instantiate()
                .function("f");
        assertFalse(ir(f).contains("I32_MUL_ADD"), ir(f));
        assertEquals(2 * 6 * 7, f.callForLong(6, 7));
    }
}
