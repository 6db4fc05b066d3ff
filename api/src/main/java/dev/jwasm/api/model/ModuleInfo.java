package dev.jwasm.api.model;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A decoded module (spec 2.5), not yet validated: every section's contents, with function bodies
 * and constant expressions as ranges of {@link #bytes()}. Lists follow the binary's order; the
 * function, table, memory, global and tag lists hold only the module's own definitions (imports
 * come first in each index space, see {@link #imports()}).
 *
 * @param recGroups the type section's recursion groups; {@link #types()} flattens them
 * @param functions the type index of each function the module defines
 * @param start the start function's index, or -1 when there is none
 * @param dataCount the data count section's value, or -1 when it is absent
 * @param functionNames function names from the {@code name} custom section (may be partial)
 */
public record ModuleInfo(
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

    public ModuleInfo {
        bytes = bytes.asReadOnlyBuffer();
        recGroups = List.copyOf(recGroups);
        imports = List.copyOf(imports);
        functions = List.copyOf(functions);
        tables = List.copyOf(tables);
        memories = List.copyOf(memories);
        globals = List.copyOf(globals);
        exports = List.copyOf(exports);
        elements = List.copyOf(elements);
        code = List.copyOf(code);
        datas = List.copyOf(datas);
        tags = List.copyOf(tags);
        customs = List.copyOf(customs);
        functionNames = Map.copyOf(functionNames);
    }

    /** The module binary, read-only; position and limit are the caller's to change. */
    @Override
    public ByteBuffer bytes() {
        return bytes.duplicate();
    }

    /** The type index space: every subtype of every recursion group, in order (a new list each call). */
    public List<SubType> types() {
        var all = new ArrayList<SubType>();
        for (RecGroup g : recGroups) {
            all.addAll(g.types());
        }
        return List.copyOf(all);
    }

    /** The imports of one kind, in order: the first entries of that kind's index space. */
    public List<Import> imports(ExternKind kind) {
        return imports.stream().filter(i -> i.kind() == kind).toList();
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
