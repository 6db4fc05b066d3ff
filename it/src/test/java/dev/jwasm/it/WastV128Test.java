package dev.jwasm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jwasm.api.Engine;
import dev.jwasm.wat.WastCommand;
import dev.jwasm.wat.WastOutcome;
import dev.jwasm.wat.WastRunner;
import dev.jwasm.wat.WastScript;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The spec runner's v128 handling: {@code v128.const} arguments cross as two longs and results
 * compare lane by lane, with the NaN patterns per float lane. Each script's last command is the
 * one under test; the ones before it must pass.
 */
class WastV128Test {
    private static final String MODULE = """
            (module
              (func (export "id") (param v128) (result v128) (local.get 0))
              (func (export "pair") (param i32 v128) (result v128 i32) (local.get 1) (local.get 0))
              (global (export "g") v128 (v128.const i32x4 1 2 3 4))
              (func (export "nan") (result v128)
                (f32x4.div (v128.const f32x4 0 1 0 1) (v128.const f32x4 0 1 0 1))))
            """;

    private static WastOutcome.Status last(String assertion) {
        var commands = WastScript.parse(MODULE + assertion, "v128.wast").commands();
        List<WastOutcome> outcomes = new ArrayList<>();
        try (var runner = new WastRunner(
                Engine.builder().executor("interp").memory("heap").build())) {
            for (WastCommand c : commands) {
                outcomes.add(runner.run(c));
            }
        }
        for (int i = 0; i < outcomes.size() - 1; i++) {
            assertEquals(
                    WastOutcome.Status.PASSED,
                    outcomes.get(i).status(),
                    outcomes.get(i).detail());
        }
        return outcomes.getLast().status();
    }

    @Test
    void v128ArgumentsAndResultsRoundTrip() {
        assertEquals(
                WastOutcome.Status.PASSED,
                last("(assert_return (invoke \"id\" (v128.const i8x16 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 -1))"
                        + " (v128.const i16x8 0x0201 0x0403 0x0605 0x0807 0x0a09 0x0c0b 0x0e0d 0xff0f))"));
        assertEquals(
                WastOutcome.Status.FAILED,
                last("(assert_return (invoke \"id\" (v128.const i64x2 1 2)) (v128.const i64x2 1 3))"));
    }

    @Test
    void aV128AmongOtherValuesKeepsItsPlace() {
        assertEquals(
                WastOutcome.Status.PASSED,
                last("(assert_return (invoke \"pair\" (i32.const 7) (v128.const i32x4 -1 0 0 -2))"
                        + " (v128.const i32x4 -1 0 0 -2) (i32.const 7))"));
    }

    @Test
    void v128GlobalsAreRead() {
        assertEquals(
                WastOutcome.Status.PASSED,
                last("(assert_return (get \"g\") (v128.const i64x2 0x200000001 0x400000003))"));
    }

    @Test
    void nanPatternsApplyPerLane() {
        // 0/0 is a NaN (canonical here), 1/1 is 1.
        assertEquals(
                WastOutcome.Status.PASSED,
                last("(assert_return (invoke \"nan\") (v128.const f32x4 nan:canonical 1 nan:arithmetic 1))"));
        assertEquals(
                WastOutcome.Status.FAILED,
                last("(assert_return (invoke \"nan\") (v128.const f32x4 nan:canonical nan:canonical 0 1))"));
    }
}
