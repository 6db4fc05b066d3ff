package dev.jwasm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.Engine;
import dev.jwasm.wat.WastOutcome;
import dev.jwasm.wat.WastRunner;
import dev.jwasm.wat.WastScript;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code assert_exception} passes only on an uncaught Wasm exception: not a return, not a trap. */
class WastExceptionAssertionTest {
    private static List<WastOutcome> run(String script) {
        try (var runner = new WastRunner(
                Engine.builder().executor("interp").memory("heap").build())) {
            return WastScript.parse(script, "t.wast").commands().stream()
                    .map(runner::run)
                    .toList();
        }
    }

    @Test
    void onlyAnUncaughtExceptionSatisfiesIt() {
        var outcomes = run("""
                (module
                  (tag $e (param i32))
                  (func (export "throws") (throw $e (i32.const 1)))
                  (func (export "returns"))
                  (func (export "traps") unreachable)
                  (func (export "catches") (block $h (try_table (catch_all $h) (throw $e (i32.const 2))))))
                (assert_exception (invoke "throws"))
                (assert_exception (invoke "returns"))
                (assert_exception (invoke "traps"))
                (assert_exception (invoke "catches"))
                """);
        assertEquals(WastOutcome.passed(), outcomes.get(0));
        assertEquals(WastOutcome.passed(), outcomes.get(1));
        assertEquals(WastOutcome.failed("an uncaught exception", "a normal return"), outcomes.get(2));
        assertEquals(WastOutcome.Status.FAILED, outcomes.get(3).status());
        assertTrue(
                outcomes.get(3).detail().contains("unreachable"),
                outcomes.get(3).detail());
        assertEquals(WastOutcome.failed("an uncaught exception", "a normal return"), outcomes.get(4));
    }
}
