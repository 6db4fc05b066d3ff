package dev.jwasm.exec.interp;

import static dev.jwasm.api.code.Opcode.BLOCK;
import static dev.jwasm.api.code.Opcode.BR;
import static dev.jwasm.api.code.Opcode.BR_IF;
import static dev.jwasm.api.code.Opcode.END;
import static dev.jwasm.api.code.Opcode.I32_ADD;
import static dev.jwasm.api.code.Opcode.I32_GE_U;
import static dev.jwasm.api.code.Opcode.I32_LOAD;
import static dev.jwasm.api.code.Opcode.I32_MUL;
import static dev.jwasm.api.code.Opcode.LOCAL_GET;
import static dev.jwasm.api.code.Opcode.LOCAL_SET;
import static dev.jwasm.api.code.Opcode.LOOP;
import static dev.jwasm.api.model.ValType.I32;
import static dev.jwasm.api.model.ValType.I64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.api.code.BlockType;
import dev.jwasm.api.code.Opcode;
import dev.jwasm.api.model.MemoryType;
import dev.jwasm.internal.access.Internals;
import dev.jwasm.internal.access.LoweredModule;
import dev.jwasm.memory.heap.HeapMemoryProvider;
import dev.jwasm.spi.runtime.ConstExpr;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Loads, stores, memory.size/grow and active data segments; values worked out by hand. */
class MemoryTest {
    /** One page (max 3) with the i32s 1, 2, 3, 4 at address 0. */
    private static Modules withData() {
        var m = new Modules();
        m.memories.add(MemoryType.of(1, 3));
        m.datas.add(new LoweredModule.Data(
                0, ConstExpr.i32(0), new byte[] {1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0}));
        return m;
    }

    @Test
    void sumsI32sWrittenByADataSegment() {
        // locals: 0 = n, 1 = i, 2 = acc; while i < n: acc += load(i * 4); i++
        var sum = withData()
                .func("sum", Modules.sig(List.of(I32), List.of(I32)), List.of(I32, I32), v -> {
                    v.visitBlock(BLOCK, BlockType.EMPTY);
                    v.visitBlock(LOOP, BlockType.EMPTY);
                    v.visitLocal(LOCAL_GET, 1);
                    v.visitLocal(LOCAL_GET, 0);
                    v.visitSimple(I32_GE_U);
                    v.visitLabel(BR_IF, 1);
                    v.visitLocal(LOCAL_GET, 2);
                    v.visitLocal(LOCAL_GET, 1);
                    v.visitI32Const(4);
                    v.visitSimple(I32_MUL);
                    v.visitMemory(I32_LOAD, 0, 2, 0);
                    v.visitSimple(I32_ADD);
                    v.visitLocal(LOCAL_SET, 2);
                    v.visitLocal(LOCAL_GET, 1);
                    v.visitI32Const(1);
                    v.visitSimple(I32_ADD);
                    v.visitLocal(LOCAL_SET, 1);
                    v.visitLabel(BR, 0);
                    v.visitSimple(END);
                    v.visitSimple(END);
                    v.visitLocal(LOCAL_GET, 2);
                    v.visitSimple(END);
                })
                .instantiate()
                .function("sum");
        assertEquals(1 + 2 + 3 + 4, sum.callForLong(4));
        assertEquals(1 + 2, sum.callForLong(2));
    }

    @Test
    void narrowAndWideAccessesAreLittleEndianWithStaticOffsets() {
        var inst = withData()
                .func("store64", Modules.sig(List.of(I64), List.of()), List.of(), v -> {
                    v.visitI32Const(0);
                    v.visitLocal(LOCAL_GET, 0);
                    v.visitMemory(Opcode.I64_STORE, 0, 3, 16);
                    v.visitSimple(END);
                })
                .func("load8u", Modules.sig(List.of(I32), List.of(I32)), List.of(), v -> {
                    v.visitLocal(LOCAL_GET, 0);
                    v.visitMemory(Opcode.I32_LOAD8_U, 0, 0, 0);
                    v.visitSimple(END);
                })
                .func("load16s", Modules.sig(List.of(I32), List.of(I32)), List.of(), v -> {
                    v.visitLocal(LOCAL_GET, 0);
                    v.visitMemory(Opcode.I32_LOAD16_S, 0, 1, 0);
                    v.visitSimple(END);
                })
                .func("load", Modules.sig(List.of(I32), List.of(I32)), List.of(), v -> {
                    v.visitLocal(LOCAL_GET, 0);
                    v.visitMemory(I32_LOAD, 0, 2, 8);
                    v.visitSimple(END);
                })
                .instantiate();
        assertEquals(3, inst.function("load").callForLong(0)); // offset 8 reaches the third i32
        inst.function("store64").call(0x0102_0304_05FF_8708L);
        assertEquals(0x08, inst.function("load8u").callForLong(16));
        assertEquals(0xFF, inst.function("load8u").callForLong(18));
        // bytes from 16: 08 87 FF 05 04 03 02 01
        assertEquals(-121, inst.function("load16s").callForLong(17)); // 0xFF87, sign-extended
        assertEquals(0x05FF, inst.function("load16s").callForLong(18));
        assertEquals(0x0102, inst.function("load16s").callForLong(22));
    }

    @Test
    void outOfBoundsAccessTraps() {
        var load = withData()
                .func("load", Modules.sig(List.of(I32), List.of(I32)), List.of(), v -> {
                    v.visitLocal(LOCAL_GET, 0);
                    v.visitMemory(I32_LOAD, 0, 2, 0);
                    v.visitSimple(END);
                })
                .instantiate()
                .function("load");
        assertEquals(0, load.callForLong(65532)); // the last four bytes of the page
        var trap = assertThrows(Trap.class, () -> load.call(65533));
        assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY, trap.kind());
        // -1 is address 0xFFFFFFFF, unsigned: out of bounds, not a negative index.
        assertEquals(
                TrapKind.OUT_OF_BOUNDS_MEMORY,
                assertThrows(Trap.class, () -> load.call(-1)).kind());
    }

    @Test
    void growReturnsTheOldSizeOrMinusOnePastTheMaximum() {
        var inst = withData()
                .func("grow", Modules.sig(List.of(I32), List.of(I32)), List.of(), v -> {
                    v.visitLocal(LOCAL_GET, 0);
                    v.visitMemoryIndex(Opcode.MEMORY_GROW, 0);
                    v.visitSimple(END);
                })
                .func("size", Modules.sig(List.of(), List.of(I32)), List.of(), v -> {
                    v.visitMemoryIndex(Opcode.MEMORY_SIZE, 0);
                    v.visitSimple(END);
                })
                .instantiate();
        assertEquals(1, inst.function("size").callForLong());
        assertEquals(1, inst.function("grow").callForLong(1));
        assertEquals(2, inst.function("size").callForLong());
        assertEquals(-1, (int) inst.function("grow").callForLong(2)); // 4 pages > max 3
        assertEquals(2, inst.function("size").callForLong());
    }

    @Test
    void dataSegmentPastTheMemoryFailsInstantiation() {
        var m = new Modules();
        m.memories.add(MemoryType.of(1, 1));
        m.datas.add(new LoweredModule.Data(0, ConstExpr.i32(65535), new byte[] {1, 2}));
        var trap = assertThrows(Trap.class, m::instantiate);
        assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY, trap.kind());
    }

    @Test
    void closingTheStoreClosesTheMemoriesItCreated() {
        var engine = dev.jwasm.api.Engine.builder()
                .memory(new HeapMemoryProvider())
                .executor(new InterpreterProvider())
                .build();
        var store = new dev.jwasm.api.Store(engine);
        var m = withData();
        var instance = Internals.instantiate(new dev.jwasm.api.Linker(), store, m.build());
        var memory = Internals.state(instance).memories[0];
        store.close();
        assertEquals(true, memory.isClosed());
    }
}
