package dev.jwasm.exec.jit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.code.Opcode;
import dev.jwasm.exec.interp.internal.BulkOps;
import dev.jwasm.exec.interp.internal.GcOps;
import dev.jwasm.exec.interp.internal.IrOp;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The JIT classifies every IR operation of the interpreter's table, and every Wasm operator a
 * generic operation can carry: inline, a direct call of its own helper, or (named) interpreted.
 */
class JitOpsTest {
    @Test
    void everyIrOperationIsClassified() {
        var unclassified = new ArrayList<IrOp>();
        for (IrOp op : IrOp.values()) {
            if (JitOps.of(op) == null) {
                unclassified.add(op);
            }
        }
        assertEquals(new ArrayList<IrOp>(), unclassified, "IR operations the JIT does not classify");
    }

    @Test
    void everyOperatorAGenericOperationCarriesIsClassified() {
        var unclassified = new TreeMap<String, IrOp>();
        int carried = 0;
        for (IrOp op : IrOp.values()) {
            if (!op.generic()) {
                continue;
            }
            for (Opcode o : Opcode.values()) {
                if (op.carries(o)) {
                    carried++;
                    if (JitOps.of(op, o) == null) {
                        unclassified.put(o.name(), op);
                    }
                }
            }
        }
        assertTrue(carried > 300, "generic operations carry " + carried + " operators");
        assertEquals(new TreeMap<String, IrOp>(), unclassified, "carried operators the JIT does not classify");
    }

    /** Nothing of the IR stays interpreted, the GC proposal's operations included. */
    @Test
    void noOperationStaysInterpreted() {
        var interpreted = new TreeMap<String, String>();
        for (IrOp op : IrOp.values()) {
            var e = JitOps.of(op);
            if (e != null && e.how() == JitOps.How.INTERPRETED) {
                interpreted.put(op.name(), e.detail());
            }
        }
        assertEquals(new TreeMap<String, String>(), interpreted);
    }

    /** Every GC operator the IR carries calls its own public GcOps method, shared with the interpreter. */
    @Test
    void gcOperatorsCallTheirOwnHelper() {
        int checked = 0;
        var names = new java.util.HashSet<String>();
        for (var m : GcOps.class.getMethods()) {
            if (java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
                names.add(m.getName());
            }
        }
        for (Opcode o : Opcode.values()) {
            if (IrOp.GC.carries(o)) {
                var e = JitOps.of(IrOp.GC, o);
                assertEquals(JitOps.How.HELPER, e.how(), o.name());
                String helper = GcEmitter.helper(o);
                assertEquals("GcOps." + helper, e.detail(), o.name());
                assertTrue(names.contains(helper), o.name() + " -> GcOps." + helper);
                checked++;
            }
        }
        assertTrue(checked >= 28, checked + " GC operators");
    }

    /** Every v128 lane operator the IR carries calls a SimdOps method with the descriptor emitted. */
    @Test
    void simdHelpersExistWithTheirDescriptors() throws ReflectiveOperationException {
        int checked = 0;
        for (IrOp op :
                new IrOp[] {IrOp.SIMD_UNARY, IrOp.SIMD_BINARY, IrOp.SIMD_TERNARY, IrOp.SIMD_TO_V128, IrOp.SIMD_TO_SCALAR
                }) {
            for (Opcode o : Opcode.values()) {
                if (op.carries(o)) {
                    var type = MethodType.fromMethodDescriptorString(
                            SimdCode.descriptor(o), getClass().getClassLoader());
                    Class<?> owner = Class.forName(SimdCode.OWNER.replace('/', '.'));
                    assertNotNull(MethodHandles.publicLookup().findStatic(owner, SimdCode.method(o), type), o.name());
                    checked++;
                }
            }
        }
        assertTrue(checked > 200, checked + " lane operators");
    }

    /** Every method a scalar operator calls (helper or JDK intrinsic) exists with the descriptor the JIT emits. */
    @Test
    void numericHelpersExistWithTheirDescriptors() throws ReflectiveOperationException {
        int helpers = 0;
        for (Opcode o : Opcode.values()) {
            Numerics.Op n = Numerics.of(o);
            if (n == null) {
                continue;
            }
            for (Numerics.Step s : n.code()) {
                if (s instanceof Numerics.Call c) {
                    Class<?> owner = Class.forName(c.owner().replace('/', '.'));
                    var type = MethodType.fromMethodDescriptorString(
                            c.desc(), getClass().getClassLoader());
                    assertNotNull(MethodHandles.publicLookup().findStatic(owner, c.name(), type), o.name());
                }
            }
            if (n.helper() != null) {
                helpers++;
            }
        }
        assertTrue(helpers > 30, helpers + " operators call a helper of their own");
    }

    /**
     * The operators that are a few instructions are emitted as those instructions, not as calls
     * of helpers: in a big function C2 may run out of inlining budget and leave such a call a call.
     */
    @Test
    void bitOperatorsAreInline() {
        for (Opcode o : new Opcode[] {
            Opcode.I64_EXTEND_I32_U,
            Opcode.I64_EXTEND8_S,
            Opcode.I64_EXTEND16_S,
            Opcode.I64_EXTEND32_S,
            Opcode.I32_CLZ,
            Opcode.I64_CTZ,
            Opcode.I64_POPCNT,
            Opcode.F32_ABS,
            Opcode.F32_NEG,
            Opcode.F32_COPYSIGN,
            Opcode.F64_ABS,
            Opcode.F64_NEG,
            Opcode.F64_COPYSIGN
        }) {
            assertNull(Numerics.of(o).helper(), o.name());
        }
    }

    /** Every table/bulk-memory operation the IR carries calls its own method of BulkOps. */
    @Test
    void bulkHelpersExist() throws ReflectiveOperationException {
        int checked = 0;
        Class<?> owner = Class.forName(MemoryEmitter.BULK_OPS.replace('/', '.'));
        var type = MethodType.fromMethodDescriptorString(
                MemoryEmitter.BULK_DESC, getClass().getClassLoader());
        for (Opcode o : Opcode.values()) {
            if (IrOp.BULK.carries(o)) {
                assertNotNull(MethodHandles.lookup().findStatic(owner, BulkOps.methodOf(o), type), o.name());
                checked++;
            }
        }
        assertEquals(12, checked);
    }

    @Test
    void aGenericOperationClassifiesOnlyWhatItCarries() {
        assertNull(JitOps.of(IrOp.BINARY, Opcode.I32_LOAD));
        assertEquals(JitOps.How.HELPER, JitOps.of(IrOp.BINARY, Opcode.I32_DIV_S).how());
        assertEquals(
                "dev/jwasm/api/numeric/IntOps.i32DivS",
                JitOps.of(IrOp.BINARY, Opcode.I32_DIV_S).detail());
        assertEquals(JitOps.How.INLINE, JitOps.of(IrOp.BINARY, Opcode.F32_ADD).how());
        assertEquals(
                JitOps.How.INLINE, JitOps.of(IrOp.LOAD, Opcode.I64_LOAD16_U).how());
        assertEquals(JitOps.How.INLINE, JitOps.of(IrOp.I64_ROTL).how());
    }
}
