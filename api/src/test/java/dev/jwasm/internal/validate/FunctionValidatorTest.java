package dev.jwasm.internal.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.code.BlockType;
import dev.jwasm.api.code.Catch;
import dev.jwasm.api.code.InstructionVisitor;
import dev.jwasm.api.code.Opcode;
import dev.jwasm.api.model.AddressType;
import dev.jwasm.api.model.ArrayType;
import dev.jwasm.api.model.CompositeType;
import dev.jwasm.api.model.FieldType;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.GlobalType;
import dev.jwasm.api.model.HeapType;
import dev.jwasm.api.model.Limits;
import dev.jwasm.api.model.MemoryType;
import dev.jwasm.api.model.PackedType;
import dev.jwasm.api.model.RecGroup;
import dev.jwasm.api.model.RefType;
import dev.jwasm.api.model.StructType;
import dev.jwasm.api.model.SubType;
import dev.jwasm.api.model.TableType;
import dev.jwasm.api.model.TagType;
import dev.jwasm.api.model.ValType;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Function-body rules, driving the validator as the decoder would. The module context: types
 * 0 = [] -> [], 1 = [i32] -> [i32], 2 = [] -> [i32], 3 = struct {mut i32, i8}, 4 = array (mut i32),
 * 5 = immutable array of i8, 6 = [i32] -> [] (the tag's type); function 0 has type 1 and function 1 type 0 (only 0 is declared for
 * ref.func); one funcref table, one i32 memory, globals 0 (immutable i32) and 1 (mutable i64),
 * tag 0 carrying an i32, one funcref element segment, one data segment.
 */
class FunctionValidatorTest {
    private static final FuncType VOID = FuncType.of(List.of(), List.of());
    private static final FuncType I32_TO_I32 = FuncType.of(List.of(ValType.I32), List.of(ValType.I32));
    private static final FuncType TO_I32 = FuncType.of(List.of(), List.of(ValType.I32));

    private static final ModuleContext CTX = new ModuleContext(
            DefinedTypes.of(List.of(
                    single(VOID),
                    single(I32_TO_I32),
                    single(TO_I32),
                    single(new StructType(
                            List.of(new FieldType(ValType.I32, true), new FieldType(PackedType.I8, false)))),
                    single(new ArrayType(new FieldType(ValType.I32, true))),
                    single(new ArrayType(new FieldType(PackedType.I8, false))),
                    single(FuncType.of(List.of(ValType.I32), List.of())))),
            List.of(1, 0),
            List.of(new TableType(RefType.FUNCREF, Limits.of(1), AddressType.I32)),
            List.of(MemoryType.of(1, 2)),
            List.of(new GlobalType(ValType.I32, false), new GlobalType(ValType.I64, true)),
            List.of(new TagType(6)),
            List.of(RefType.FUNCREF),
            1,
            Set.of(0));

    private static RecGroup single(CompositeType composite) {
        return new RecGroup(List.of(SubType.of(composite)));
    }

    private static FunctionValidator function(int typeIndex, ValType... locals) {
        return new FunctionValidator(CTX, typeIndex, List.of(locals), null);
    }

    private static void assertInvalid(String message, FunctionValidator f, Consumer<FunctionValidator> body) {
        var failure = assertThrows(ValidationFailure.class, () -> body.accept(f));
        assertEquals(message, failure.getMessage());
    }

    @Test
    void aWellTypedBodyEndsTheFunction() {
        var f = function(1);
        f.visitLocal(Opcode.LOCAL_GET, 0);
        f.visitI32Const(1);
        f.visitSimple(Opcode.I32_ADD);
        assertFalse(f.finished());
        f.visitSimple(Opcode.END);
        assertTrue(f.finished());
    }

    @Test
    void fixedSignaturesComeFromTheOpcodeTable() {
        assertInvalid("type mismatch: instruction requires [i64] but stack has [i32]", function(0), f -> {
            f.visitI32Const(1);
            f.visitI32Const(2);
            f.visitSimple(Opcode.I64_ADD);
        });
        assertInvalid("type mismatch: instruction requires [f32] but stack has []", function(0), f -> {
            f.visitSimple(Opcode.F32_NEG);
        });
    }

    @Test
    void theFunctionResultMustBeLeftExactly() {
        assertInvalid("type mismatch: instruction requires [i32] but stack has [i64]", function(2), f -> {
            f.visitI64Const(1);
            f.visitSimple(Opcode.END);
        });
        assertInvalid("type mismatch: block requires [i32] but stack has [i32 i32]", function(2), f -> {
            f.visitI32Const(1);
            f.visitI32Const(1);
            f.visitSimple(Opcode.END);
        });
    }

    @Test
    void nothingMayFollowTheFinalEnd() {
        assertInvalid("operators remaining after end of function", function(0), f -> {
            f.visitSimple(Opcode.END);
            f.visitSimple(Opcode.NOP);
        });
    }

    @Test
    void unknownIndexesAreNamed() {
        assertInvalid("unknown local 1", function(1), f -> f.visitLocal(Opcode.LOCAL_GET, 1));
        assertInvalid("unknown global 2", function(0), f -> f.visitGlobal(Opcode.GLOBAL_GET, 2));
        assertInvalid("unknown function 2", function(0), f -> f.visitFunction(Opcode.CALL, 2));
        assertInvalid("unknown table 1", function(0), f -> f.visitTable(Opcode.TABLE_SIZE, 1));
        assertInvalid("unknown memory 1", function(0), f -> f.visitMemoryIndex(Opcode.MEMORY_SIZE, 1));
        assertInvalid("unknown type 9", function(0), f -> f.visitBlock(Opcode.BLOCK, new BlockType.TypeIndex(9)));
        assertInvalid("unknown label", function(0), f -> f.visitLabel(Opcode.BR, 1));
        assertInvalid("unknown tag 1", function(0), f -> f.visitTag(Opcode.THROW, 1));
        assertInvalid("unknown elem segment 1", function(0), f -> f.visitElem(Opcode.ELEM_DROP, 1));
        assertInvalid("unknown data segment 1", function(0), f -> f.visitData(Opcode.DATA_DROP, 1));
    }

    @Test
    void immutableGlobalsCannotBeSet() {
        assertInvalid("immutable global", function(0), f -> {
            f.visitI32Const(0);
            f.visitGlobal(Opcode.GLOBAL_SET, 0);
        });
        var ok = function(0);
        ok.visitI64Const(0);
        ok.visitGlobal(Opcode.GLOBAL_SET, 1);
        ok.visitSimple(Opcode.END);
        assertTrue(ok.finished());
    }

    @Test
    void alignmentIsAtMostNaturalAndOffsetsFitAThirtyTwoBitMemory() {
        assertInvalid("alignment must not be larger than natural", function(0), f -> {
            f.visitI32Const(0);
            f.visitMemory(Opcode.I32_LOAD, 0, 3, 0);
        });
        assertInvalid("offset out of range", function(0), f -> {
            f.visitI32Const(0);
            f.visitMemory(Opcode.I32_LOAD8_U, 0, 0, 1L << 32);
        });
        var f = function(2);
        f.visitI32Const(0);
        f.visitMemory(Opcode.I32_LOAD, 0, 2, 0xFFFF_FFFFL);
        f.visitSimple(Opcode.END);
        assertTrue(f.finished());
    }

    @Test
    void storesPopTheValueThenTheAddress() {
        assertInvalid("type mismatch: instruction requires [i64] but stack has [i32]", function(0), f -> {
            f.visitI64Const(0);
            f.visitI32Const(1);
            f.visitMemory(Opcode.I64_STORE, 0, 3, 0);
        });
    }

    @Test
    void ifWithoutElseMustPassItsParametersThrough() {
        assertInvalid("type mismatch: if without else must have matching parameters and results", function(0), f -> {
            f.visitI32Const(0);
            f.visitBlock(Opcode.IF, new BlockType.Value(ValType.I32));
            f.visitI32Const(1);
            f.visitSimple(Opcode.END);
        });
    }

    @Test
    void elseChecksTheThenArmAndRestartsWithTheParameters() {
        var f = function(1);
        f.visitLocal(Opcode.LOCAL_GET, 0);
        f.visitLocal(Opcode.LOCAL_GET, 0);
        f.visitBlock(Opcode.IF, new BlockType.TypeIndex(1));
        f.visitSimple(Opcode.ELSE);
        assertEquals(I32_TO_I32, f.blockType());
        f.visitI32Const(1);
        f.visitSimple(Opcode.I32_ADD);
        f.visitSimple(Opcode.END);
        f.visitSimple(Opcode.END);
        assertTrue(f.finished());
        assertInvalid("else without matching if", function(0), g -> g.visitSimple(Opcode.ELSE));
    }

    @Test
    void loopBranchesCarryTheLoopParameters() {
        var f = function(1);
        f.visitLocal(Opcode.LOCAL_GET, 0);
        f.visitBlock(Opcode.LOOP, new BlockType.TypeIndex(1));
        f.visitI32Const(1);
        // br_if 0 inside the loop needs the loop's parameter [i32] below the condition.
        f.visitLabel(Opcode.BR_IF, 0);
        assertEquals(FrameKind.LOOP, f.branchTarget().kind());
        assertEquals(FrameKind.FUNCTION, f.frame(1).kind(), "labels resolve through FunctionState too");
        assertEquals(ValType.I32, f.localType(0));
        f.visitSimple(Opcode.END);
        f.visitSimple(Opcode.END);
        assertTrue(f.finished());
    }

    @Test
    void codeAfterUnreachableIsPolymorphicButStillChecked() {
        var f = function(2);
        f.visitSimple(Opcode.UNREACHABLE);
        f.visitSimple(Opcode.I32_ADD);
        f.visitSimple(Opcode.END);
        assertTrue(f.finished());
        assertInvalid("type mismatch: instruction requires [i32] but stack has [f32]", function(2), g -> {
            g.visitSimple(Opcode.UNREACHABLE);
            g.visitF32Const(0);
            g.visitSimple(Opcode.I32_EQZ);
        });
    }

    @Test
    void selectRules() {
        assertInvalid("invalid result arity", function(0), f -> f.visitSelect(List.of()));
        assertInvalid("invalid result arity", function(0), f -> f.visitSelect(List.of(ValType.I32, ValType.I32)));
        assertInvalid("type mismatch: select without a type requires numeric or vector operands", function(0), f -> {
            f.visitHeapType(Opcode.REF_NULL, HeapType.Abstract.FUNC);
            f.visitHeapType(Opcode.REF_NULL, HeapType.Abstract.FUNC);
            f.visitI32Const(1);
            f.visitSimple(Opcode.SELECT);
        });
        var typed = function(0);
        typed.visitHeapType(Opcode.REF_NULL, HeapType.Abstract.FUNC);
        typed.visitHeapType(Opcode.REF_NULL, HeapType.Abstract.NOFUNC);
        typed.visitI32Const(1);
        typed.visitSelect(List.of(RefType.FUNCREF));
        assertEquals(RefType.FUNCREF, typed.operandType(0));
    }

    @Test
    void refFuncNeedsADeclaration() {
        assertInvalid("undeclared function reference", function(0), f -> f.visitFunction(Opcode.REF_FUNC, 1));
        var f = function(0);
        f.visitFunction(Opcode.REF_FUNC, 0);
        // A defined function's reference is exact (custom descriptors proposal).
        assertEquals(RefType.of(new HeapType.Concrete(1, true)), f.operandType(0), "a typed, non-null reference");
    }

    @Test
    void nonDefaultableLocalsMustBeSetFirst() {
        var nonNullFunc = RefType.of(HeapType.Abstract.FUNC);
        assertInvalid("uninitialized local 0", function(0, nonNullFunc), f -> f.visitLocal(Opcode.LOCAL_GET, 0));
        var f = function(0, nonNullFunc);
        f.visitFunction(Opcode.REF_FUNC, 0);
        f.visitLocal(Opcode.LOCAL_SET, 0);
        f.visitLocal(Opcode.LOCAL_GET, 0);
        assertEquals(nonNullFunc, f.operandType(0));
    }

    @Test
    void tailCallsMustReturnWhatTheCallerReturns() {
        assertInvalid("type mismatch: tail call results [i32] do not match the function's []", function(0), f -> {
            f.visitI32Const(1);
            f.visitFunction(Opcode.RETURN_CALL, 0);
        });
        var f = function(1);
        f.visitLocal(Opcode.LOCAL_GET, 0);
        f.visitFunction(Opcode.RETURN_CALL, 0);
        f.visitSimple(Opcode.END);
        assertTrue(f.finished());
    }

    @Test
    void brOnNullPassesTheNonNullReferenceOn() {
        var f = function(0);
        f.visitHeapType(Opcode.REF_NULL, HeapType.Abstract.FUNC);
        f.visitLabel(Opcode.BR_ON_NULL, 0);
        assertEquals(RefType.of(HeapType.Abstract.FUNC), f.operandType(0));
        assertInvalid("type mismatch: br_on_non_null needs a label ending in a reference", function(0), g -> {
            g.visitHeapType(Opcode.REF_NULL, HeapType.Abstract.FUNC);
            g.visitLabel(Opcode.BR_ON_NON_NULL, 0);
        });
    }

    @Test
    void structAndArrayAccessRules() {
        assertInvalid("immutable field", function(0), f -> {
            f.visitHeapType(Opcode.REF_NULL, new HeapType.Concrete(3));
            f.visitI32Const(1);
            f.visitField(Opcode.STRUCT_SET, 3, 1);
        });
        assertInvalid("type mismatch: packed storage needs get_s or get_u", function(0), f -> {
            f.visitHeapType(Opcode.REF_NULL, new HeapType.Concrete(3));
            f.visitField(Opcode.STRUCT_GET, 3, 1);
        });
        assertInvalid("unknown field 2", function(0), f -> f.visitField(Opcode.STRUCT_GET, 3, 2));
        assertInvalid("immutable array", function(0), f -> f.visitType(Opcode.ARRAY_SET, 5));
        assertInvalid("array types do not match", function(0), f -> f.visitArrayCopy(4, 5));
        var ok = function(2);
        ok.visitI32Const(7);
        ok.visitI32Const(2);
        ok.visitArrayNewFixed(4, 2);
        ok.visitI32Const(0);
        ok.visitType(Opcode.ARRAY_GET, 4);
        ok.visitSimple(Opcode.END);
        assertTrue(ok.finished());
    }

    @Test
    void legacyRethrowMustTargetACatch() {
        assertInvalid("invalid rethrow label", function(0), f -> {
            f.visitBlock(Opcode.TRY, BlockType.EMPTY);
            f.visitLabel(Opcode.RETHROW, 0);
        });
        var f = function(0);
        f.visitBlock(Opcode.TRY, BlockType.EMPTY);
        f.visitTag(Opcode.CATCH, 0);
        assertEquals(ValType.I32, f.operandType(0), "the catch pushes the tag's payload");
        f.visitSimple(Opcode.DROP);
        f.visitLabel(Opcode.RETHROW, 0);
        f.visitSimple(Opcode.END);
        f.visitSimple(Opcode.END);
        assertTrue(f.finished());
    }

    @Test
    void tryTableCatchesMustFitTheirLabels() {
        assertInvalid("type mismatch: catch sends [i32] to a label of []", function(0), f -> {
            f.visitTryTable(BlockType.EMPTY, List.of(new Catch(Catch.Kind.CATCH, 0, 0)));
        });
        var f = function(2);
        f.visitTryTable(BlockType.EMPTY, List.of(new Catch(Catch.Kind.CATCH, 0, 0)));
        f.visitSimple(Opcode.END);
        f.visitI32Const(0);
        f.visitSimple(Opcode.END);
        assertTrue(f.finished());
    }

    @Test
    void laneIndexesAreBoundedByTheShape() {
        assertInvalid("invalid lane index", function(0), f -> {
            f.visitV128Const(0, 0);
            f.visitLane(Opcode.I32X4_EXTRACT_LANE, 4);
        });
        var f = function(2);
        f.visitV128Const(0, 0);
        f.visitLane(Opcode.I32X4_EXTRACT_LANE, 3);
        f.visitSimple(Opcode.END);
        assertTrue(f.finished());
    }

    @Test
    void downstreamSeesOnlyValidatedInstructionsWithTheirState() {
        var seen = new ArrayList<String>();
        var holder = new FunctionValidator[1];
        var downstream = (InstructionVisitor) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {InstructionVisitor.class}, (proxy, method, args) -> {
                    var state = holder[0];
                    seen.add(method.getName() + " " + state.stackHeightBefore() + "->" + state.stackHeight());
                    return null;
                });
        var f = new FunctionValidator(CTX, 1, List.of(), downstream);
        holder[0] = f;
        f.visitLocal(Opcode.LOCAL_GET, 0);
        f.visitBlock(Opcode.BLOCK, BlockType.EMPTY);
        assertNull(f.branchTarget());
        assertThrows(ValidationFailure.class, () -> f.visitSimple(Opcode.I32_ADD));
        assertEquals(List.of("visitLocal 0->1", "visitBlock 1->1"), seen, "the failed i32.add is not forwarded");
    }
}
