package dev.jwasm.api.model;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A decoded module (spec 2.5), not yet validated: every section's contents, with function bodies
 * and constant expressions as ranges of {@link #bytes()}. Lists follow the binary's order; the
 * function, table, memory, global and tag lists hold only the module's own definitions (imports
 * come first in each index space, see {@link #importCount(ExternKind)}). Immutable.
 */
public final class ModuleInfo {
    private final ByteBuffer bytes;
    private final List<RecGroup> recGroups;
    private final List<SubType> types;
    private final int[] recGroupOfType;
    private final int[] recGroupStart;
    private final List<Import> imports;
    private final Map<ExternKind, List<Import>> importsByKind;
    private final int[] importedFunctionTypes;
    private final List<Integer> functions;
    private final List<Table> tables;
    private final List<MemoryType> memories;
    private final List<Global> globals;
    private final List<Export> exports;
    private final int start;
    private final List<ElementSegment> elements;
    private final int dataCount;
    private final List<FunctionBody> code;
    private final List<DataSegment> datas;
    private final List<TagType> tags;
    private final List<CustomSection> customs;
    private final Map<Integer, String> functionNames;

    /**
     * @param recGroups the type section's recursion groups; {@link #types()} flattens them
     * @param functions the type index of each function the module defines
     * @param start the start function's index, or -1 when there is none
     * @param dataCount the data count section's value, or -1 when it is absent
     * @param functionNames function names from the {@code name} custom section (may be partial)
     */
    public ModuleInfo(
            ByteBuffer bytes,
            List<RecGroup> recGroups,
            List<Import> imports,
            List<Integer> functions,
            List<Table> tables,
            List<MemoryType> memories,
            List<Global> globals,
            List<Export> exports,
            int start,
            List<ElementSegment> elements,
            int dataCount,
            List<FunctionBody> code,
            List<DataSegment> datas,
            List<TagType> tags,
            List<CustomSection> customs,
            Map<Integer, String> functionNames) {
        this.bytes = bytes.asReadOnlyBuffer();
        this.recGroups = List.copyOf(recGroups);
        this.imports = List.copyOf(imports);
        this.functions = List.copyOf(functions);
        this.tables = List.copyOf(tables);
        this.memories = List.copyOf(memories);
        this.globals = List.copyOf(globals);
        this.exports = List.copyOf(exports);
        this.start = start;
        this.elements = List.copyOf(elements);
        this.dataCount = dataCount;
        this.code = List.copyOf(code);
        this.datas = List.copyOf(datas);
        this.tags = List.copyOf(tags);
        this.customs = List.copyOf(customs);
        this.functionNames = Map.copyOf(functionNames);

        var flat = new ArrayList<SubType>();
        recGroupStart = new int[this.recGroups.size()];
        for (int g = 0; g < this.recGroups.size(); g++) {
            recGroupStart[g] = flat.size();
            flat.addAll(this.recGroups.get(g).types());
        }
        types = List.copyOf(flat);
        recGroupOfType = new int[types.size()];
        for (int g = 0; g < recGroupStart.length; g++) {
            int end = g + 1 < recGroupStart.length ? recGroupStart[g + 1] : types.size();
            for (int t = recGroupStart[g]; t < end; t++) {
                recGroupOfType[t] = g;
            }
        }

        var byKind = new EnumMap<ExternKind, List<Import>>(ExternKind.class);
        for (ExternKind kind : ExternKind.values()) {
            byKind.put(kind, this.imports.stream().filter(i -> i.kind() == kind).toList());
        }
        importsByKind = byKind;
        importedFunctionTypes = importsByKind.get(ExternKind.FUNC).stream()
                .mapToInt(i -> ((ExternType.Func) i.type()).typeIndex())
                .toArray();
    }

    /** The module binary, read-only; position and limit are the caller's to change. */
    public ByteBuffer bytes() {
        return bytes.duplicate();
    }

    public List<RecGroup> recGroups() {
        return recGroups;
    }

    /** The type index space: every subtype of every recursion group, in order. */
    public List<SubType> types() {
        return types;
    }

    /** The recursion group (index into {@link #recGroups()}) that defines type {@code typeIndex}. */
    public int recGroupOf(int typeIndex) {
        return recGroupOfType[typeIndex];
    }

    /** The type index of the first type in recursion group {@code groupIndex}. */
    public int recGroupStart(int groupIndex) {
        return recGroupStart[groupIndex];
    }

    public List<Import> imports() {
        return imports;
    }

    /** The imports of one kind, in order: the first entries of that kind's index space. */
    public List<Import> imports(ExternKind kind) {
        return importsByKind.get(kind);
    }

    /** How many entries of {@code kind}'s index space are imports. */
    public int importCount(ExternKind kind) {
        return importsByKind.get(kind).size();
    }

    /** The size of the function index space: imported plus defined functions. */
    public int functionCount() {
        return importedFunctionTypes.length + functions.size();
    }

    /**
     * The type index of function {@code funcIndex} in the function index space (imports first).
     *
     * @throws IndexOutOfBoundsException if there is no such function
     */
    public int functionTypeIndex(int funcIndex) {
        if (funcIndex >= 0 && funcIndex < importedFunctionTypes.length) {
            return importedFunctionTypes[funcIndex];
        }
        return functions.get(funcIndex - importedFunctionTypes.length);
    }

    /** The type index of each function the module defines (imports not included). */
    public List<Integer> functions() {
        return functions;
    }

    public List<Table> tables() {
        return tables;
    }

    public List<MemoryType> memories() {
        return memories;
    }

    public List<Global> globals() {
        return globals;
    }

    public List<Export> exports() {
        return exports;
    }

    /** The start function's index, or -1 when there is none. */
    public int start() {
        return start;
    }

    public List<ElementSegment> elements() {
        return elements;
    }

    /** The data count section's value, or -1 when it is absent. */
    public int dataCount() {
        return dataCount;
    }

    /** The bodies of the defined functions, in the order of {@link #functions()}. */
    public List<FunctionBody> code() {
        return code;
    }

    public List<DataSegment> datas() {
        return datas;
    }

    public List<TagType> tags() {
        return tags;
    }

    public List<CustomSection> customs() {
        return customs;
    }

    /** Function names from the {@code name} custom section, by function index (may be partial). */
    public Map<Integer, String> functionNames() {
        return functionNames;
    }

    /** A copy of the payload of a custom section. */
    public byte[] customData(CustomSection section) {
        var out = new byte[section.length()];
        bytes.get(section.dataOffset(), out);
        return out;
    }

    /** A copy of a data segment's bytes. */
    public byte[] data(DataSegment segment) {
        var out = new byte[segment.length()];
        bytes.get(segment.dataOffset(), out);
        return out;
    }
}
