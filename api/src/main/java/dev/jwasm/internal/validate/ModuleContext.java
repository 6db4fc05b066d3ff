package dev.jwasm.internal.validate;

import dev.jwasm.api.Features;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.GlobalType;
import dev.jwasm.api.model.HeapType;
import dev.jwasm.api.model.MemoryType;
import dev.jwasm.api.model.RefType;
import dev.jwasm.api.model.TableType;
import dev.jwasm.api.model.TagType;
import java.util.List;
import java.util.Set;

/**
 * The validation context C of spec 3.1.1 as far as instructions need it: every index space
 * (imports first), the element segments' types, the data count, and the function indexes that
 * the module declares outside function bodies ({@code C.refs}, which {@code ref.func} needs).
 *
 * @param funcTypes the type index of every function, imported ones first
 * @param dataCount the number of data segments, or -1 without a data count section (then
 *     {@code memory.init} and {@code data.drop} are invalid, spec 3.4.8)
 * @param inexactFunctions the functions imported without {@code exact} (custom descriptors): a
 *     reference to one of them has the inexact type, as its value may be of a subtype
 * @param features the features the module is validated under, where they change typing rules
 */
public record ModuleContext(
        DefinedTypes types,
        List<Integer> funcTypes,
        List<TableType> tables,
        List<MemoryType> memories,
        List<GlobalType> globals,
        List<TagType> tags,
        List<RefType> elemTypes,
        int dataCount,
        Set<Integer> declaredFuncRefs,
        Set<Integer> inexactFunctions,
        Features features) {
    public ModuleContext {
        funcTypes = List.copyOf(funcTypes);
        tables = List.copyOf(tables);
        memories = List.copyOf(memories);
        globals = List.copyOf(globals);
        tags = List.copyOf(tags);
        elemTypes = List.copyOf(elemTypes);
        declaredFuncRefs = Set.copyOf(declaredFuncRefs);
        inexactFunctions = Set.copyOf(inexactFunctions);
    }

    /** A context with the default features in which every function reference is exact (no inexact imports). */
    public ModuleContext(
            DefinedTypes types,
            List<Integer> funcTypes,
            List<TableType> tables,
            List<MemoryType> memories,
            List<GlobalType> globals,
            List<TagType> tags,
            List<RefType> elemTypes,
            int dataCount,
            Set<Integer> declaredFuncRefs) {
        this(
                types,
                funcTypes,
                tables,
                memories,
                globals,
                tags,
                elemTypes,
                dataCount,
                declaredFuncRefs,
                Set.of(),
                Features.defaults());
    }

    /** This context with {@code refs} as C.refs: the bodies' context, once module-level code declared them. */
    public ModuleContext withDeclaredFuncRefs(Set<Integer> refs) {
        return new ModuleContext(
                types,
                funcTypes,
                tables,
                memories,
                globals,
                tags,
                elemTypes,
                dataCount,
                refs,
                inexactFunctions,
                features);
    }

    /**
     * The type of {@code ref.func index}: a non-null reference to the function's type, exact
     * unless the function is an inexact import (custom descriptors proposal).
     */
    public RefType functionReference(long index) {
        function(index);
        int i = (int) index;
        return RefType.of(new HeapType.Concrete(funcTypes.get(i), !inexactFunctions.contains(i)));
    }

    /** The type of function {@code index}; "unknown function" if there is none. */
    public FuncType function(long index) {
        if (index < 0 || index >= funcTypes.size()) {
            throw new ValidationFailure("unknown function " + index);
        }
        return types.funcType(funcTypes.get((int) index));
    }

    public TableType table(long index) {
        return get(tables, index, "unknown table ");
    }

    public MemoryType memory(long index) {
        return get(memories, index, "unknown memory ");
    }

    public GlobalType global(long index) {
        return get(globals, index, "unknown global ");
    }

    /** The payload type of tag {@code index}: its function type's parameters. */
    public FuncType tag(long index) {
        return types.funcType(get(tags, index, "unknown tag ").typeIndex());
    }

    public RefType elem(long index) {
        return get(elemTypes, index, "unknown elem segment ");
    }

    public void checkData(long index) {
        if (dataCount < 0) {
            throw new ValidationFailure("data count section required");
        }
        if (index < 0 || index >= dataCount) {
            throw new ValidationFailure("unknown data segment " + index);
        }
    }

    private static <E> E get(List<E> space, long index, String unknown) {
        if (index < 0 || index >= space.size()) {
            throw new ValidationFailure(unknown + index);
        }
        return space.get((int) index);
    }
}
