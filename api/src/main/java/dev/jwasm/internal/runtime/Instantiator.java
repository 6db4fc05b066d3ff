package dev.jwasm.internal.runtime;

import dev.jwasm.api.JwasmException;
import dev.jwasm.api.LinkException;
import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.api.model.AddressType;
import dev.jwasm.api.model.ExternType;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.GlobalType;
import dev.jwasm.api.model.HeapType;
import dev.jwasm.api.model.Import;
import dev.jwasm.api.model.Limits;
import dev.jwasm.api.model.MemoryType;
import dev.jwasm.api.model.RefType;
import dev.jwasm.api.model.SegmentMode;
import dev.jwasm.api.model.TableType;
import dev.jwasm.api.model.TagType;
import dev.jwasm.api.model.ValType;
import dev.jwasm.internal.access.LoweredModule;
import dev.jwasm.internal.validate.CanonicalTypes;
import dev.jwasm.spi.GcHeap;
import dev.jwasm.spi.LinearMemory;
import dev.jwasm.spi.MemoryBudget;
import dev.jwasm.spi.MemoryProvider;
import dev.jwasm.spi.runtime.CanonicalType;
import dev.jwasm.spi.runtime.DataSegment;
import dev.jwasm.spi.runtime.ElementSegment;
import dev.jwasm.spi.runtime.FunctionInstance;
import dev.jwasm.spi.runtime.GlobalCell;
import dev.jwasm.spi.runtime.InstanceState;
import dev.jwasm.spi.runtime.StoreState;
import dev.jwasm.spi.runtime.TableInstance;
import dev.jwasm.spi.runtime.TagInstance;
import dev.jwasm.spi.runtime.WasmFunctionInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Module instantiation (spec 4.5.4): resolves and type-checks imports, allocates the instance's
 * functions, globals, tables and memories, then applies active element and data segments in
 * order. A trap in a segment aborts instantiation; writes already made stay (spec 4.5.4 step 14).
 * The caller runs the start function.
 */
public final class Instantiator {
    private final StoreState store;
    private final MemoryProvider memories;
    private final MemoryBudget budget;

    public Instantiator(StoreState store, MemoryProvider memories, MemoryBudget budget) {
        this.store = store;
        this.memories = memories;
        this.budget = budget;
    }

    /**
     * @param resolve returns the store object a (module, name) import names, or null: a
     *     {@link FunctionInstance}, {@link GlobalCell}, {@link TableInstance}, {@link LinearMemory} or
     *     {@link TagInstance}
     * @throws LinkException for an unknown or incompatible import
     */
    public InstanceState instantiate(LoweredModule module, BiFunction<String, String, Object> resolve) {
        return instantiate(module, standaloneTypes(module), resolve);
    }

    /**
     * A module built by hand has no recursion groups: each function type stands alone, as a host
     * function's does. Other types (null entries) get identities of their own that nothing matches.
     */
    private static List<CanonicalType> standaloneTypes(LoweredModule module) {
        var list = new ArrayList<CanonicalType>(module.types().size());
        for (FuncType t : module.types()) {
            list.add(t == null ? new CanonicalType(-1, null, HeapType.Abstract.STRUCT) : CanonicalTypes.standalone(t));
        }
        return list;
    }

    /**
     * @param canonicalTypes each type index's canonical type, from the module's validation: imports
     *     match by subtyping on these (spec 3.0 "Import subtyping"), and functions carry them
     * @throws LinkException for an unknown or incompatible import
     */
    public InstanceState instantiate(
            LoweredModule module, List<CanonicalType> canonicalTypes, BiFunction<String, String, Object> resolve) {
        var canon = canonicalTypes.toArray(CanonicalType[]::new);
        int nf = 0;
        int ng = 0;
        int nt = 0;
        int nm = 0;
        int nx = 0;
        for (Import imp : module.imports()) {
            switch (imp.kind()) {
                case FUNC -> nf++;
                case GLOBAL -> ng++;
                case TABLE -> nt++;
                case MEMORY -> nm++;
                case TAG -> nx++;
            }
        }
        var inst = new InstanceState(
                store,
                module.types().toArray(FuncType[]::new),
                nf + module.functions().size(),
                ng + module.globals().size(),
                nt + module.tables().size(),
                nm + module.memories().size(),
                module.datas().size(),
                module.elements().size(),
                nx + module.tags().size());
        inst.canonicalTypes = canon;
        store.own(inst);
        // Constant expressions may allocate GC objects that only the evaluator and the partly
        // built segments hold, which no root reaches: no collection until the instance is built.
        GcHeap heap = usesGcObjects(canon) && store.hasGcBackend() ? store.gcHeap() : null;
        if (heap != null) {
            heap.deferCollection(true);
        }
        try {
            link(module, canonicalTypes, canon, resolve, inst);
        } catch (RuntimeException e) {
            // A failed instance is unreachable: its own objects must not stay roots. What its
            // segments wrote into imported tables is rooted by those tables' owners.
            store.disown(inst);
            throw e;
        } finally {
            if (heap != null) {
                heap.deferCollection(false);
            }
        }
        return inst;
    }

    private static boolean usesGcObjects(CanonicalType[] types) {
        for (CanonicalType t : types) {
            if (t.kind() != HeapType.Abstract.FUNC) {
                return true;
            }
        }
        return false;
    }

    private void link(
            LoweredModule module,
            List<CanonicalType> canonicalTypes,
            CanonicalType[] canon,
            BiFunction<String, String, Object> resolve,
            InstanceState inst) {
        int fi = 0;
        int gi = 0;
        int ti = 0;
        int mi = 0;
        int xi = 0;
        for (Import imp : module.imports()) {
            Object found = resolve.apply(imp.module(), imp.name());
            if (found == null) {
                throw new LinkException("unknown import: " + name(imp));
            }
            switch (imp.type()) {
                case ExternType.Func f -> {
                    FuncType expected = module.types().get(f.typeIndex());
                    // Spec 3.0 import subtyping; an exact import (custom descriptors) needs the type itself.
                    if (!(found instanceof FunctionInstance fn)
                            || !(f.exact()
                                    ? fn.canonicalType() == canon[f.typeIndex()]
                                    : fn.canonicalType().isSubtypeOf(canon[f.typeIndex()]))) {
                        throw incompatible(imp, "function " + expected, found);
                    }
                    inst.functions[fi++] = fn;
                }
                case GlobalType g -> {
                    var expected = CanonicalTypes.canonical(g.type(), canonicalTypes);
                    if (!(found instanceof GlobalCell cell) || !globalMatches(cell, g.mutable(), expected)) {
                        throw incompatible(imp, "global " + g, found);
                    }
                    inst.globals[gi++] = cell;
                }
                case TableType t -> {
                    if (!(found instanceof TableInstance table)
                            || !table.canonicalElementType()
                                    .equals(CanonicalTypes.canonical(t.elementType(), canonicalTypes))
                            || table.type().addressType() != t.addressType()
                            || !limitsMatch(table.size(), table.type().limits(), t.limits())) {
                        throw incompatible(imp, "table " + t, found);
                    }
                    inst.tables[ti++] = table;
                }
                case MemoryType m -> {
                    if (!(found instanceof LinearMemory memory)
                            || memory.type().addressType() != m.addressType()
                            || memory.type().shared() != m.shared()
                            || memory.type().pageSizeLog2() != m.pageSizeLog2()
                            || !limitsMatch(memory.pages(), memory.type().limits(), m.limits())) {
                        throw incompatible(imp, "memory " + m, found);
                    }
                    inst.memories[mi++] = memory;
                }
                case TagType t -> {
                    FuncType expected = module.types().get(t.typeIndex());
                    // Tag types match when equal (spec 3.0 "Tags" under external subtyping).
                    if (!(found instanceof TagInstance tag) || tag.canonicalType() != canon[t.typeIndex()]) {
                        throw incompatible(imp, "tag " + expected, found);
                    }
                    inst.tags[xi++] = tag;
                }
            }
        }
        for (int typeIndex : module.tags()) {
            inst.tags[xi++] = new TagInstance(module.types().get(typeIndex), canon[typeIndex]);
        }
        var codes = DefinitionContext.validatedCode(module);
        for (int i = 0; i < codes.size(); i++) {
            int typeIndex = module.functions().get(i).typeIndex();
            FunctionInstance fn =
                    new WasmFunctionInstance(module.types().get(typeIndex), canon[typeIndex], inst, fi, codes.get(i));
            inst.functions[fi++] = fn;
        }
        for (var g : module.globals()) {
            inst.globals[gi++] = ConstEvaluator.global(
                    g.type(), CanonicalTypes.canonical(g.type().type(), canonicalTypes), g.init(), inst);
        }
        for (var t : module.tables()) {
            long init = t.init() == null ? 0 : ConstEvaluator.evaluate(t.init(), inst);
            var element = (RefType) CanonicalTypes.canonical(t.type().elementType(), canonicalTypes);
            inst.tables[ti++] = new TableInstance(t.type(), element, init);
        }
        for (var m : module.memories()) {
            LinearMemory memory = memories.create(m, budget);
            store.own(memory);
            inst.memories[mi++] = memory;
        }
        for (int i = 0; i < module.elements().size(); i++) {
            var e = module.elements().get(i);
            long[] refs = new long[e.items().size()];
            for (int k = 0; k < refs.length; k++) {
                refs[k] = ConstEvaluator.evaluate(e.items().get(k), inst);
            }
            inst.elements[i] = new ElementSegment(refs);
        }
        for (int i = 0; i < module.datas().size(); i++) {
            inst.datas[i] = new DataSegment(module.datas().get(i).bytes().clone());
        }
        applySegments(module, inst);
    }

    /** Spec 4.5.4 steps 13-14: active element segments, then active data segments, in order. */
    private static void applySegments(LoweredModule module, InstanceState inst) {
        for (int i = 0; i < module.elements().size(); i++) {
            var e = module.elements().get(i);
            var seg = inst.elements[i];
            if (e.mode() == SegmentMode.ACTIVE) {
                long at = ConstEvaluator.evaluate(e.offset(), inst);
                long offset = inst.tables[e.table()].type().addressType() == AddressType.I32 ? at & 0xFFFF_FFFFL : at;
                inst.tables[e.table()].init(offset, seg.refs(), 0, seg.refs().length, TrapKind.OUT_OF_BOUNDS_TABLE);
            }
            if (e.mode() != SegmentMode.PASSIVE) {
                seg.drop();
            }
        }
        for (int i = 0; i < module.datas().size(); i++) {
            var d = module.datas().get(i);
            if (d.offset() == null) {
                continue;
            }
            LinearMemory memory = inst.memories[d.memory()];
            long at = ConstEvaluator.evaluate(d.offset(), inst);
            if (memory.type().addressType() == AddressType.I32) {
                at &= 0xFFFF_FFFFL;
            }
            byte[] bytes = inst.datas[i].bytes();
            if (Long.compareUnsigned(at, memory.byteSize()) > 0 || bytes.length > memory.byteSize() - at) {
                throw new Trap(TrapKind.OUT_OF_BOUNDS_MEMORY);
            }
            memory.write(at, bytes, 0, bytes.length);
            inst.datas[i].drop();
        }
    }

    /** Import subtyping of limits (spec 3.5.x "Limits"): at least the minimum, within the maximum. */
    private static boolean limitsMatch(long actualSize, Limits actual, Limits expected) {
        if (actualSize < expected.min()) {
            return false;
        }
        if (!expected.hasMax()) {
            return true;
        }
        return actual.hasMax() && Long.compareUnsigned(actual.max(), expected.max()) <= 0;
    }

    /**
     * Global import matching (spec 3.0, "Globals" under external subtyping), on canonical value
     * types: a mutable global must have exactly the expected type, an immutable one may be a
     * subtype.
     */
    private static boolean globalMatches(GlobalCell actual, boolean mutable, ValType expected) {
        if (actual.type().mutable() != mutable) {
            return false;
        }
        return mutable
                ? actual.canonicalType().equals(expected)
                : CanonicalTypes.matches(actual.canonicalType(), expected);
    }

    private static String name(Import imp) {
        return "\"" + imp.module() + "\" \"" + imp.name() + "\"";
    }

    private static LinkException incompatible(Import imp, String expected, Object found) {
        return new LinkException(
                "incompatible import type: " + name(imp) + " expects " + expected + ", found " + describe(found));
    }

    private static String describe(Object found) {
        return switch (found) {
            case FunctionInstance f -> "function " + f.type();
            case GlobalCell g -> "global " + g.type();
            case TableInstance t -> "table " + t.type();
            case LinearMemory m -> "memory " + m.type();
            case TagInstance t -> "tag " + t.type();
            default -> throw new JwasmException("not an external value: " + found);
        };
    }
}
