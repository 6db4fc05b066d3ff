package dev.jwasm.api.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.model.RefType;
import dev.jwasm.api.model.ValType;
import java.util.List;
import org.junit.jupiter.api.Test;

// Expected codes are from the spec's binary format tables (5.4) and the proposals' overviews.
class OpcodeTest {
    @Test
    void singleByteOpcodesMatchTheSpec() {
        assertSame(Opcode.UNREACHABLE, Opcode.forCode(0, 0x00));
        assertSame(Opcode.I32_ADD, Opcode.forCode(0, 0x6A));
        assertSame(Opcode.F64_COPYSIGN, Opcode.forCode(0, 0xA6));
        assertSame(Opcode.I64_EXTEND32_S, Opcode.forCode(0, 0xC4));
        assertSame(Opcode.TRY_TABLE, Opcode.forCode(0, 0x1F));
        assertSame(Opcode.BR_ON_NON_NULL, Opcode.forCode(0, 0xD6));
        assertSame(Opcode.I64_STORE32, Opcode.forCode(0, 0x3E));
        assertNull(Opcode.forCode(0, 0x27), "0x27 is reserved");
        assertNull(Opcode.forCode(0, 0xFC), "a prefix byte is not an opcode");
    }

    @Test
    void prefixedOpcodesMatchTheSpec() {
        assertSame(Opcode.REF_TEST, Opcode.forCode(Opcode.GC_PREFIX, 20));
        assertSame(Opcode.REF_CAST_NULL, Opcode.forCode(Opcode.GC_PREFIX, 23));
        assertSame(Opcode.I31_GET_U, Opcode.forCode(Opcode.GC_PREFIX, 30));
        assertSame(Opcode.TABLE_FILL, Opcode.forCode(Opcode.MISC_PREFIX, 17));
        assertSame(Opcode.I64_TRUNC_SAT_F64_U, Opcode.forCode(Opcode.MISC_PREFIX, 7));
        assertSame(Opcode.I8X16_SHUFFLE, Opcode.forCode(Opcode.SIMD_PREFIX, 13));
        assertSame(Opcode.F64X2_CONVERT_LOW_I32X4_U, Opcode.forCode(Opcode.SIMD_PREFIX, 255));
        assertSame(Opcode.I32X4_RELAXED_DOT_I8X16_I7X16_ADD_S, Opcode.forCode(Opcode.SIMD_PREFIX, 0x113));
        assertSame(Opcode.I64_ATOMIC_RMW32_CMPXCHG_U, Opcode.forCode(Opcode.ATOMIC_PREFIX, 0x4E));
        assertSame(Opcode.I32_ATOMIC_RMW_ADD, Opcode.forCode(Opcode.ATOMIC_PREFIX, 0x1E));
        assertNull(Opcode.forCode(Opcode.SIMD_PREFIX, 154), "0xFD 154 is reserved");
        assertNull(Opcode.forCode(Opcode.SIMD_PREFIX, 1L << 32));
        assertNull(Opcode.forCode(Opcode.GC_PREFIX, -1));
    }

    @Test
    void everyOpcodeRoundTripsThroughBothLookups() {
        for (Opcode op : Opcode.values()) {
            assertSame(op, Opcode.forCode(op.prefix(), op.code()), op.name());
            Opcode byName = Opcode.forMnemonic(op.mnemonic());
            assertEquals(op.mnemonic(), byName.mnemonic(), op.name());
        }
    }

    @Test
    void variantsShareTheirMnemonicAndLookupGivesThePlainOne() {
        assertSame(Opcode.SELECT, Opcode.forMnemonic("select"));
        assertEquals("select", Opcode.SELECT_TYPED.mnemonic());
        assertSame(Opcode.REF_TEST, Opcode.forMnemonic("ref.test"));
        assertSame(Opcode.REF_CAST, Opcode.forMnemonic("ref.cast"));
        assertNull(Opcode.forMnemonic("i32.plus"));
    }

    @Test
    void fixedSignaturesComeFromTheTable() {
        assertEquals(List.of(ValType.I32, ValType.I32), Opcode.I32_ADD.operands());
        assertEquals(List.of(ValType.I32), Opcode.I32_ADD.results());
        assertEquals(List.of(ValType.F64), Opcode.I64_REINTERPRET_F64.operands());
        assertEquals(List.of(ValType.I64), Opcode.I64_REINTERPRET_F64.results());
        assertEquals(List.of(ValType.V128, ValType.I64), Opcode.I64X2_REPLACE_LANE.operands());
        assertEquals(List.of(ValType.I32), Opcode.V128_ANY_TRUE.results());
        assertEquals(List.of(RefType.EQREF, RefType.EQREF), Opcode.REF_EQ.operands());
        assertEquals(List.of(ValType.I64, ValType.I64), Opcode.MEMORY_ATOMIC_WAIT64.operands());
        assertTrue(Opcode.I32_LOAD.hasFixedSignature());
        assertEquals(List.of(), Opcode.I32_LOAD.operands(), "the address operand is implicit");
        assertFalse(Opcode.CALL.hasFixedSignature());
        assertFalse(Opcode.DROP.hasFixedSignature());
    }

    @Test
    void memoryAccessesKnowTheirNaturalAlignment() {
        assertEquals(4, Opcode.I32_LOAD.accessBytes());
        assertEquals(1, Opcode.I64_LOAD8_U.accessBytes());
        assertEquals(16, Opcode.V128_STORE.accessBytes());
        assertEquals(8, Opcode.V128_LOAD16X4_S.accessBytes());
        assertEquals(2, Opcode.V128_STORE16_LANE.accessBytes());
        assertEquals(4, Opcode.I64_ATOMIC_RMW32_XCHG_U.accessBytes());
        assertEquals(0, Opcode.I32_ADD.accessBytes());
    }

    @Test
    void immediateKindsMatchTheBinaryFormat() {
        assertEquals(Immediates.CALL_INDIRECT, Opcode.RETURN_CALL_INDIRECT.immediates());
        assertEquals(Immediates.MEMARG_LANE, Opcode.V128_LOAD64_LANE.immediates());
        assertEquals(Immediates.TYPE_LENGTH, Opcode.ARRAY_NEW_FIXED.immediates());
        assertEquals(Immediates.BR_ON_CAST, Opcode.BR_ON_CAST_FAIL.immediates());
        assertEquals(Immediates.ATOMIC_FENCE, Opcode.ATOMIC_FENCE.immediates());
        assertEquals(Immediates.MEMORY, Opcode.MEMORY_FILL.immediates());
    }
}
