package dev.jwasm.internal.validate;

import dev.jwasm.api.model.HeapType;
import dev.jwasm.api.model.SubType;
import dev.jwasm.spi.runtime.CanonicalType;
import dev.jwasm.spi.runtime.StorageKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The JVM-wide table of canonical recursion groups: every module's type section is interned here
 * group by group, so that equal groups in different modules get the same {@link CanonicalType}s
 * and cross-module type identity is a reference comparison. Thread-safe.
 *
 * <p>A group's key is its types with every index into the group replaced by its position (odd
 * numbers) and every index to an earlier group by that type's canonical id (even numbers), so
 * key equality is iso-recursive type equivalence. Groups are never removed: the table grows with
 * the number of distinct groups the process has seen, which real programs keep small.
 */
final class TypeRegistry {
    static final TypeRegistry GLOBAL = new TypeRegistry();

    private final Map<List<SubType>, CanonicalType[]> groups = new HashMap<>();
    private final List<CanonicalType> byId = new ArrayList<>();

    /** Supplies, for a group's type {@code i}, its declared supertype's canonical type and its kind. */
    interface Shape {
        /** The supertype of type {@code i} of the group; {@code created} holds the group's types before it. */
        CanonicalType supertype(int i, CanonicalType[] created);

        HeapType.Abstract kind(int i);

        /** The storage of type {@code i}'s fields (struct) or element (array); none for a function. */
        default StorageKind[] fields(int i) {
            return new StorageKind[0];
        }

        /** Whether each of type {@code i}'s fields (or its element) is mutable. */
        default boolean[] mutable(int i) {
            return new boolean[fields(i).length];
        }

        /** Whether type {@code i} is a struct type with a descriptor type. */
        default boolean hasDescriptor(int i) {
            return false;
        }
    }

    /**
     * The canonical types of a group with this key, created on first sight.
     *
     * @throws ValidationFailure if a supertype chain would be deeper than {@link DefinedTypes#MAX_SUBTYPE_DEPTH};
     *     then nothing is registered
     */
    synchronized CanonicalType[] intern(List<SubType> key, Shape shape) {
        var known = groups.get(key);
        if (known != null) {
            return known;
        }
        var created = new CanonicalType[key.size()];
        for (int i = 0; i < created.length; i++) {
            var sup = shape.supertype(i, created);
            if (sup != null && sup.depth() + 1 > DefinedTypes.MAX_SUBTYPE_DEPTH) {
                throw new ValidationFailure(
                        "sub type hierarchy too deep: more than " + DefinedTypes.MAX_SUBTYPE_DEPTH + " levels");
            }
            created[i] = new CanonicalType(
                    byId.size() + i, sup, shape.kind(i), shape.fields(i), shape.mutable(i), shape.hasDescriptor(i));
        }
        for (var t : created) {
            byId.add(t);
        }
        groups.put(List.copyOf(key), created);
        return created;
    }

    /** The canonical type with this id, or null if there is none. */
    synchronized CanonicalType find(int id) {
        return id >= 0 && id < byId.size() ? byId.get(id) : null;
    }
}
