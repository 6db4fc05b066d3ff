package dev.jwasm.exec.jit.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

    private static final long LOW = 0x0123_4567_89ab_cdefL;
    private static final long HIGH = 0xfedc_ba98_7654_3210L;

    /** A v128 payload keeps both halves through throw, catch, catch_ref/throw_ref and a host throw. */
    @Test
    void v128PayloadsKeepTheirHighHalf() {
        var wat = """
                (module
                  (import "env" "fail" (func $fail))
                  (tag $t (export "t") (param i32 v128 i64))
                  (func $throw
                    (throw $t (i32.const 7) (v128.const i64x2 0x%x 0x%x) (i64.const -3)))
                  (func (export "try_table") (result i32 v128 i64)
                    (block $h (result i32 v128 i64)
                      (try_table (catch $t $h) (call $throw))
                      unreachable))
                  (func (export "legacy") (result i32 v128 i64)
                    (try (result i32 v128 i64)
                      (do (call $throw) unreachable)
                      (catch $t)))
                  (func (export "rethrown") (result i32 v128 i64)
                    (block $outer (result i32 v128 i64)
                      (try_table (catch $t $outer)
                        (block $h (result i32 v128 i64 exnref)
                          (try_table (catch_ref $t $h) (call $throw))
                          unreachable)
                        (throw_ref))
                      unreachable))
                  (func (export "fromHost") (result i32 v128 i64)
                    (block $h (result i32 v128 i64)
                      (try_table (catch $t $h) (call $fail))
                      unreachable))
                  (func (export "escapes") (call $throw)))
                """.formatted(LOW, HIGH);
        var store = new Store(Jit.engine(false));
        var holder = new Instance[1];
        var linker = new Linker().define("env", "fail", FuncType.of(List.of(), List.of()), args -> {
            throw new WasmException(holder[0].tag("t"), 7, LOW, HIGH, -3);
        });
        holder[0] = linker.instantiate(store, WasmModule.decode(Wat.toBinary(wat)));
        Instance inst = holder[0];
        long[] expected = {7, LOW, HIGH, -3};
        for (String name : new String[] {"try_table", "legacy", "rethrown", "fromHost"}) {
            assertArrayEquals(expected, inst.function(name).call(), name);
        }
        var e = assertThrows(WasmException.class, () -> inst.function("escapes").call());
        assertArrayEquals(expected, e.payload());
        for (String name : new String[] {"try_table", "legacy", "rethrown", "fromHost", "escapes"}) {
            assertTrue(Jit.compiled(inst, name), name + " is compiled");
        }
    }
}
