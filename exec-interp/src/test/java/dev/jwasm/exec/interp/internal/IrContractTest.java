package dev.jwasm.exec.interp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.code.Opcode;
import java.io.IOException;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.instruction.LookupSwitchInstruction;
import java.lang.classfile.instruction.SwitchCase;
import java.lang.classfile.instruction.TableSwitchInstruction;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The IR contract ({@link IrOp}) agrees with the constants the interpreter switches on, with the
 * interpreter's dispatch itself, and with what the lowering emits.
 */
class IrContractTest {
    /** Ir's constants by name (reflection is for this test only; no tier reads names). */
    private static Map<String, Integer> irConstants() throws IllegalAccessException {
        var map = new TreeMap<String, Integer>();
        for (var f : Ir.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                map.put(f.getName(), f.getInt(null));
            }
        }
        return map;
    }

    @Test
    void everyIrConstantHasExactlyOneTableEntryOfItsName() throws IllegalAccessException {
        Map<String, Integer> constants = irConstants();
        assertTrue(constants.size() > 100, "Ir's constants were found: " + constants.size());
        var tableNames = Arrays.stream(IrOp.values()).map(IrOp::name).collect(Collectors.toSet());
        for (var e : constants.entrySet()) {
            assertTrue(tableNames.contains(e.getKey()), "Ir." + e.getKey() + " has no IrOp entry");
            assertEquals(e.getValue(), IrOp.valueOf(e.getKey()).code(), "IrOp." + e.getKey() + "'s code");
        }
        assertEquals(constants.size(), IrOp.values().length, "IrOp entries without an Ir constant");
        var codes = new HashSet<Integer>();
        for (IrOp op : IrOp.values()) {
            assertTrue(codes.add(op.code()), "code " + op.code() + " taken twice");
            assertSame(op, IrOp.of(op.code()));
        }
        assertNull(IrOp.of(-1));
        assertNull(IrOp.of(100_000));
    }

    /** The dispatch loop's switch: exactly the table's codes get a case of their own. */
    @Test
    void dispatchSwitchHandlesExactlyTheTablesCodes() throws IOException {
        byte[] bytes;
        try (var in = Machine.class.getResourceAsStream("Machine.class")) {
            assertNotNull(in, "Machine.class");
            bytes = in.readAllBytes();
        }
        var run = ClassFile.of().parse(bytes).methods().stream()
                .filter(m -> m.methodName().equalsString("run"))
                .findFirst()
                .orElseThrow();
        var code = run.findAttribute(Attributes.code()).orElseThrow();
        // The biggest switch of run is the dispatch on code[pc].
        Set<Integer> keys = Set.of();
        for (var element : code.elementList()) {
            Set<Integer> found = null;
            if (element instanceof TableSwitchInstruction t) {
                // A tableswitch spans its range; only cases with their own target count.
                found = t.cases().stream()
                        .filter(c -> c.target() != t.defaultTarget())
                        .map(SwitchCase::caseValue)
                        .collect(Collectors.toSet());
            } else if (element instanceof LookupSwitchInstruction l) {
                found = l.cases().stream().map(SwitchCase::caseValue).collect(Collectors.toSet());
            }
            if (found != null && found.size() > keys.size()) {
                keys = found;
            }
        }
        var table = Arrays.stream(IrOp.values()).map(IrOp::code).collect(Collectors.toSet());
        assertEquals(
                new TreeMap<>(table.stream()
                        .collect(Collectors.toMap(c -> c, c -> IrOp.of(c).name()))),
                new TreeMap<>(keys.stream().collect(Collectors.toMap(c -> c, c -> String.valueOf(IrOp.of(c))))));
    }

    @Test
    void lengthsFollowTheLayouts() {
        assertEquals(1, IrOp.UNREACHABLE.length(new int[] {Ir.UNREACHABLE}, 0));
        assertEquals(4, IrOp.CONST.fixedLength());
        assertEquals(7, IrOp.LOAD.fixedLength());
        assertEquals(9, IrOp.SIMD_MEM.fixedLength());
        assertEquals(8, IrOp.SHUFFLE.fixedLength());
        // BR_TABLE index count=2: three targets follow.
        int[] brTable = {Ir.BR_TABLE, 5, 2, 10, 20, 30};
        assertTrue(IrOp.BR_TABLE.variadic());
        assertEquals(6, Ir.length(brTable, 0));
        assertEquals(0, Ir.length(new int[] {999}, 0), "an unknown code has no length");
        for (IrOp op : IrOp.values()) {
            assertEquals(op.generic(), op.offsetOf(IrOp.Operand.OPCODE) > 0, op.name());
            if (op.generic()) {
                assertNull(op.wasm(), op + " is generic: its operator comes from the operand");
            }
        }
    }

    @Test
    void specificOperationsNamedAfterAWasmOperatorImplementIt() {
        for (IrOp op : IrOp.values()) {
            Opcode same = Arrays.stream(Opcode.values())
                    .filter(o -> o.name().equals(op.name()))
                    .findFirst()
                    .orElse(null);
            if (same != null && !op.generic() && op.wasm() != null) {
                assertSame(same, op.wasm(), op.name());
            }
        }
        assertSame(Opcode.I64_LE_U, IrOp.JUMP_I64_LE_U.wasm());
    }

    @Test
    void fusedJumpsPairWithTheirNegations() {
        int fused = 0;
        for (IrOp op : IrOp.values()) {
            IrOp jump = op.fusedJump(false);
            if (jump != null) {
                fused++;
                assertSame(op.wasm(), jump.wasm(), op + " fuses to a jump testing the same relation");
                assertSame(jump.negated(), op.fusedJump(true));
                assertSame(jump, jump.negated().negated());
                assertTrue(jump.negated() != jump);
            }
        }
        assertEquals(20, fused);
    }

    @Test
    void emitCheckRejectsWordsAgainstTheLayout() {
        IrOp.checkEmit(new int[] {Ir.COPY, 1, 2});
        IrOp.checkEmit(new int[] {Ir.BR_TABLE, 1, 2});
        assertThrows(IllegalStateException.class, () -> IrOp.checkEmit(new int[] {Ir.COPY, 1}));
        assertThrows(IllegalStateException.class, () -> IrOp.checkEmit(new int[] {Ir.BINARY, 1, 2, 3}));
        assertThrows(IllegalStateException.class, () -> IrOp.checkEmit(new int[] {12345}));
    }

    @Test
    void genericOperationsCarryTheOperatorsTheyRun() {
        assertTrue(IrOp.BINARY.carries(Opcode.I32_DIV_S));
        assertTrue(IrOp.UNARY.carries(Opcode.F64_SQRT));
        assertTrue(IrOp.LOAD.carries(Opcode.I64_LOAD32_U));
        assertTrue(IrOp.STORE.carries(Opcode.F32_STORE));
        assertTrue(IrOp.SIMD_BINARY.carries(Opcode.I8X16_ADD));
        assertTrue(IrOp.SIMD_TO_SCALAR.carries(Opcode.I32X4_EXTRACT_LANE));
        assertTrue(IrOp.SIMD_TO_V128.carries(Opcode.I8X16_SPLAT));
        assertTrue(IrOp.SIMD_MEM.carries(Opcode.V128_LOAD8_LANE));
        assertTrue(IrOp.ATOMIC.carries(Opcode.I32_ATOMIC_RMW_ADD));
        assertTrue(!IrOp.BINARY.carries(Opcode.I8X16_ADD) && !IrOp.UNARY.carries(Opcode.I32_LOAD));
        assertTrue(!IrOp.I32_ADD.carries(Opcode.I32_ADD), "a specific operation carries nothing");
    }
}
