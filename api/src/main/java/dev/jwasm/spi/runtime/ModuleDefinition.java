package dev.jwasm.spi.runtime;

import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.GlobalType;
import dev.jwasm.api.model.MemoryType;
import dev.jwasm.api.model.RefType;
import dev.jwasm.api.model.TableType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A validated module in the form the linker instantiates (spec 2.5): the decoder's module, or one
 * built by hand. Index spaces put imports first, in import order, as in the spec. It must be
 * valid (spec chapter 3): the linker trusts its indexes and types and does not validate again.
 * {@code tags} lists the type index of each defined tag.
 */
public record ModuleDefinition(
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
    public ModuleDefinition {
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

    /** What an import or export names (spec 2.5.10). */
    public enum ExternKind {
        FUNC,
        TABLE,
        MEMORY,
        GLOBAL,
        TAG
    }

    /** An import's description: the kind and the type the module expects. */
    public sealed interface ImportDesc {
        ExternKind kind();
    }

    /**
     * A function import of type {@code typeIndex}; an {@code exact} one (custom descriptors) accepts
     * only a function of exactly that type, not of a subtype.
     */
    public record FuncImport(int typeIndex, boolean exact) implements ImportDesc {
        /** An (inexact) function import: a function of a subtype matches too. */
        public FuncImport(int typeIndex) {
            this(typeIndex, false);
        }

        @Override
        public ExternKind kind() {
            return ExternKind.FUNC;
        }
    }

    public record TableImport(TableType type) implements ImportDesc {
        @Override
        public ExternKind kind() {
            return ExternKind.TABLE;
        }
    }

    public record MemoryImport(MemoryType type) implements ImportDesc {
        @Override
        public ExternKind kind() {
            return ExternKind.MEMORY;
        }
    }

    public record GlobalImport(GlobalType type) implements ImportDesc {
        @Override
        public ExternKind kind() {
            return ExternKind.GLOBAL;
        }
    }

    /** A tag import: the type index of its payload's function type. */
    public record TagImport(int typeIndex) implements ImportDesc {
        @Override
        public ExternKind kind() {
            return ExternKind.TAG;
        }
    }

    public record Import(String module, String name, ImportDesc desc) {}

    /** A defined function: its type index and body. */
    public record Function(int typeIndex, FunctionCode code) {}

    /** A defined table; {@code init} is null when elements start as null references. */
    public record Table(TableType type, ConstExpr init) {}

    public record Global(GlobalType type, ConstExpr init) {}

    public record Export(String name, ExternKind kind, int index) {}

    /** How an element segment is used (spec 2.5.8). */
    public enum SegmentMode {
        ACTIVE,
        PASSIVE,
        DECLARATIVE
    }

    /** An element segment; {@code table} and {@code offset} only matter when active. */
    public record Element(SegmentMode mode, RefType type, int table, ConstExpr offset, List<ConstExpr> items) {
        public Element {
            items = List.copyOf(items);
        }
    }

    /** A data segment: active when {@code offset} is non-null, else passive. */
    public record Data(int memory, ConstExpr offset, byte[] bytes) {}
}
