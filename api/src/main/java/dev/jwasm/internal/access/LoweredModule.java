package dev.jwasm.internal.access;

import dev.jwasm.api.model.Export;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.GlobalType;
import dev.jwasm.api.model.Import;
import dev.jwasm.api.model.MemoryType;
import dev.jwasm.api.model.RefType;
import dev.jwasm.api.model.SegmentMode;
import dev.jwasm.api.model.TableType;
import dev.jwasm.spi.runtime.ConstExpr;
import dev.jwasm.spi.runtime.FunctionCode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A validated module lowered for the linker: the module model ({@code dev.jwasm.api.model}, the one
 * model the decoder, validator, text format and API share) with function bodies and constant
 * expressions turned into replayable instruction streams and data segments into bytes. It is not
 * a second model for users: {@code WasmModule} lowers its decoded {@code ModuleInfo} into one, and
 * jwasm's own executor tests build small ones by hand. Index spaces put imports first, in import
 * order (spec 2.5). It must be valid (spec chapter 3): the linker trusts its indexes and types.
 * {@code tags} lists the type index of each defined tag.
 */
public record LoweredModule(
        List<FuncType> types,
        List<Import> imports,
        List<Function> functions,
        List<Table> tables,
        List<MemoryType> memories,
        List<Global> globals,
        List<Export> exports,
        List<Element> elements,
        List<Data> datas,
        OptionalInt start,
        List<Integer> tags) {
    public LoweredModule {
        // Non-function types (GC structs and arrays) are null entries: calls never name them.
        types = Collections.unmodifiableList(new ArrayList<>(types));
        imports = List.copyOf(imports);
        functions = List.copyOf(functions);
        tables = List.copyOf(tables);
        memories = List.copyOf(memories);
        globals = List.copyOf(globals);
        exports = List.copyOf(exports);
        elements = List.copyOf(elements);
        datas = List.copyOf(datas);
        Objects.requireNonNull(start, "start");
        tags = List.copyOf(tags);
    }

    /** A defined function: its type index and body. */
    public record Function(int typeIndex, FunctionCode code) {}

    /** A defined table; {@code init} is null when elements start as null references. */
    public record Table(TableType type, ConstExpr init) {}

    public record Global(GlobalType type, ConstExpr init) {}

    /** An element segment; {@code table} and {@code offset} only matter when active. */
    public record Element(SegmentMode mode, RefType type, int table, ConstExpr offset, List<ConstExpr> items) {
        public Element {
            items = List.copyOf(items);
        }
    }

    /** A data segment: active when {@code offset} is non-null, else passive. */
    public record Data(int memory, ConstExpr offset, byte[] bytes) {}
}
