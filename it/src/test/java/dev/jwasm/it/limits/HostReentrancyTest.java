package dev.jwasm.it.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jwasm.api.Engine;
import dev.jwasm.api.Instance;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Store;
import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.ValType;
import dev.jwasm.wat.Wat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A host function that calls back into Wasm, which calls the host again, without bound: each
 * round trip is JVM recursion, so this must end in the trap "call stack exhausted", never a
 * StackOverflowError reaching the embedder, and the store must stay usable.
 */
class HostReentrancyTest {
    private static final String WAT = """
            (module
              (import "host" "reenter" (func $reenter (param i32) (result i32)))
              (func (export "f") (param i32) (result i32)
                (call $reenter (i32.add (local.get 0) (i32.const 1))))
              (func (export "ok") (result i32) (i32.const 42)))
            """;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"interp", "jit"})
    void unboundedHostReentryTraps(String executor) {
        try (var engine = Engine.builder().executor(executor).build();
                var store = new Store(engine)) {
            var self = new AtomicReference<Instance>();
            var deepest = new int[1];
            var linker = new Linker()
                    .define("host", "reenter", FuncType.of(List.of(ValType.I32), List.of(ValType.I32)), args -> {
                        deepest[0] = Math.max(deepest[0], (int) args[0]);
                        return self.get().function("f").call(args[0]);
                    });
            self.set(linker.instantiate(store, engine.decode(Wat.toBinary(WAT))));
            var trap = assertThrows(Trap.class, () -> self.get().function("f").call(0));
            assertEquals(TrapKind.CALL_STACK_EXHAUSTED, trap.kind());
            // It went deep before the limit, then the store is still usable.
            assertEquals(true, deepest[0] > 100, "depth reached: " + deepest[0]);
            assertEquals(42, self.get().function("ok").callForLong());
        }
    }
}
