package dev.jwasm.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jwasm.api.Engine;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Store;
import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.api.WasmException;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.ValType;
import dev.jwasm.wat.Wat;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntBinaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The README's embedding example, kept compiling and checked here so that the documentation
 * cannot drift from the API.
 */
class EmbeddingExampleTest {
    private static final String PLUGIN = """
            (module
              (import "host" "log" (func $log (param i32)))
              (tag $oops (export "oops") (param i32))
              (func (export "add") (param i32 i32) (result i32)
                (call $log (local.get 0))
                (i32.add (local.get 0) (local.get 1)))
              (func (export "fail") (param i32) (throw $oops (local.get 0)))
              (func $spin (export "spin") (loop $l (br $l)))
              (func (export "divide") (param i32 i32) (result i32)
                (i32.div_s (local.get 0) (local.get 1))))
            """;

    private static final String README_PLUGIN = """
            (module
              (import "env" "log" (func $log (param i32)))
              (func (export "add") (param i32 i32) (result i32)
                (call $log (local.get 0))
                (i32.add (local.get 0) (local.get 1))))
            """;

    /** The README's first screen, printing into {@code out} instead of System.out. */
    @Test
    void theReadmeFirstScreenRuns() {
        var out = new ArrayList<Integer>();
        try (var engine = Engine.create();
                var store = new Store(engine)) {
            var module = engine.decode(Wat.toBinary(README_PLUGIN)); // or the bytes of a .wasm
            var linker = new Linker().define("env", "log", FuncType.of(List.of(ValType.I32), List.of()), args -> {
                out.add((int) args[0]);
                return new long[0];
            });
            IntBinaryOperator add =
                    linker.instantiate(store, module).function("add").asIntBinaryOperator();
            out.add(add.applyAsInt(2, 3));
        }
        assertEquals(List.of(2, 5), out);
    }

    @Test
    void theReadmeExampleRuns() {
        var logged = new StringBuilder();
        try (var engine = Engine.builder().consumeFuel(true).build();
                var store = new Store(engine)) {
            var module = engine.decode(Wat.toBinary(PLUGIN));
            var linker = new Linker().define("host", "log", FuncType.of(List.of(ValType.I32), List.of()), args -> {
                logged.append((int) args[0]);
                return new long[0];
            });
            store.setFuel(10_000);
            var plugin = linker.instantiate(store, module);

            assertEquals(5L, plugin.function("add").callForLong(2, 3));
            assertEquals("2", logged.toString());

            var thrown = assertThrows(
                    WasmException.class, () -> plugin.function("fail").call(42));
            assertEquals(plugin.tag("oops"), thrown.tag());
            assertArrayEquals(new long[] {42}, thrown.payload());

            var outOfFuel =
                    assertThrows(Trap.class, () -> plugin.function("spin").call());
            assertEquals(TrapKind.OUT_OF_FUEL, outOfFuel.kind());
            assertEquals("spin", outOfFuel.wasmStackTrace().getFirst().displayName());

            // A trap leaves the instance usable.
            store.setFuel(10_000);
            var divide =
                    assertThrows(Trap.class, () -> plugin.function("divide").call(1, 0));
            assertEquals("integer divide by zero", divide.getMessage());
            assertEquals(3L, plugin.function("divide").callForLong(7, 2));
        }
    }
}
