package dev.jwasm.internal.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.model.ArrayType;
import dev.jwasm.api.model.CompositeType;
import dev.jwasm.api.model.FieldType;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.HeapType;
import dev.jwasm.api.model.PackedType;
import dev.jwasm.api.model.RecGroup;
import dev.jwasm.api.model.RefType;
import dev.jwasm.api.model.StructType;
import dev.jwasm.api.model.SubType;
import dev.jwasm.api.model.ValType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefinedTypesTest {
    private static RecGroup single(SubType type) {
        return new RecGroup(List.of(type));
    }

    private static SubType open(CompositeType composite, Integer... supers) {
        return new SubType(false, List.of(supers), composite);
    }

    private static RefType ref(int index) {
        return RefType.of(new HeapType.Concrete(index));
    }

    private static StructType struct(ValType... fields) {
        return new StructType(
                List.of(fields).stream().map(t -> new FieldType(t, false)).toList());
    }

    private static void assertInvalid(String message, List<RecGroup> groups) {
        var failure = assertThrows(ValidationFailure.class, () -> DefinedTypes.of(groups));
        assertEquals(message, failure.getMessage());
    }

    @Test
    void structurallyEqualGroupsAreTheSameType() {
        // (type $a (struct (field (ref $a)))) twice: both are self-recursive in the same way.
        var types = DefinedTypes.of(List.of(single(SubType.of(struct(ref(0)))), single(SubType.of(struct(ref(1))))));
        assertEquals(types.canonicalId(0), types.canonicalId(1));
        assertTrue(types.matches(ref(0), ref(1)));
    }

    @Test
    void aReferenceToAnEarlierGroupDiffersFromARecursiveOne() {
        // $0 = struct (ref $0); $1 = struct (ref $0): $1's field points outside its own group.
        var types = DefinedTypes.of(List.of(single(SubType.of(struct(ref(0)))), single(SubType.of(struct(ref(0))))));
        assertNotEquals(types.canonicalId(0), types.canonicalId(1));
    }

    @Test
    void typesInDifferentPositionsOfEqualGroupsDiffer() {
        var group = new RecGroup(List.of(SubType.of(struct()), SubType.of(struct())));
        var types = DefinedTypes.of(List.of(group, group));
        assertEquals(types.canonicalId(0), types.canonicalId(2));
        assertEquals(types.canonicalId(1), types.canonicalId(3));
        assertNotEquals(types.canonicalId(0), types.canonicalId(1), "iso-recursive: position in the group counts");
    }

    @Test
    void declaredSubtypesMatchTheirSupertypesAndAbstractTypes() {
        var types = DefinedTypes.of(
                List.of(single(open(struct(ValType.I32))), single(open(struct(ValType.I32, ValType.F64), 0))));
        assertTrue(types.matches(ref(1), ref(0)));
        assertFalse(types.matches(ref(0), ref(1)));
        assertTrue(types.matches(ref(1), RefType.STRUCTREF));
        assertTrue(types.matches(ref(1), RefType.EQREF));
        assertTrue(types.matches(ref(1), RefType.ANYREF));
        assertFalse(types.matches(ref(1), RefType.FUNCREF));
        assertTrue(types.matches(RefType.NULLREF, RefType.nullable(new HeapType.Concrete(1))));
        assertFalse(types.matches(RefType.NULLREF, ref(1)), "a nullable type never matches a non-nullable one");
        assertFalse(types.matches(RefType.NULLFUNCREF, RefType.nullable(new HeapType.Concrete(1))));
    }

    @Test
    void abstractHierarchiesAreSeparate() {
        var types = DefinedTypes.of(List.of());
        assertTrue(types.matches(RefType.I31REF, RefType.EQREF));
        assertTrue(types.matches(RefType.NULLEXTERNREF, RefType.EXTERNREF));
        assertFalse(types.matches(RefType.EXTERNREF, RefType.ANYREF));
        assertFalse(types.matches(RefType.NULLREF, RefType.FUNCREF));
        assertTrue(types.matches(RefType.NULLEXNREF, RefType.EXNREF));
        assertFalse(types.matches(ValType.I32, ValType.I64));
    }

    @Test
    void functionSubtypingIsContravariantInParameters() {
        var anyToI31 = FuncType.of(List.of(RefType.ANYREF), List.of(RefType.I31REF));
        var eqToEq = FuncType.of(List.of(RefType.EQREF), List.of(RefType.EQREF));
        var types = DefinedTypes.of(List.of(single(open(eqToEq)), single(open(anyToI31, 0))));
        assertTrue(types.matches(ref(1), ref(0)));
        assertInvalid(
                "sub type 1 does not match super type 0", List.of(single(open(anyToI31)), single(open(eqToEq, 0))));
    }

    @Test
    void finalTypesCannotBeExtended() {
        assertInvalid(
                "sub type 1 does not match super type 0",
                List.of(single(SubType.of(struct())), single(open(struct(), 0))));
    }

    @Test
    void theSubtypeMustBeOfTheSameKind() {
        assertInvalid(
                "sub type 1 does not match super type 0",
                List.of(single(open(new ArrayType(new FieldType(PackedType.I8, false)))), single(open(struct(), 0))));
    }

    @Test
    void mutableFieldsAreInvariant() {
        var mutableEq = new ArrayType(new FieldType(RefType.EQREF, true));
        var mutableI31 = new ArrayType(new FieldType(RefType.I31REF, true));
        assertInvalid(
                "sub type 1 does not match super type 0",
                List.of(single(open(mutableEq)), single(open(mutableI31, 0))));
        var immutableEq = new ArrayType(new FieldType(RefType.EQREF, false));
        var immutableI31 = new ArrayType(new FieldType(RefType.I31REF, false));
        var types = DefinedTypes.of(List.of(single(open(immutableEq)), single(open(immutableI31, 0))));
        assertTrue(types.matches(ref(1), ref(0)));
    }

    @Test
    void indexesOutsideTheTypesSoFarAreUnknown() {
        assertInvalid("unknown type 1", List.of(single(SubType.of(struct(ref(1))))));
        assertInvalid(
                "unknown type 1: a super type must be defined before its sub type",
                List.of(new RecGroup(List.of(open(struct(), 1), open(struct())))));
    }

    @Test
    void aRecursionGroupMayReferToLaterMembers() {
        var group = new RecGroup(List.of(SubType.of(struct(ref(1))), SubType.of(struct(ref(0)))));
        var types = DefinedTypes.of(List.of(group));
        assertEquals(2, types.size());
        assertEquals(HeapType.Abstract.STRUCT, types.abstractOf(1));
    }

    @Test
    void lookupsNameTheMissingIndex() {
        var types = DefinedTypes.of(List.of(single(SubType.of(struct()))));
        assertEquals(
                "unknown type 3",
                assertThrows(ValidationFailure.class, () -> types.get(3)).getMessage());
        assertEquals(
                "type mismatch: type 0 is not a function type",
                assertThrows(ValidationFailure.class, () -> types.funcType(0)).getMessage());
    }

    @Test
    void supertypeChainsAreLimitedInDepth() {
        var groups = new ArrayList<RecGroup>();
        groups.add(single(open(struct())));
        for (int i = 1; i <= DefinedTypes.MAX_SUBTYPE_DEPTH; i++) {
            groups.add(single(open(struct(), i - 1)));
        }
        var types = DefinedTypes.of(groups);
        assertTrue(types.matches(ref(DefinedTypes.MAX_SUBTYPE_DEPTH), ref(0)), "63 levels are accepted");
        groups.add(single(open(struct(), DefinedTypes.MAX_SUBTYPE_DEPTH)));
        assertInvalid("sub type hierarchy too deep: more than 63 levels", groups);
    }

    @Test
    void equalGroupsOfTwoModulesShareCanonicalTypes() {
        // Module 1: $t (open func) and $s <: $t; module 2 declares an unrelated type first, then the same two.
        var t = open(FuncType.of(List.of(), List.of(ValType.I32)));
        var s = open(FuncType.of(List.of(), List.of(ValType.I32)), 0);
        var m1 = DefinedTypes.of(List.of(single(t), single(s)));
        var shifted = open(FuncType.of(List.of(), List.of(ValType.I32)), 1);
        var m2 = DefinedTypes.of(List.of(single(open(struct(ValType.F64))), single(t), single(shifted)));
        assertTrue(m1.canonicalType(0) == m2.canonicalType(1), "same $t");
        assertTrue(m1.canonicalType(1) == m2.canonicalType(2), "same $s, its supertype index shifted");
        assertTrue(m2.canonicalType(2).isSubtypeOf(m1.canonicalType(0)));
        assertFalse(m1.canonicalType(0).isSubtypeOf(m2.canonicalType(2)));
    }

    @Test
    void aTooDeepChainIsRejectedAndTheSameShorterChainStillRegisters() {
        // 64 levels below a root is one too many; the same chain one level shorter is still fine after.
        var groups = new ArrayList<RecGroup>();
        groups.add(single(open(struct(ValType.I64, ValType.I64, ValType.I64))));
        for (int i = 1; i <= DefinedTypes.MAX_SUBTYPE_DEPTH + 1; i++) {
            groups.add(single(open(struct(ValType.I64, ValType.I64, ValType.I64), i - 1)));
        }
        assertThrows(ValidationFailure.class, () -> DefinedTypes.of(groups));
        var ok = DefinedTypes.of(groups.subList(0, DefinedTypes.MAX_SUBTYPE_DEPTH + 1));
        assertEquals(
                DefinedTypes.MAX_SUBTYPE_DEPTH,
                ok.canonicalType(DefinedTypes.MAX_SUBTYPE_DEPTH).depth());
    }
}
