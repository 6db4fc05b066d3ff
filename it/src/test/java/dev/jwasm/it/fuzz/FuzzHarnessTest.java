package dev.jwasm.it.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The differential harness itself: binaryen's output is read as its printer writes it (examples
 * in the format of src/tools/execution-results.h), and the comparison catches a wrong value, a
 * missing trap or an extra log while matching what the spec leaves open.
 */
class FuzzHarnessTest {
    private static final String OUTPUT = """
            [fuzz-exec] export g
            [LoggingExternalInterface logging -5]
            [fuzz-exec] export f
            [LoggingExternalInterface logging 7 -1]
            [LoggingExternalInterface logging -nan:0x7fc70b]
            [fuzz-exec] note result: f => 4094.915
            [fuzz-exec] export v
            [fuzz-exec] note result: v => i32x4 0x7fc00000 0x00000001 0x00000000 0x7ff80000
            [fuzz-exec] export t
            [trap unreachable]
            [fuzz-exec] export e
            [exception thrown: imported-wasm-tag 42]
            warning: no passes specified, not doing any work
            """;

    private static List<FuzzEvent<FuzzValue>> jwasm(FuzzValue fResult, FuzzEvent<FuzzValue> tEvent) {
        return List.of(
                new FuzzEvent.Export<>("g"),
                new FuzzEvent.Logged<>(List.of(new FuzzValue.I32(-5))),
                new FuzzEvent.Export<>("f"),
                // log-i64 of 0xFFFFFFFF_00000007: low, then high, as two i32s.
                new FuzzEvent.Logged<>(List.of(new FuzzValue.I32(7), new FuzzValue.I32(-1))),
                // Another NaN than binaryen's: the spec leaves arithmetic NaN bits open.
                new FuzzEvent.Logged<>(List.of(new FuzzValue.F32(0xFFC00000))),
                new FuzzEvent.Result<>(List.of(fResult)),
                new FuzzEvent.Export<>("v"),
                new FuzzEvent.Result<>(List.of(new FuzzValue.V128(0x00000001_7FC00001L, 0xFFF80000_00000000L))),
                new FuzzEvent.Export<>("t"),
                tEvent,
                new FuzzEvent.Export<>("e"),
                new FuzzEvent.Thrown<>("imported-wasm-tag", List.of(new FuzzValue.I32(42))));
    }

    private static final FuzzValue F_RESULT = new FuzzValue.F64(Double.doubleToRawLongBits(4094.915));
    private static final FuzzEvent<FuzzValue> TRAP = new FuzzEvent.Trapped<>("unreachable executed");

    @Test
    void matchingRunsAgree() {
        var expected = FuzzExecParser.parse(OUTPUT);
        assertEquals(12, expected.size());
        assertEquals(FuzzComparator.firstDifference(expected, jwasm(F_RESULT, TRAP)), Optional.empty());
    }

    @Test
    void aWrongResultIsADivergence() {
        var wrong = new FuzzValue.F64(Double.doubleToRawLongBits(4094.916));
        var d = FuzzComparator.firstDifference(FuzzExecParser.parse(OUTPUT), jwasm(wrong, TRAP));
        assertTrue(d.orElseThrow().contains("in f"), d::get);
    }

    @Test
    void aMissingTrapIsADivergence() {
        var d = FuzzComparator.firstDifference(
                FuzzExecParser.parse(OUTPUT), jwasm(F_RESULT, new FuzzEvent.Logged<>(List.of())));
        assertTrue(d.isPresent());
    }

    @Test
    void nothingAfterAHostLimitIsCompared() {
        var expected = FuzzExecParser.parse("""
                [fuzz-exec] export f
                [host limit interpreter recursion limit]
                [fuzz-exec] export g
                """);
        List<FuzzEvent<FuzzValue>> actual = List.of(new FuzzEvent.Export<>("f"), TRAP);
        assertEquals(Optional.empty(), FuzzComparator.firstDifference(expected, actual));
    }

    @Test
    void floatsAndIntegersMatchExactly() {
        assertTrue(new FuzzValue.F32(Float.floatToRawIntBits(-0.0f)).matches("-0"));
        assertFalse(new FuzzValue.F32(Float.floatToRawIntBits(0.0f)).matches("-0"));
        assertTrue(new FuzzValue.F64(Double.doubleToRawLongBits(Double.MAX_VALUE))
                .matches("1797693134862315708145274e284"));
        assertTrue(new FuzzValue.F32(Float.floatToRawIntBits(Float.NEGATIVE_INFINITY)).matches("-inf"));
        assertFalse(new FuzzValue.F32(Float.floatToRawIntBits(1.0f)).matches("nan"));
        assertTrue(new FuzzValue.I64(Long.MIN_VALUE).matches("-9223372036854775808"));
        assertFalse(new FuzzValue.I32(1).matches("2"));
        // A v128 lane that is not NaN on both sides must be equal.
        assertFalse(new FuzzValue.V128(2, 0).matches("i32x4 0x00000001 0x00000000 0x00000000 0x00000000"));
    }
}
