package dev.jwasm.internal.validate;

import static dev.jwasm.internal.validate.ToyType.BOT;
import static dev.jwasm.internal.validate.ToyType.F32;
import static dev.jwasm.internal.validate.ToyType.FUNCREF;
import static dev.jwasm.internal.validate.ToyType.I32;
import static dev.jwasm.internal.validate.ToyType.I64;
import static dev.jwasm.internal.validate.ToyType.REF_FUNC;
import static dev.jwasm.internal.validate.ToyType.V128;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OperandCheckerTest {
    private static OperandChecker<ToyType> function(List<ToyType> locals, int params, List<ToyType> results) {
        var checker = new OperandChecker<>(ToyType.OPS, locals, params);
        checker.pushCtrl(FrameKind.FUNCTION, List.of(), results);
        return checker;
    }

    private static void assertFails(String message, Runnable action) {
        var failure = assertThrows(ValidationFailure.class, action::run);
        assertEquals(message, failure.getMessage());
    }

    @Test
    void popOfAWrongTypeNamesBothTypes() {
        var c = function(List.of(), 0, List.of());
        c.pushVal(I64);
        assertFails("type mismatch: instruction requires [i32] but stack has [i64]", () -> c.popVal(I32));
    }

    @Test
    void popFromAnEmptyReachableFrameFails() {
        var c = function(List.of(), 0, List.of());
        assertFails("type mismatch: instruction requires [i32] but stack has []", () -> c.popVal(I32));
    }

    @Test
    void popCannotReachIntoTheEnclosingBlock() {
        var c = function(List.of(), 0, List.of());
        c.pushVal(I32);
        c.pushCtrl(FrameKind.BLOCK, List.of(), List.of());
        assertFails("type mismatch: instruction requires [i32] but stack has []", () -> c.popVal(I32));
    }

    @Test
    void afterUnreachableTheStackIsPolymorphic() {
        var c = function(List.of(), 0, List.of(I32));
        c.pushVal(F32);
        c.unreachable();
        assertNull(c.popVal(I64), "unknown matches any type");
        assertEquals(BOT, c.popRef(), "a reference popped from nothing is the bottom reference");
        c.pushVal(I32);
        assertEquals(FrameKind.FUNCTION, c.popCtrl().kind());
    }

    @Test
    void unreachableStillChecksValuesPushedAfterIt() {
        var c = function(List.of(), 0, List.of(I32));
        c.unreachable();
        c.pushVal(I64);
        assertFails("type mismatch: instruction requires [i32] but stack has [i64]", c::popCtrl);
    }

    @Test
    void blockEndRejectsLeftoverValues() {
        var c = function(List.of(), 0, List.of());
        c.pushCtrl(FrameKind.BLOCK, List.of(), List.of());
        c.pushVal(I32);
        assertFails("type mismatch: block requires [] but stack has [i32]", c::popCtrl);
    }

    @Test
    void subtypesMatchTheirSupertypesButNotTheReverse() {
        var c = function(List.of(), 0, List.of());
        c.pushVal(REF_FUNC);
        assertEquals(REF_FUNC, c.popVal(FUNCREF));
        c.pushVal(FUNCREF);
        assertFails(
                "type mismatch: instruction requires [(ref func)] but stack has [funcref]", () -> c.popVal(REF_FUNC));
    }

    @Test
    void popRefRejectsNumbers() {
        var c = function(List.of(), 0, List.of());
        c.pushVal(I32);
        assertFails("type mismatch: instruction requires a reference but stack has [i32]", c::popRef);
    }

    @Test
    void loopLabelsCarryParametersOtherBlocksResults() {
        var c = function(List.of(), 0, List.of());
        c.pushVal(I32);
        // As the spec's "loop" rule does: pop the parameters, then open the frame, which re-pushes them.
        c.popVals(List.of(I32));
        var loop = c.pushCtrl(FrameKind.LOOP, List.of(I32), List.of(I64));
        assertEquals(List.of(I32), loop.labelTypes());
        var block = c.pushCtrl(FrameKind.BLOCK, List.of(), List.of(I64));
        assertEquals(List.of(I64), block.labelTypes());
        assertEquals(0, loop.height(), "the loop frame starts below its parameter");
        assertEquals(1, block.height());
    }

    @Test
    void branchDepthsBeyondTheOpenFramesAreUnknownLabels() {
        var c = function(List.of(), 0, List.of());
        c.pushCtrl(FrameKind.BLOCK, List.of(), List.of());
        assertEquals(FrameKind.FUNCTION, c.frame(1).kind());
        assertFails("unknown label", () -> c.frame(2));
        assertFails("unknown label", () -> c.br(5));
    }

    @Test
    void brIfKeepsTheLabelValuesAndBrMakesTheRestDead() {
        var c = function(List.of(), 0, List.of(I64));
        c.pushVal(I64);
        c.pushVal(I32);
        c.brIf(0);
        assertEquals(1, c.stackHeight());
        c.br(0);
        assertTrue(c.top().unreachable());
        assertEquals(0, c.stackHeight());
        c.popCtrl();
    }

    @Test
    void brTableRequiresEqualArities() {
        var c = function(List.of(), 0, List.of(I32));
        c.pushCtrl(FrameKind.BLOCK, List.of(), List.of());
        c.pushVal(I32);
        c.pushVal(I32);
        assertFails("type mismatch: br_table targets have different arities", () -> c.brTable(new int[] {0}, 1));
    }

    @Test
    void brTableChecksOperandsAgainstEveryTarget() {
        var c = function(List.of(), 0, List.of(FUNCREF));
        c.pushCtrl(FrameKind.BLOCK, List.of(), List.of(REF_FUNC));
        c.pushVal(FUNCREF);
        c.pushVal(I32);
        // The function label accepts funcref, the block wants (ref func): rejected.
        assertFails(
                "type mismatch: instruction requires [(ref func)] but stack has [funcref]",
                () -> c.brTable(new int[] {1}, 0));
    }

    @Test
    void untypedSelectNeedsEqualNumericOperands() {
        var c = function(List.of(), 0, List.of());
        c.pushVal(I32);
        c.pushVal(I64);
        c.pushVal(I32);
        assertFails("type mismatch: select operands are i32 and i64", c::selectUntyped);

        var d = function(List.of(), 0, List.of());
        d.pushVal(FUNCREF);
        d.pushVal(FUNCREF);
        d.pushVal(I32);
        assertFails("type mismatch: select without a type requires numeric or vector operands", d::selectUntyped);

        var e = function(List.of(), 0, List.of());
        e.unreachable();
        e.pushVal(V128);
        e.pushVal(I32);
        assertEquals(V128, e.selectUntyped(), "the known operand's type wins over unknown");
    }

    @Test
    void nonDefaultableLocalsMustBeSetBeforeUseAndOnlyWithinTheSettingBlock() {
        // local 0 is a parameter, 1 a defaultable i32, 2 a non-defaultable (ref func).
        var c = function(List.of(REF_FUNC, I32, REF_FUNC), 1, List.of());
        assertEquals(REF_FUNC, c.getLocal(0));
        assertEquals(I32, c.getLocal(1));
        assertFails("uninitialized local 2", () -> c.getLocal(2));
        c.pushCtrl(FrameKind.BLOCK, List.of(), List.of());
        c.setLocal(2);
        assertEquals(REF_FUNC, c.getLocal(2));
        c.popCtrl();
        assertFails("uninitialized local 2", () -> c.getLocal(2));
        assertFails("unknown local 3", () -> c.getLocal(3));
        assertFails("unknown local -1", () -> c.setLocal(-1));
    }

    @Test
    void anUnknownLeftOnTheStackMatchesWhatIsExpectedOfIt() {
        var c = function(List.of(), 0, List.of());
        c.unreachable();
        c.pushVal(I32);
        assertNull(c.selectUntyped(), "select of two unknowns is unknown");
        assertNull(c.popVal(I64), "and that unknown matches i64");
    }

    @Test
    void brIfLeavesTheLabelTypesNotTheActualOnes() {
        // WebAssembly/gc#516: after br_if to a funcref label, a (ref func) operand is only a funcref.
        var c = function(List.of(), 0, List.of(FUNCREF));
        c.pushVal(REF_FUNC);
        c.pushVal(I32);
        c.brIf(0);
        assertEquals(FUNCREF, c.peek(0));
        assertFails(
                "type mismatch: instruction requires [(ref func)] but stack has [funcref]", () -> c.popVal(REF_FUNC));
    }
}
