package dev.jwasm.exec.interp;

import static dev.jwasm.api.code.Opcode.BLOCK;
import static dev.jwasm.api.code.Opcode.BR;
import static dev.jwasm.api.code.Opcode.BR_IF;
import static dev.jwasm.api.code.Opcode.CALL;
import static dev.jwasm.api.code.Opcode.END;
import static dev.jwasm.api.code.Opcode.I32_ADD;
import static dev.jwasm.api.code.Opcode.I32_GE_U;
import static dev.jwasm.api.code.Opcode.LOCAL_GET;
import static dev.jwasm.api.code.Opcode.LOCAL_SET;
import static dev.jwasm.api.code.Opcode.LOOP;
import static dev.jwasm.api.model.ValType.I32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.ConfigurationException;
import dev.jwasm.api.Engine;
import dev.jwasm.api.Instance;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Store;
import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.api.code.BlockType;
import dev.jwasm.internal.access.Internals;
import dev.jwasm.memory.heap.HeapMemoryProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fuel metering, deadlines and interrupts: each stops the call with its own trap. */
class FuelAndDeadlineTest {
    /**
     * count(n): i = 0; loop { if i >= n break; i++; br loop }; returns i. It takes n loop
     * back-edges; the exit branch leaves a block, which is no back-edge. spin: loops forever.
     * callsCountThrice(n): calls count(n) three times, returning the last.
     */
    private static Modules counting() {
        var m = new Modules();
        m.func("count", Modules.sig(List.of(I32), List.of(I32)), List.of(I32), v -> {
            v.visitBlock(BLOCK, BlockType.EMPTY);
            v.visitBlock(LOOP, BlockType.EMPTY);
            v.visitLocal(LOCAL_GET, 1);
            v.visitLocal(LOCAL_GET, 0);
            v.visitSimple(I32_GE_U);
            v.visitLabel(BR_IF, 1);
            v.visitLocal(LOCAL_GET, 1);
            v.visitI32Const(1);
            v.visitSimple(I32_ADD);
            v.visitLocal(LOCAL_SET, 1);
            v.visitLabel(BR, 0);
            v.visitSimple(END);
            v.visitSimple(END);
            v.visitLocal(LOCAL_GET, 1);
            v.visitSimple(END);
        });
        m.func("spin", Modules.sig(List.of(), List.of()), List.of(), v -> {
            v.visitBlock(LOOP, BlockType.EMPTY);
            v.visitLabel(BR, 0);
            v.visitSimple(END);
            v.visitSimple(END);
        });
        m.func("callsCountThrice", Modules.sig(List.of(I32), List.of(I32)), List.of(), v -> {
            for (int i = 0; i < 3; i++) {
                v.visitLocal(LOCAL_GET, 0);
                v.visitFunction(CALL, 0);
                if (i < 2) {
                    v.visitSimple(dev.jwasm.api.code.Opcode.DROP);
                }
            }
            v.visitSimple(END);
        });
        m.func("constant", Modules.sig(List.of(), List.of(I32)), List.of(), v -> {
            v.visitI32Const(7);
            v.visitSimple(END);
        });
        return m;
    }

    private static Engine engine(boolean fuel) {
        return Engine.builder()
                .memory(new HeapMemoryProvider())
                .executor(new InterpreterProvider())
                .consumeFuel(fuel)
                .build();
    }

    private static TrapKind trapKind(Runnable call) {
        return assertThrows(Trap.class, call::run).kind();
    }

    @Test
    void eachEntryAndBackEdgeTakesOneUnitOfFuel() {
        var store = new Store(engine(true));
        Instance inst = Internals.instantiate(new Linker(), store, counting().build());
        assertEquals(0, store.fuel()); // a new store has none
        store.setFuel(11);
        assertEquals(10, inst.function("count").callForLong(10)); // 1 entry + 10 back-edges
        assertEquals(0, store.fuel());
        store.setFuel(100);
        // The caller's entry, 3 calls, 3 x 4 back-edges: 16.
        assertEquals(4, inst.function("callsCountThrice").callForLong(4));
        assertEquals(84, store.fuel());
    }

    @Test
    void runningOutTrapsAndRefuellingLetsCodeRunAgain() {
        var store = new Store(engine(true));
        Instance inst = Internals.instantiate(new Linker(), store, counting().build());
        store.setFuel(10); // one short of count(10)
        var trap = assertThrows(Trap.class, () -> inst.function("count").call(10));
        assertEquals(TrapKind.OUT_OF_FUEL, trap.kind());
        assertEquals("all fuel consumed", trap.getMessage());
        assertEquals(0, store.fuel());
        assertEquals(
                TrapKind.OUT_OF_FUEL, trapKind(() -> inst.function("constant").call()));
        store.setFuel(1_000);
        assertEquals(7, inst.function("constant").callForLong());
        assertEquals(TrapKind.OUT_OF_FUEL, trapKind(() -> inst.function("spin").call()));
        assertEquals(0, store.fuel());
    }

    @Test
    void fuelIsOffByDefault() {
        var store = new Store(engine(false));
        Instance inst = Internals.instantiate(new Linker(), store, counting().build());
        assertEquals(1_000_000, inst.function("count").callForLong(1_000_000));
        assertThrows(ConfigurationException.class, () -> store.setFuel(5));
        assertThrows(ConfigurationException.class, store::fuel);
        var metered = new Store(engine(true));
        assertThrows(ConfigurationException.class, () -> metered.setFuel(-1));
    }

    @Test
    void aDeadlineStopsAnEndlessLoopUntilCleared() {
        var store = new Store(engine(false));
        Instance inst = Internals.instantiate(new Linker(), store, counting().build());
        // The clock starts first: the thread may be descheduled right after setting the timeout.
        long start = System.nanoTime();
        store.setTimeout(Duration.ofMillis(100));
        var trap = assertThrows(Trap.class, () -> inst.function("spin").call());
        assertEquals(TrapKind.DEADLINE_EXCEEDED, trap.kind());
        assertEquals("deadline exceeded", trap.getMessage());
        long elapsed = System.nanoTime() - start;
        assertTrue(elapsed >= Duration.ofMillis(100).toNanos(), "trapped after only " + elapsed + " ns");
        // Past the deadline even straight-line code traps at entry, until it is cleared.
        assertEquals(TrapKind.DEADLINE_EXCEEDED, trapKind(() -> inst.function("constant")
                .call()));
        store.clearDeadline();
        assertEquals(7, inst.function("constant").callForLong());
    }

    @Test
    void aDeadlineInThePastAppliesAtOnceAndAFarOneDoesNot() {
        var store = new Store(engine(false));
        Instance inst = Internals.instantiate(new Linker(), store, counting().build());
        store.setDeadline(Instant.now().minusSeconds(1));
        assertEquals(TrapKind.DEADLINE_EXCEEDED, trapKind(() -> inst.function("constant")
                .call()));
        store.setDeadline(Instant.now().plusSeconds(3600)); // replaces the passed one
        assertEquals(1000, inst.function("count").callForLong(1000));
        store.close(); // cancels the timer
    }

    @Test
    void anInterruptIsNotADeadline() throws InterruptedException {
        var store = new Store(engine(true));
        Instance inst = Internals.instantiate(new Linker(), store, counting().build());
        store.setFuel(Long.MAX_VALUE);
        store.setDeadline(Instant.now().plusSeconds(3600));
        var timer = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            store.interrupt();
        });
        assertEquals(TrapKind.INTERRUPTED, trapKind(() -> inst.function("spin").call()));
        timer.join();
        store.resume();
        assertEquals(3, inst.function("count").callForLong(3));
        store.clearDeadline();
    }
}
