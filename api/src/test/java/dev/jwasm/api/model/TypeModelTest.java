package dev.jwasm.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypeModelTest {
    @Test
    void heapTypeCodesMatchSpec532() {
        assertSame(HeapType.Abstract.FUNC, HeapType.Abstract.fromCode(0x70));
        assertSame(HeapType.Abstract.EXTERN, HeapType.Abstract.fromCode(0x6F));
        assertSame(HeapType.Abstract.NOEXN, HeapType.Abstract.fromCode(0x74));
        assertSame(HeapType.Abstract.EXN, HeapType.Abstract.fromCode(0x69));
        assertNull(HeapType.Abstract.fromCode(0x7F));
        assertNull(HeapType.Abstract.fromCode(0x100));
    }

    @Test
    void onlyNullableReferencesAreDefaultable() {
        assertTrue(RefType.FUNCREF.isDefaultable());
        assertFalse(RefType.of(new HeapType.Concrete(3)).isDefaultable());
        assertTrue(ValType.V128.isDefaultable());
        assertEquals("(ref null func)", RefType.FUNCREF.toString());
        assertEquals("(ref 3)", RefType.of(new HeapType.Concrete(3)).toString());
    }

    @Test
    void packedFieldsReadAsI32() {
        assertEquals(ValType.I32, new FieldType(PackedType.I8, true).unpacked());
        assertEquals(ValType.F64, new FieldType(ValType.F64, false).unpacked());
    }

    @Test
    void compositeTypesAreImmutable() {
        var params = new ArrayList<ValType>(List.of(ValType.I32));
        var type = new FuncType(params, List.of());
        params.add(ValType.I64);
        assertEquals(List.of(ValType.I32), type.params());
        assertThrows(UnsupportedOperationException.class, () -> type.results().add(ValType.I32));
        assertTrue(SubType.of(type).isFinal());
        assertThrows(IllegalArgumentException.class, () -> new HeapType.Concrete(-1));
    }
}
