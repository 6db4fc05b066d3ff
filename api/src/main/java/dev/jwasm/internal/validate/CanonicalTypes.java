package dev.jwasm.internal.validate;

import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.HeapType;
import dev.jwasm.api.model.RefType;
import dev.jwasm.api.model.SubType;
import dev.jwasm.api.model.ValType;
import dev.jwasm.spi.runtime.CanonicalType;
import java.util.List;

/**
 * Types in canonical form, for matching across modules at link time (spec 3.0, "Import
 * subtyping" and "External types"). A canonical value type is a value type whose concrete heap
 * types name {@link CanonicalType#id() canonical ids} instead of one module's type indexes, so
 * that types of two modules can be compared.
 */
public final class CanonicalTypes {
    private CanonicalTypes() {}

    /** {@code type} of a module with these canonical types, its type indexes made canonical ids. */
    public static ValType canonical(ValType type, List<CanonicalType> moduleTypes) {
        if (type instanceof RefType(var nullable, HeapType.Concrete c)) {
            return new RefType(
                    nullable,
                    new HeapType.Concrete(moduleTypes.get(c.typeIndex()).id(), c.exact()));
        }
        return type;
    }

    /**
     * The canonical type of a function type given outside any module (a host function): a final
     * type of its own recursion group, equal to every module's such type with the same
     * signature. Concrete heap types in it are read as canonical ids.
     */
    public static CanonicalType standalone(FuncType type) {
        var key = new FuncType(encodeAll(type.params()), encodeAll(type.results()));
        var group = List.of(new SubType(true, List.of(), key));
        return TypeRegistry.GLOBAL
                .intern(group, new TypeRegistry.Shape() {
                    @Override
                    public CanonicalType supertype(int i, CanonicalType[] made) {
                        return null;
                    }

                    @Override
                    public HeapType.Abstract kind(int i) {
                        return HeapType.Abstract.FUNC;
                    }
                })[0];
    }

    // The registry's key encoding: even numbers name canonical ids (see TypeRegistry).
    private static List<ValType> encodeAll(List<ValType> types) {
        return types.stream()
                .map(t -> t instanceof RefType(var nullable, HeapType.Concrete c)
                        ? (ValType) new RefType(nullable, new HeapType.Concrete(2 * c.typeIndex(), c.exact()))
                        : t)
                .toList();
    }

    /** Whether canonical value type {@code actual} matches (is a subtype of) {@code expected}. */
    public static boolean matches(ValType actual, ValType expected) {
        if (actual instanceof RefType a && expected instanceof RefType e) {
            return (e.nullable() || !a.nullable()) && heapMatches(a.heap(), e.heap());
        }
        return actual.equals(expected);
    }

    private static boolean heapMatches(HeapType actual, HeapType expected) {
        return switch (actual) {
            case HeapType.Concrete ac -> {
                var at = TypeRegistry.GLOBAL.find(ac.typeIndex());
                if (at == null) {
                    yield false;
                }
                yield switch (expected) {
                    case HeapType.Concrete ec -> {
                        var et = TypeRegistry.GLOBAL.find(ec.typeIndex());
                        // An exact type (custom descriptors) is matched by that same exact type only.
                        yield et != null && (ec.exact() ? ac.exact() && at == et : at.isSubtypeOf(et));
                    }
                    case HeapType.Abstract e -> DefinedTypes.abstractMatches(at.kind(), e);
                };
            }
            case HeapType.Abstract a ->
                switch (expected) {
                    case HeapType.Concrete ec -> {
                        var et = TypeRegistry.GLOBAL.find(ec.typeIndex());
                        yield et != null && a == DefinedTypes.bottomOf(et.kind());
                    }
                    case HeapType.Abstract e -> DefinedTypes.abstractMatches(a, e);
                };
        };
    }
}
