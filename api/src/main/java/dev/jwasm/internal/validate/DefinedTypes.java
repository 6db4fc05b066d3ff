package dev.jwasm.internal.validate;

import dev.jwasm.api.model.ArrayType;
import dev.jwasm.api.model.CompositeType;
import dev.jwasm.api.model.FieldType;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.HeapType;
import dev.jwasm.api.model.PackedType;
import dev.jwasm.api.model.RecGroup;
import dev.jwasm.api.model.RefType;
import dev.jwasm.api.model.StorageType;
import dev.jwasm.api.model.StructType;
import dev.jwasm.api.model.SubType;
import dev.jwasm.api.model.ValType;
import dev.jwasm.spi.runtime.CanonicalType;
import dev.jwasm.spi.runtime.StorageKind;
import java.util.ArrayList;
import java.util.List;

/**
 * A module's validated type section: each defined type with its canonical identity under
 * iso-recursive type equivalence, and the subtype relation between value types (spec 3.3.3 and
 * 3.3.4 of Wasm 3.0, "Matching").
 *
 * <p>Canonicalisation (spec 3.2.x, "Rolling and Unrolling"): a recursion group is turned into a
 * key in which every type index pointing into the group itself is replaced by its position in the
 * group and every index pointing to an earlier group by that type's canonical id. Groups with
 * equal keys are the same types, so two type indexes denote equal types exactly when their
 * canonical ids are equal, and equality is an {@code int} comparison. The key reuses the model's
 * own records with those indexes encoded as non-negative numbers (even: canonical id, odd:
 * position in the group), which gives structural {@code equals} for free.
 */
public final class DefinedTypes {
    /**
     * The longest declared supertype chain accepted: a resource limit (the one other engines use)
     * that keeps every subtype check a short walk.
     */
    public static final int MAX_SUBTYPE_DEPTH = 63;

    private final List<SubType> types = new ArrayList<>();
    /** Type index → its canonical type, shared with every other module through the {@link TypeRegistry}. */
    private final List<CanonicalType> canonical = new ArrayList<>();

    private DefinedTypes() {}

    /**
     * Validates the type section group by group: every index in range, at most one supertype
     * declared before the type, not final, and matched structurally (spec 3.2.x "Defined types").
     */
    public static DefinedTypes of(List<RecGroup> recGroups) {
        var defined = new DefinedTypes();
        for (var group : recGroups) {
            defined.add(group);
        }
        return defined;
    }

    private void add(RecGroup group) {
        int base = types.size();
        int end = base + group.types().size();
        DescriptorRules.checkGroup(group, base);
        for (int i = 0; i < group.types().size(); i++) {
            checkIndexes(group.types().get(i), base + i, end);
        }
        var key = new ArrayList<SubType>(group.types().size());
        for (var sub : group.types()) {
            key.add(encode(sub, base, end));
        }
        var subs = group.types();
        var created = TypeRegistry.GLOBAL.intern(key, new TypeRegistry.Shape() {
            @Override
            public CanonicalType supertype(int i, CanonicalType[] made) {
                // Supertypes precede their subtypes (checked above): made earlier in this group, or known.
                var supers = subs.get(i).supertypes();
                if (supers.isEmpty()) {
                    return null;
                }
                int superIndex = supers.getFirst();
                return superIndex >= base ? made[superIndex - base] : canonical.get(superIndex);
            }

            @Override
            public HeapType.Abstract kind(int i) {
                return kindOf(subs.get(i).composite());
            }

            @Override
            public StorageKind[] fields(int i) {
                return switch (subs.get(i).composite()) {
                    case FuncType f -> new StorageKind[0];
                    case StructType s ->
                        s.fields().stream()
                                .map(fd -> StorageKind.of(fd.storage()))
                                .toArray(StorageKind[]::new);
                    case ArrayType a ->
                        new StorageKind[] {StorageKind.of(a.field().storage())};
                };
            }

            @Override
            public boolean[] mutable(int i) {
                List<FieldType> fs =
                        switch (subs.get(i).composite()) {
                            case FuncType f -> List.of();
                            case StructType s -> s.fields();
                            case ArrayType a -> List.of(a.field());
                        };
                boolean[] m = new boolean[fs.size()];
                for (int k = 0; k < m.length; k++) {
                    m[k] = fs.get(k).mutable();
                }
                return m;
            }

            @Override
            public boolean hasDescriptor(int i) {
                return subs.get(i).hasDescriptor();
            }
        });
        for (int i = 0; i < group.types().size(); i++) {
            types.add(group.types().get(i));
            canonical.add(created[i]);
        }
        for (int i = base; i < end; i++) {
            checkSupertype(i);
        }
    }

    /**
     * Every index in range, and supertypes declared before the type itself: checked for the whole
     * group before any structural comparison, so the supertype chains walked later cannot cycle.
     */
    private void checkIndexes(SubType sub, int index, int limit) {
        if (sub.supertypes().size() > 1) {
            throw new ValidationFailure("sub type " + index + " has more than one super type");
        }
        for (int s : sub.supertypes()) {
            checkIndex(s, limit);
            if (s >= index) {
                throw new ValidationFailure("unknown type " + s + ": a super type must be defined before its sub type");
            }
        }
        DescriptorRules.checkStruct(sub);
        switch (sub.composite()) {
            case FuncType f -> {
                f.params().forEach(t -> checkIndex(t, limit));
                f.results().forEach(t -> checkIndex(t, limit));
            }
            case StructType s -> s.fields().forEach(fd -> checkIndex(fd.storage(), limit));
            case ArrayType a -> checkIndex(a.field().storage(), limit);
        }
    }

    private static void checkIndex(StorageType type, int limit) {
        if (type instanceof RefType(var nullable, HeapType.Concrete c)) {
            checkIndex(c.typeIndex(), limit);
        }
    }

    private static void checkIndex(int index, int limit) {
        if (index < 0 || index >= limit) {
            throw new ValidationFailure("unknown type " + index);
        }
    }

    private SubType encode(SubType sub, int base, int end) {
        var supers = sub.supertypes().stream().map(s -> encode(s, base, end)).toList();
        CompositeType composite =
                switch (sub.composite()) {
                    case FuncType f ->
                        new FuncType(encodeAll(f.params(), base, end), encodeAll(f.results(), base, end));
                    case StructType s ->
                        new StructType(s.fields().stream()
                                .map(fd -> encode(fd, base, end))
                                .toList());
                    case ArrayType a -> new ArrayType(encode(a.field(), base, end));
                };
        // Descriptor clauses are part of a type's identity; they always point into the group.
        int describes = sub.hasDescribes() ? encode(sub.describes(), base, end) : SubType.NONE;
        int descriptor = sub.hasDescriptor() ? encode(sub.descriptor(), base, end) : SubType.NONE;
        return new SubType(sub.isFinal(), supers, composite, describes, descriptor);
    }

    private List<ValType> encodeAll(List<ValType> valTypes, int base, int end) {
        return valTypes.stream().map(t -> (ValType) encode(t, base, end)).toList();
    }

    private FieldType encode(FieldType field, int base, int end) {
        return new FieldType(encode(field.storage(), base, end), field.mutable());
    }

    private StorageType encode(StorageType type, int base, int end) {
        if (type instanceof RefType(var nullable, HeapType.Concrete c)) {
            return new RefType(nullable, new HeapType.Concrete(encode(c.typeIndex(), base, end), c.exact()));
        }
        return type;
    }

    private int encode(int index, int base, int end) {
        return index >= base && index < end
                ? 2 * (index - base) + 1
                : 2 * canonical.get(index).id();
    }

    private void checkSupertype(int index) {
        var sub = types.get(index);
        for (int superIndex : sub.supertypes()) {
            var sup = types.get(superIndex);
            String mismatch = "sub type " + index + " does not match super type " + superIndex;
            if (sup.isFinal()) {
                throw new ValidationFailure(mismatch);
            }
            checkDescriptorClauses(sub, sup, mismatch);
            if (!compositeMatches(sub.composite(), sup.composite())) {
                throw new ValidationFailure(mismatch);
            }
        }
    }

    /**
     * The custom descriptors proposal's subtyping of clauses: a subtype describes a type exactly
     * when its supertype does, the described types in the same order; a subtype has a descriptor
     * when its supertype has one, and then a descriptor that is a subtype of the supertype's.
     */
    private void checkDescriptorClauses(SubType sub, SubType sup, String mismatch) {
        if (sub.hasDescribes() != sup.hasDescribes()) {
            throw new ValidationFailure(mismatch);
        }
        if (sub.hasDescribes() && !canonical.get(sub.describes()).isSubtypeOf(canonical.get(sup.describes()))) {
            throw new ValidationFailure("described type " + sub.describes() + " does not match " + sup.describes());
        }
        if (sup.hasDescriptor()) {
            if (!sub.hasDescriptor()) {
                throw new ValidationFailure(mismatch);
            }
            if (!canonical.get(sub.descriptor()).isSubtypeOf(canonical.get(sup.descriptor()))) {
                throw new ValidationFailure(
                        "descriptor type " + sub.descriptor() + " does not match " + sup.descriptor());
            }
        }
    }

    /** The number of types in the module's type index space. */
    public int size() {
        return types.size();
    }

    /** The defined type at {@code index}; "unknown type" if there is none. */
    public SubType get(long index) {
        if (index < 0 || index >= types.size()) {
            throw new ValidationFailure("unknown type " + index);
        }
        return types.get((int) index);
    }

    /** The function type at {@code index}; "unknown type" if absent, "type mismatch" if not a function type. */
    public FuncType funcType(long index) {
        if (get(index).composite() instanceof FuncType f) {
            return f;
        }
        throw new ValidationFailure("type mismatch: type " + index + " is not a function type");
    }

    /** Checks that every type index inside a value type is defined ("unknown type"). */
    public ValType checkDefined(ValType type) {
        checkIndex(type, types.size());
        return type;
    }

    /** The canonical id of a type index: equal ids are equal types (iso-recursive equivalence). */
    public int canonicalId(int index) {
        return canonical.get(index).id();
    }

    /** The canonical type of a type index, the same object in every module that defines an equal type. */
    public CanonicalType canonicalType(int index) {
        return canonical.get(index);
    }

    /** Every type index's canonical type, in index order. */
    public List<CanonicalType> canonicalTypes() {
        return List.copyOf(canonical);
    }

    /** Whether {@code actual} is a subtype of {@code expected} (spec "Matching", value types). */
    public boolean matches(ValType actual, ValType expected) {
        if (actual instanceof RefType a && expected instanceof RefType e) {
            return (e.nullable() || !a.nullable()) && heapMatches(a.heap(), e.heap());
        }
        return actual == expected;
    }

    /**
     * Whether heap type {@code actual} is a subtype of {@code expected} (spec "Matching", heap
     * types). An exact defined type (custom descriptors) is matched only by that same type (up to
     * equivalence) and by the bottom of its hierarchy; it matches what its inexact form matches.
     */
    public boolean heapMatches(HeapType actual, HeapType expected) {
        return switch (actual) {
            case HeapType.Concrete a ->
                switch (expected) {
                    case HeapType.Concrete e
                    when e.exact() -> a.exact() && canonical.get(a.typeIndex()) == canonical.get(e.typeIndex());
                    case HeapType.Concrete e -> canonical.get(a.typeIndex()).isSubtypeOf(canonical.get(e.typeIndex()));
                    case HeapType.Abstract e -> abstractMatches(abstractOf(a.typeIndex()), e);
                };
            case HeapType.Abstract a ->
                switch (expected) {
                    case HeapType.Concrete e -> a == bottomOf(abstractOf(e.typeIndex()));
                    case HeapType.Abstract e -> abstractMatches(a, e);
                };
        };
    }

    /** The abstract heap type directly above a defined type: func, struct or array. */
    public HeapType.Abstract abstractOf(int index) {
        return kindOf(types.get(index).composite());
    }

    private static HeapType.Abstract kindOf(CompositeType composite) {
        return switch (composite) {
            case FuncType f -> HeapType.Abstract.FUNC;
            case StructType s -> HeapType.Abstract.STRUCT;
            case ArrayType a -> HeapType.Abstract.ARRAY;
        };
    }

    /** The bottom of the hierarchy {@code type} belongs to: none, nofunc, noextern or noexn. */
    public static HeapType.Abstract bottomOf(HeapType.Abstract type) {
        return switch (type) {
            case FUNC, NOFUNC -> HeapType.Abstract.NOFUNC;
            case EXTERN, NOEXTERN -> HeapType.Abstract.NOEXTERN;
            case EXN, NOEXN -> HeapType.Abstract.NOEXN;
            case ANY, EQ, I31, STRUCT, ARRAY, NONE -> HeapType.Abstract.NONE;
        };
    }

    /** The bottom of the hierarchy a heap type belongs to. */
    public HeapType.Abstract bottomOf(HeapType type) {
        return switch (type) {
            case HeapType.Abstract a -> bottomOf(a);
            case HeapType.Concrete c -> bottomOf(abstractOf(c.typeIndex()));
        };
    }

    static boolean abstractMatches(HeapType.Abstract actual, HeapType.Abstract expected) {
        if (actual == expected) {
            return true;
        }
        return switch (actual) {
            case NONE -> bottomOf(expected) == HeapType.Abstract.NONE;
            case NOFUNC -> expected == HeapType.Abstract.FUNC;
            case NOEXTERN -> expected == HeapType.Abstract.EXTERN;
            case NOEXN -> expected == HeapType.Abstract.EXN;
            case I31, STRUCT, ARRAY -> expected == HeapType.Abstract.EQ || expected == HeapType.Abstract.ANY;
            case EQ -> expected == HeapType.Abstract.ANY;
            case ANY, FUNC, EXTERN, EXN -> false;
        };
    }

    private boolean compositeMatches(CompositeType actual, CompositeType expected) {
        return switch (actual) {
            case FuncType a
            when expected instanceof FuncType e ->
                allMatch(e.params(), a.params()) && allMatch(a.results(), e.results());
            case StructType a when expected instanceof StructType e -> structMatches(a, e);
            case ArrayType a when expected instanceof ArrayType e -> fieldMatches(a.field(), e.field());
            default -> false;
        };
    }

    private boolean allMatch(List<ValType> actual, List<ValType> expected) {
        if (actual.size() != expected.size()) {
            return false;
        }
        for (int i = 0; i < actual.size(); i++) {
            if (!matches(actual.get(i), expected.get(i))) {
                return false;
            }
        }
        return true;
    }

    private boolean structMatches(StructType actual, StructType expected) {
        // Width and depth subtyping: a prefix of matching fields.
        if (actual.fields().size() < expected.fields().size()) {
            return false;
        }
        for (int i = 0; i < expected.fields().size(); i++) {
            if (!fieldMatches(actual.fields().get(i), expected.fields().get(i))) {
                return false;
            }
        }
        return true;
    }

    private boolean fieldMatches(FieldType actual, FieldType expected) {
        if (actual.mutable() != expected.mutable()) {
            return false;
        }
        boolean covariant = storageMatches(actual.storage(), expected.storage());
        // A mutable field is read and written, so it must be invariant.
        return expected.mutable() ? covariant && storageMatches(expected.storage(), actual.storage()) : covariant;
    }

    private boolean storageMatches(StorageType actual, StorageType expected) {
        return switch (actual) {
            case PackedType p -> p == expected;
            case ValType v -> expected instanceof ValType e && matches(v, e);
        };
    }
}
