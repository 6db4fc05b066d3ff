package dev.jwasm.it.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jwasm.api.Engine;
import dev.jwasm.api.Instance;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Store;
import dev.jwasm.api.WasmException;
import dev.jwasm.wat.Wat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each divergence the binaryen differential test found, reduced by hand to the construct that
 * diverged, on both executors. Expected values are worked out from the spec, not from jwasm.
 */
class FuzzRegressionTest {
    private static final long LOW = 0x1122334455667788L;
    private static final long HIGH = 0x99AABBCCDDEEFF00L;

    private static Instance instantiate(Store store, String wat) {
        return new Linker().instantiate(store, store.engine().decode(Wat.toBinary(wat)));
    }

    /**
     * Found: the interpreter refused any function that throws or catches a tag with a v128
     * parameter ("does not support v128 exception payloads yet"), so a valid module failed to
     * run. A v128 payload must survive throw, try_table's catch, the legacy catch, and the host.
     */
    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void v128ExceptionPayloadsRoundTrip(String executor) {
        var wat = """
                (module
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
                  (func (export "escapes") (call $throw)))
                """.formatted(LOW, HIGH);
        try (var engine = Engine.builder().executor(executor).build();
                var store = new Store(engine)) {
            var instance = instantiate(store, wat);
            long[] expected = {7, LOW, HIGH, -3};
            assertArrayEquals(expected, instance.function("try_table").call());
            assertArrayEquals(expected, instance.function("legacy").call());
            var thrown = assertThrows(
                    WasmException.class, () -> instance.function("escapes").call());
            assertArrayEquals(expected, thrown.payload());
        }
    }
}
