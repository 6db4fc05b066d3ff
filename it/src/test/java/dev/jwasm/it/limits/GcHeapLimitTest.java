package dev.jwasm.it.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jwasm.api.Engine;
import dev.jwasm.api.JwasmException;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Store;
import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.wat.Wat;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A module that keeps every array it allocates reachable (in a table) must end in the trap "gc
 * heap exhausted" at the engine's {@code maxGcHeapBytes}, not in an OutOfMemoryError. Until the
 * executors run GC objects (the GC heap is being built on its own branch) this skips, saying so.
 */
class GcHeapLimitTest {
    private static final String WAT = """
            (module
              (type $a (array (mut i64)))
              (table $keep 0 (ref null $a))
              (func (export "hoard") (result i32)
                (loop $l
                  (drop (table.grow $keep (array.new_default $a (i32.const 4096)) (i32.const 1)))
                  (br $l))
                (i32.const 0)))
            """;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"interp", "jit"})
    void hoardingArraysTrapsAtTheGcHeapCap(String executor) {
        try (var engine = Engine.builder()
                        .executor(executor)
                        .maxGcHeapBytes(64L << 20)
                        .build();
                var store = new Store(engine)) {
            var instance = new Linker().instantiate(store, engine.decode(Wat.toBinary(WAT)));
            Trap trap;
            try {
                trap = assertThrows(Trap.class, () -> instance.function("hoard").call());
            } catch (org.opentest4j.AssertionFailedError e) {
                if (e.getCause() instanceof JwasmException j && j.getMessage().contains("does not support")) {
                    Assumptions.abort("the " + executor + " executor does not run GC arrays yet: " + j.getMessage());
                }
                throw e;
            }
            assertEquals(TrapKind.GC_HEAP_EXHAUSTED, trap.kind());
        }
    }
}
