package dev.jwasm.exec.jit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.Instance;
import dev.jwasm.api.Store;
import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.internal.access.Internals;
import dev.jwasm.spi.runtime.StoreState;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.SwitchPoint;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The stop check compiled code runs at entries and back-edges answers "no" without reading the
 * store while no store was ever stopped, and reads the store's flag from the first stop on.
 */
class StopCheckTest {
    private static final String SPIN = """
            (module
              (func (export "count") (param i32) (result i32) (local i32)
                (loop
                  (local.set 1 (i32.add (local.get 1) (i32.const 1)))
                  (br_if 0 (i32.lt_u (local.get 1) (local.get 0))))
                (local.get 1))
              (func (export "spin") (loop (br 0))))
            """;

    @Test
    void theGuardIgnoresTheStoreUntilItsSwitchPointIsInvalidated() throws Throwable {
        var stopped = new Store(Jit.engine(false));
        stopped.interrupt();
        StoreState stoppedState = Internals.state(stopped);
        StoreState running = Internals.state(new Store(Jit.engine(false)));
        var noStopYet = new SwitchPoint();
        MethodHandle check = StopCheck.guard(noStopYet);

        assertFalse((boolean) check.invokeExact(stoppedState));
        SwitchPoint.invalidateAll(new SwitchPoint[] {noStopYet});
        assertTrue((boolean) check.invokeExact(stoppedState));
        assertFalse((boolean) check.invokeExact(running));
    }

    @Test
    void aStopInvalidatesTheSwitchPointTheCompiledChecksUse() {
        new Store(Jit.engine(false)).interrupt();
        assertTrue(StoreState.noStopYet().hasBeenInvalidated());
    }

    @Test
    void aLoopCompiledHotStillStopsOnAnInterrupt() throws InterruptedException {
        var store = new Store(Jit.engine(false));
        Instance inst = Jit.instance(store, SPIN);
        // Hot enough for HotSpot to compile the loop with the check as it stands now.
        for (int i = 0; i < 20_000; i++) {
            assertEquals(500, inst.function("count").callForLong(500));
        }
        var interrupter = Jit.interruptAfter(store, 100);
        var trap = assertThrows(Trap.class, () -> inst.function("spin").call());
        assertEquals(TrapKind.INTERRUPTED, trap.kind());
        assertTrue(interrupter.join(Duration.ofSeconds(10)));
        var fresh = Jit.instance(store, SPIN);
        assertThrows(Trap.class, () -> fresh.function("count").callForLong(5), "the store stays interrupted");
        store.resume();
        assertEquals(5, fresh.function("count").callForLong(5));
    }
}
