package dev.jwasm.internal.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.code.Opcode;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.GlobalType;
import dev.jwasm.api.model.RecGroup;
import dev.jwasm.api.model.RefType;
import dev.jwasm.api.model.SubType;
import dev.jwasm.api.model.ValType;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Globals: 0 immutable i32, 1 mutable i32; function 0 of type 0 = [] -> []; nothing declared. */
class ConstantExpressionValidatorTest {
    private static final ModuleContext CTX = new ModuleContext(
            DefinedTypes.of(List.of(new RecGroup(List.of(SubType.of(FuncType.of(List.of(), List.of())))))),
            List.of(0),
            List.of(),
            List.of(),
            List.of(new GlobalType(ValType.I32, false), new GlobalType(ValType.I32, true)),
            List.of(),
            List.of(),
            -1,
            Set.of());

    private static void assertInvalid(String message, Runnable action) {
        assertEquals(message, assertThrows(ValidationFailure.class, action::run).getMessage());
    }

    @Test
    void extendedConstantArithmeticIsAllowedOtherArithmeticIsNot() {
        var ok = new ConstantExpressionValidator(CTX, ValType.I32, 2, new HashSet<>());
        ok.visitI32Const(1);
        ok.visitGlobal(Opcode.GLOBAL_GET, 0);
        ok.visitSimple(Opcode.I32_MUL);
        ok.visitSimple(Opcode.END);
        assertTrue(ok.finished());
        var bad = new ConstantExpressionValidator(CTX, ValType.I32, 2, new HashSet<>());
        bad.visitI32Const(1);
        bad.visitI32Const(2);
        assertInvalid("constant expression required", () -> bad.visitSimple(Opcode.I32_DIV_S));
        assertInvalid("constant expression required", () -> bad.visitLocal(Opcode.LOCAL_GET, 0));
        assertInvalid("constant expression required", () -> bad.visitSimple(Opcode.NOP));
    }

    @Test
    void globalGetNeedsAVisibleImmutableGlobal() {
        var v = new ConstantExpressionValidator(CTX, ValType.I32, 1, new HashSet<>());
        assertInvalid("unknown global 1", () -> v.visitGlobal(Opcode.GLOBAL_GET, 1));
        var w = new ConstantExpressionValidator(CTX, ValType.I32, 2, new HashSet<>());
        assertInvalid("constant expression required", () -> w.visitGlobal(Opcode.GLOBAL_GET, 1));
    }

    @Test
    void refFuncIsAllowedAndRecordedAsADeclaration() {
        var refs = new HashSet<Integer>();
        var v = new ConstantExpressionValidator(CTX, RefType.FUNCREF, 0, refs);
        v.visitFunction(Opcode.REF_FUNC, 0);
        v.visitSimple(Opcode.END);
        assertEquals(Set.of(0), refs);
        var w = new ConstantExpressionValidator(CTX, RefType.FUNCREF, 0, refs);
        assertInvalid("unknown function 1", () -> w.visitFunction(Opcode.REF_FUNC, 1));
    }

    @Test
    void theResultTypeIsChecked() {
        var v = new ConstantExpressionValidator(CTX, ValType.I64, 0, new HashSet<>());
        v.visitI32Const(0);
        assertInvalid("type mismatch: instruction requires [i64] but stack has [i32]", () -> v.visitSimple(Opcode.END));
    }
}
