package dev.jwasm.exec.jit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.Instance;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Store;
import dev.jwasm.api.WasmException;
import dev.jwasm.api.WasmModule;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.ValType;
import dev.jwasm.wat.Wat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Compiled exception handlers: JVM exception table entries that land where the interpreter would. */
class ExceptionTest {
    private static final String WAT = """
            (module
              (import "env" "fail" (func $fail (param i32)))
              (tag $e (export "e") (param i32))
              (tag $other)
              (func $thrower (param i32) (throw $e (local.get 0)))
              (func (export "payload") (param i32) (result i32)
                (block $h (result i32)
                  (try_table (catch $e $h) (call $thrower (local.get 0)))
                  (i32.const -1)))
              (func (export "fromHost") (param i32) (result i32)
                (block $h (result i32)
                  (try_table (catch $e $h) (call $fail (local.get 0)))
                  (i32.const -1)))
              (func (export "rethrown") (param i32) (result i32)
                (block $outer (result i32)
                  (try_table (catch $e $outer)
                    (block $h (result exnref)
                      (try_table (catch_all_ref $h) (call $thrower (i32.add (local.get 0) (i32.const 1))))
                      (unreachable))
                    (throw_ref))
                  (i32.const -1)))
              (func (export "uncaught") (try_table (catch $other 0) (throw $e (i32.const 5))))
              (func (export "legacy") (param i32) (result i32)
                (try (result i32)
                  (do (call $thrower (local.get 0)) (i32.const -1))
                  (catch $other (i32.const -2))
                  (catch $e (i32.mul (i32.const 10)))))
            )
            """;

    private static Instance instance() {
        var store = new Store(Jit.engine(false));
        // The host throws the module's own tag: its instance is not known yet, so look it up lazily.
        var holder = new Instance[1];
        var linker = new Linker().define("env", "fail", FuncType.of(List.of(ValType.I32), List.of()), args -> {
            throw new WasmException(holder[0].tag("e"), args[0] * 3);
        });
        holder[0] = linker.instantiate(store, WasmModule.decode(Wat.toBinary(WAT)));
        return holder[0];
    }

    @Test
    void handlersCatchWhatTheyShould() {
        Instance inst = instance();
        assertEquals(42, inst.function("payload").callForLong(42));
        assertEquals(21, inst.function("fromHost").callForLong(7));
        assertEquals(9, inst.function("rethrown").callForLong(8));
        assertEquals(40, inst.function("legacy").callForLong(4));
        var e = assertThrows(
                WasmException.class, () -> inst.function("uncaught").call());
        assertEquals(5, e.payload()[0]);
        for (String name : new String[] {"payload", "fromHost", "rethrown", "uncaught", "legacy"}) {
            assertTrue(Jit.compiled(inst, name), name + " is compiled");
        }
    }
}
