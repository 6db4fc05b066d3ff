package dev.jwasm.exec.interp;

import static dev.jwasm.api.code.Opcode.END;
import static dev.jwasm.api.code.Opcode.LOCAL_GET;
import static dev.jwasm.api.model.ValType.I32;
import static dev.jwasm.api.model.ValType.I64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jwasm.api.Instance;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Store;
import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.api.code.Opcode;
import dev.jwasm.api.model.AddressType;
import dev.jwasm.api.model.Limits;
import dev.jwasm.api.model.MemoryType;
import dev.jwasm.api.model.ValType;
import dev.jwasm.internal.access.Internals;
import dev.jwasm.internal.access.LoweredModule;
import dev.jwasm.spi.runtime.ConstExpr;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The threads proposal's atomic instructions on the interpreter. Each export runs one instruction
 * on its parameters (address first); expected values are worked out by hand from the bytes the
 * data segment puts at address 0: 11 22 33 44 55 66 77 88 (little-endian).
 */
class AtomicsTest {
    private static final byte[] DATA = {0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, (byte) 0x88};

    /** A one-page memory, shared or not, with an export running each given atomic operator. */
    private static Instance module(boolean shared, Opcode... ops) {
        return module(new Store(Modules.engine(1000)), shared, ops);
    }

    private static Instance module(Store store, boolean shared, Opcode... ops) {
        var m = new Modules();
        m.memories.add(new MemoryType(new Limits(1, 1), AddressType.I32, shared, 16));
        m.datas.add(new LoweredModule.Data(0, ConstExpr.i32(0), DATA));
        for (Opcode op : ops) {
            var params = new ArrayList<ValType>();
            params.add(I32);
            params.addAll(op.operands());
            m.func(op.mnemonic(), Modules.sig(params, op.results()), List.of(), v -> {
                for (int i = 0; i < params.size(); i++) {
                    v.visitLocal(LOCAL_GET, i);
                }
                v.visitMemory(op, 0, Integer.numberOfTrailingZeros(op.accessBytes()), 0);
                v.visitSimple(END);
            });
        }
        return Internals.instantiate(new Linker(), store, m.build());
    }

    @Test
    void loadsAreLittleEndianAndZeroExtended() {
        var inst = module(
                false,
                Opcode.I32_ATOMIC_LOAD,
                Opcode.I64_ATOMIC_LOAD,
                Opcode.I32_ATOMIC_LOAD8_U,
                Opcode.I32_ATOMIC_LOAD16_U,
                Opcode.I64_ATOMIC_LOAD32_U);
        assertEquals(0x44332211, inst.function("i32.atomic.load").callForLong(0));
        assertEquals(0x8877665544332211L, inst.function("i64.atomic.load").callForLong(0));
        assertEquals(0x66, inst.function("i32.atomic.load8_u").callForLong(5));
        assertEquals(0x8877, inst.function("i32.atomic.load16_u").callForLong(6));
        // 0x88776655 as an unsigned 32-bit value in an i64: no sign extension.
        assertEquals(0x88776655L, inst.function("i64.atomic.load32_u").callForLong(4));
    }

    @Test
    void storesWriteOnlyTheirWidth() {
        var inst = module(false, Opcode.I32_ATOMIC_STORE16, Opcode.I64_ATOMIC_STORE8, Opcode.I64_ATOMIC_LOAD);
        inst.function("i32.atomic.store16").call(2, 0xABCD_EEFFL);
        inst.function("i64.atomic.store8").call(7, 0x1234L);
        // bytes: 11 22 FF EE 55 66 77 34
        assertEquals(0x34776655EEFF2211L, inst.function("i64.atomic.load").callForLong(0));
    }

    @Test
    void readModifyWriteReturnsTheOldValue() {
        var inst = module(
                false,
                Opcode.I32_ATOMIC_RMW_ADD,
                Opcode.I32_ATOMIC_RMW8_SUB_U,
                Opcode.I64_ATOMIC_RMW16_XOR_U,
                Opcode.I64_ATOMIC_RMW_XCHG,
                Opcode.I32_ATOMIC_RMW_OR,
                Opcode.I32_ATOMIC_RMW16_AND_U,
                Opcode.I64_ATOMIC_LOAD);
        var load = inst.function("i64.atomic.load");
        // 0x44332211 + 0x01000001 = 0x45332212
        assertEquals(0x44332211, inst.function("i32.atomic.rmw.add").callForLong(0, 0x01000001));
        assertEquals(0x8877665545332212L, load.callForLong(0));
        // byte 1 is 0x22; 0x22 - 0x23 wraps to 0xFF within the byte, leaving bytes 0 and 2 alone.
        assertEquals(0x22, inst.function("i32.atomic.rmw8.sub_u").callForLong(1, 0x23));
        assertEquals(0x887766554533FF12L, load.callForLong(0));
        // bytes 4-5 are 0x6655; xor 0xFFFF gives 0x99AA.
        assertEquals(0x6655, inst.function("i64.atomic.rmw16.xor_u").callForLong(4, 0xFFFF));
        assertEquals(0x887799AA4533FF12L, load.callForLong(0));
        assertEquals(0x887799AA4533FF12L, inst.function("i64.atomic.rmw.xchg").callForLong(0, -2));
        assertEquals(-2, load.callForLong(0));
        // The i32 result of an old value with the top bit set is the negative int.
        assertEquals(-2, (int) inst.function("i32.atomic.rmw.or").callForLong(0, 1));
        assertEquals(0xFFFF, inst.function("i32.atomic.rmw16.and_u").callForLong(2, 0x0F0F));
        assertEquals(0xFFFFFFFF0F0FFFFFL, load.callForLong(0));
    }

    @Test
    void compareExchangeStoresOnlyOnAMatch() {
        var inst = module(
                false,
                Opcode.I32_ATOMIC_RMW_CMPXCHG,
                Opcode.I32_ATOMIC_RMW8_CMPXCHG_U,
                Opcode.I64_ATOMIC_RMW32_CMPXCHG_U,
                Opcode.I64_ATOMIC_LOAD);
        var cmpxchg = inst.function("i32.atomic.rmw.cmpxchg");
        var load = inst.function("i64.atomic.load");
        assertEquals(0x44332211, cmpxchg.callForLong(0, 0x12345678, 7)); // no match: unchanged
        assertEquals(0x8877665544332211L, load.callForLong(0));
        assertEquals(0x44332211, cmpxchg.callForLong(0, 0x44332211, 7)); // match: stored
        assertEquals(0x8877665500000007L, load.callForLong(0));
        // Narrow: the expected value is wrapped to the width, so 0x155 compares as 0x55.
        assertEquals(0x55, inst.function("i32.atomic.rmw8.cmpxchg_u").callForLong(4, 0x155, 0x1AB));
        assertEquals(0x887766AB00000007L, load.callForLong(0));
        // 64-bit operand, 32-bit access: the high half of expected is ignored.
        assertEquals(
                0x887766ABL,
                inst.function("i64.atomic.rmw32.cmpxchg_u").callForLong(4, 0xFFFF_FFFF_8877_66ABL, 0x1_0000_0001L));
        assertEquals(0x0000000100000007L, load.callForLong(0));
    }

    @Test
    void misalignedAccessTrapsBeforeBoundsAndWritesNothing() {
        var inst = module(false, Opcode.I32_ATOMIC_STORE, Opcode.I64_ATOMIC_RMW_ADD, Opcode.I64_ATOMIC_LOAD);
        assertEquals(
                TrapKind.UNALIGNED_ATOMIC,
                assertThrows(Trap.class, () -> inst.function("i32.atomic.store").call(2, 9))
                        .kind());
        assertEquals(0x8877665544332211L, inst.function("i64.atomic.load").callForLong(0));
        // 65535 is both misaligned and out of bounds: alignment is checked first.
        assertEquals(
                TrapKind.UNALIGNED_ATOMIC,
                assertThrows(Trap.class, () -> inst.function("i64.atomic.rmw.add")
                                .call(65535, 1))
                        .kind());
        assertEquals(
                TrapKind.OUT_OF_BOUNDS_MEMORY,
                assertThrows(Trap.class, () -> inst.function("i64.atomic.rmw.add")
                                .call(65536, 1))
                        .kind());
        assertEquals(
                "unaligned atomic",
                assertThrows(Trap.class, () -> inst.function("i64.atomic.load").call(4))
                        .getMessage());
    }

    @Test
    void waitOnAnUnsharedMemoryTraps() {
        var inst = module(false, Opcode.MEMORY_ATOMIC_WAIT32, Opcode.MEMORY_ATOMIC_NOTIFY);
        assertEquals(
                TrapKind.EXPECTED_SHARED_MEMORY,
                assertThrows(Trap.class, () -> inst.function("memory.atomic.wait32")
                                .call(0, 0x44332211, 0))
                        .kind());
        // notify is fine on any memory: nobody waits, so it wakes no one.
        assertEquals(0, inst.function("memory.atomic.notify").callForLong(0, 1));
    }

    @Test
    void waitReturnsNotEqualOrTimedOut() {
        var inst = module(true, Opcode.MEMORY_ATOMIC_WAIT32, Opcode.MEMORY_ATOMIC_WAIT64);
        assertEquals(1, inst.function("memory.atomic.wait32").callForLong(0, 0, -1)); // value differs
        assertEquals(1, inst.function("memory.atomic.wait64").callForLong(0, 0x44332211, -1));
        assertEquals(2, inst.function("memory.atomic.wait32").callForLong(0, 0x44332211, 1_000_000)); // 1 ms
        assertEquals(2, inst.function("memory.atomic.wait64").callForLong(0, 0x8877665544332211L, 0));
    }

    @Test
    void notifyWakesAWaitingThread() throws Exception {
        var inst = module(true, Opcode.MEMORY_ATOMIC_WAIT32, Opcode.MEMORY_ATOMIC_NOTIFY);
        // The waiter blocks with no timeout. A store runs code on one thread at a time, so the
        // other thread notifies through the shared memory itself, as a host may from any thread.
        var waiter = CompletableFuture.supplyAsync(
                () -> inst.function("memory.atomic.wait32").callForLong(4, 0x88776655, -1));
        var memory = Internals.state(inst).memories[0];
        long woken = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (woken == 0 && System.nanoTime() < deadline) {
            woken = memory.atomicNotify(4, 10);
            Thread.sleep(1);
        }
        assertEquals(1, woken);
        assertEquals(0, waiter.get(10, TimeUnit.SECONDS)); // 0: woken by notify
    }

    @Test
    void aDeadlineEndsAWaitWithoutTimeout() {
        var store = new Store(Modules.engine(1000));
        var inst = module(store, true, Opcode.MEMORY_ATOMIC_WAIT32);
        store.setTimeout(Duration.ofMillis(100));
        var trap = assertThrows(
                Trap.class, () -> inst.function("memory.atomic.wait32").call(0, 0x44332211, -1));
        assertEquals(TrapKind.DEADLINE_EXCEEDED, trap.kind());
        store.clearDeadline();
        // The waiter left the queue: a later wait with a timeout still times out normally.
        assertEquals(2, inst.function("memory.atomic.wait32").callForLong(0, 0x44332211, 1_000_000));
    }

    @Test
    void fenceRunsBetweenPlainAccesses() {
        var m = new Modules();
        m.memories.add(MemoryType.of(1, 1));
        m.func("f", Modules.sig(List.of(I64), List.of(I64)), List.of(), v -> {
            v.visitI32Const(8);
            v.visitLocal(LOCAL_GET, 0);
            v.visitMemory(Opcode.I64_STORE, 0, 3, 0);
            v.visitSimple(Opcode.ATOMIC_FENCE);
            v.visitI32Const(8);
            v.visitMemory(Opcode.I64_ATOMIC_LOAD, 0, 3, 0);
            v.visitSimple(END);
        });
        assertEquals(-5, m.instantiate().function("f").callForLong(-5));
    }
}
