package dev.jwasm.internal.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.model.ArrayType;
import dev.jwasm.api.model.FieldType;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.HeapType;
import dev.jwasm.api.model.RecGroup;
import dev.jwasm.api.model.RefType;
import dev.jwasm.api.model.StructType;
import dev.jwasm.api.model.SubType;
import dev.jwasm.api.model.ValType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The custom descriptors proposal's type rules: descriptor clauses within a recursion group,
 * their subtyping, their part in type identity, and exact reference types. Expected messages are
 * the proposal testsuite's (descriptors.wast, exact.wast).
 */
class DescriptorTypesTest {
    private static final StructType EMPTY = new StructType(List.of());
    private static final int NONE = SubType.NONE;

    private static SubType type(int describes, int descriptor) {
        return new SubType(true, List.of(), EMPTY, describes, descriptor);
    }

    private static SubType open(List<Integer> supers, int describes, int descriptor) {
        return new SubType(false, supers, EMPTY, describes, descriptor);
    }

    private static RecGroup rec(SubType... types) {
        return new RecGroup(List.of(types));
    }

    private static String invalid(RecGroup... groups) {
        return assertThrows(ValidationFailure.class, () -> DefinedTypes.of(List.of(groups)))
                .getMessage();
    }

    private static RefType ref(int index, boolean exact) {
        return RefType.of(new HeapType.Concrete(index, exact));
    }

    @Test
    void aDescriptorPairInOneGroupIsValid() {
        var types = DefinedTypes.of(List.of(rec(type(NONE, 1), type(0, NONE))));
        assertTrue(types.get(0).hasDescriptor());
        assertEquals(0, types.get(1).describes());
    }

    @Test
    void clausesMustStayInsideTheGroup() {
        // Checked before index ranges: an index past the module is "outside" too.
        assertEquals("descriptor type is outside rec group", invalid(rec(type(NONE, 1))));
        assertEquals("described type is outside rec group", invalid(rec(type(1, NONE))));
        assertEquals("descriptor type is outside rec group", invalid(rec(type(NONE, 1)), rec(type(0, NONE))));
    }

    @Test
    void clausesMustAgree() {
        assertEquals("type is not described by its descriptor", invalid(rec(type(NONE, 1), type(NONE, NONE))));
        assertEquals("described type is not described by descriptor", invalid(rec(type(NONE, NONE), type(0, NONE))));
    }

    @Test
    void aDescribedTypeComesFirst() {
        assertEquals("forward use of described type", invalid(rec(type(1, NONE), type(NONE, 0))));
        assertEquals("forward use of described type", invalid(rec(type(0, 0))));
    }

    @Test
    void onlyStructsHaveClauses() {
        var func = new SubType(true, List.of(), new FuncType(List.of(), List.of()), NONE, 1);
        var array = new SubType(true, List.of(), new ArrayType(new FieldType(ValType.I32, false)), 0, NONE);
        assertEquals("descriptor type must be a struct", invalid(rec(func, type(0, NONE))));
        assertEquals("described type must be a struct", invalid(rec(type(NONE, 1), array)));
    }

    @Test
    void clausesArePartOfTypeIdentity() {
        // Two equal descriptor pairs are the same types; plain structs of the same shape are not.
        var types = DefinedTypes.of(List.of(
                rec(type(NONE, 1), type(0, NONE)),
                rec(type(NONE, 3), type(2, NONE)),
                rec(type(NONE, NONE), type(NONE, NONE))));
        assertEquals(types.canonicalId(0), types.canonicalId(2));
        assertNotEquals(types.canonicalId(0), types.canonicalId(4));
    }

    @Test
    void subtypesKeepTheirSupertypesClauses() {
        // $A (descriptor $A.desc), $A.desc (describes $A), $B sub $A (descriptor $B.desc), $B.desc sub $A.desc.
        DefinedTypes.of(List.of(rec(
                open(List.of(), NONE, 1),
                open(List.of(), 0, NONE),
                open(List.of(0), NONE, 3),
                open(List.of(1), 2, NONE))));
        // A supertype with a descriptor needs a subtype with one.
        assertEquals(
                "sub type 2 does not match super type 0",
                invalid(rec(open(List.of(), NONE, 1), open(List.of(), 0, NONE), open(List.of(0), NONE, NONE))));
        // The subtype's descriptor must be a subtype of the supertype's.
        assertEquals(
                "descriptor type 3 does not match 1",
                invalid(rec(
                        open(List.of(), NONE, 1),
                        open(List.of(), 0, NONE),
                        open(List.of(0), NONE, 3),
                        open(List.of(), 2, NONE))));
        // A described type's supertype must describe the described type's supertype.
        assertEquals(
                "described type 2 does not match 0",
                invalid(rec(
                        open(List.of(), NONE, 1),
                        open(List.of(), 0, NONE),
                        open(List.of(), NONE, 3),
                        open(List.of(1), 2, NONE))));
        // A subtype without a supertype's descriptor is fine the other way round.
        DefinedTypes.of(List.of(rec(open(List.of(), NONE, NONE), open(List.of(0), NONE, 2), open(List.of(), 1, NONE))));
    }

    @Test
    void exactTypesMatchOnlyTheirOwnType() {
        // $super, $sub <: $super, $other equal to $super (canonically the same type).
        var types = DefinedTypes.of(List.of(
                rec(open(List.of(), NONE, NONE)), rec(open(List.of(0), NONE, NONE)), rec(open(List.of(), NONE, NONE))));
        assertTrue(types.matches(ref(1, true), ref(0, false)), "(exact sub) <: super");
        assertFalse(types.matches(ref(1, true), ref(0, true)), "(exact sub) </: (exact super)");
        assertFalse(types.matches(ref(1, false), ref(0, true)), "sub </: (exact super)");
        assertTrue(types.matches(ref(0, true), ref(2, true)), "equal types are the same exact type");
        assertTrue(types.matches(ref(0, true), ref(0, false)), "(exact t) <: t");
        assertFalse(types.matches(ref(0, false), ref(0, true)), "t </: (exact t)");
        assertTrue(types.matches(RefType.of(HeapType.Abstract.NONE), ref(0, true)), "none <: (exact t)");
        assertTrue(types.matches(ref(0, true), RefType.ANYREF), "(exact t) <: any");
        assertFalse(types.matches(RefType.nullable(new HeapType.Concrete(0, true)), ref(0, true)), "nullability");
    }
}
