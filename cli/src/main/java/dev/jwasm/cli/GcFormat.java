package dev.jwasm.cli;

import dev.jwasm.api.Instance;
import dev.jwasm.api.model.HeapType;
import dev.jwasm.internal.access.Internals;
import dev.jwasm.spi.GcHeap;
import dev.jwasm.spi.GcRefs;
import dev.jwasm.spi.runtime.CanonicalType;
import dev.jwasm.spi.runtime.StorageKind;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Prints GC references for {@code run --invoke}: an i31 as {@code (i31 N)}, a struct as {@code
 * (struct $T field…)} and an array as {@code (array $T [length] element…)}, nested references
 * inline. {@code $T} is the type's index in the invoked module. Long arrays, deep nesting and
 * cycles are cut short with {@code …}, so that any result prints in bounded space.
 */
final class GcFormat {
    private static final int MAX_ELEMENTS = 16;
    private static final int MAX_DEPTH = 4;

    private final GcHeap heap;
    private final Map<CanonicalType, Integer> typeIndexes = new IdentityHashMap<>();

    private GcFormat(GcHeap heap, Instance instance) {
        this.heap = heap;
        CanonicalType[] types = Internals.state(instance).canonicalTypes;
        for (int i = types.length - 1; i >= 0; i--) {
            typeIndexes.put(types[i], i);
        }
    }

    /** Whether {@code raw} is a GC reference this class prints (a struct, an array or an i31). */
    static boolean isGcValue(long raw) {
        return GcRefs.isObject(raw) || GcRefs.isI31(raw);
    }

    /** {@code raw}, a struct, array or i31 reference of {@code instance}'s store, as text. */
    static String format(Instance instance, GcHeap heap, long raw) {
        var out = new StringBuilder();
        new GcFormat(heap, instance).append(out, raw, 0, new HashSet<>());
        return out.toString();
    }

    private void append(StringBuilder out, long ref, int depth, Set<Long> open) {
        if (ref == 0) {
            out.append("null");
            return;
        }
        if (GcRefs.isI31(ref)) {
            out.append("(i31 ").append(GcRefs.i31Signed(ref)).append(')');
            return;
        }
        if (!GcRefs.isObject(ref)) {
            out.append("ref 0x").append(Long.toHexString(ref));
            return;
        }
        CanonicalType type = heap.typeOf(ref);
        boolean array = type.kind() == HeapType.Abstract.ARRAY;
        out.append(array ? "(array " : "(struct ").append(name(type));
        if (depth >= MAX_DEPTH || open.contains(ref)) {
            out.append(" …)");
            return;
        }
        open.add(ref);
        if (array) {
            int length = heap.arrayLength(ref);
            out.append(" [").append(length).append(']');
            for (int i = 0; i < Math.min(length, MAX_ELEMENTS); i++) {
                out.append(' ');
                StorageKind k = type.field(0);
                value(
                        out,
                        k,
                        heap.arrayGet(ref, i, true),
                        k == StorageKind.V128 ? heap.arrayGetHigh(ref, i) : 0,
                        depth,
                        open);
            }
            if (length > MAX_ELEMENTS) {
                out.append(" …");
            }
        } else {
            for (int i = 0; i < type.fieldCount(); i++) {
                out.append(' ');
                StorageKind k = type.field(i);
                value(
                        out,
                        k,
                        heap.structGet(ref, i, true),
                        k == StorageKind.V128 ? heap.structGetHigh(ref, i) : 0,
                        depth,
                        open);
            }
        }
        open.remove(ref);
        out.append(')');
    }

    private void value(StringBuilder out, StorageKind kind, long raw, long high, int depth, Set<Long> open) {
        switch (kind) {
            case I8, I16, I32 -> out.append((int) raw);
            case I64 -> out.append(raw);
            case F32 -> out.append(Float.intBitsToFloat((int) raw));
            case F64 -> out.append(Double.longBitsToDouble(raw));
            case V128 -> out.append(RunCommand.formatV128(raw, high));
            case REF -> append(out, raw, depth + 1, open);
        }
    }

    private String name(CanonicalType type) {
        Integer index = typeIndexes.get(type);
        return index == null ? type.toString() : "$" + index;
    }
}
