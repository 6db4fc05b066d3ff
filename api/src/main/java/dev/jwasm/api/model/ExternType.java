package dev.jwasm.api.model;

/** The type of an import or export (spec 2.3.15): a function, table, memory, global or tag. */
public sealed interface ExternType permits ExternType.Func, TableType, MemoryType, GlobalType, TagType {

    /** A function, by the index of its type in the module's type section. */
    record Func(int typeIndex) implements ExternType {}

    /** Which index space this type belongs to. */
    default ExternKind kind() {
        return switch (this) {
            case Func f -> ExternKind.FUNC;
            case TableType t -> ExternKind.TABLE;
            case MemoryType m -> ExternKind.MEMORY;
            case GlobalType g -> ExternKind.GLOBAL;
            case TagType t -> ExternKind.TAG;
        };
    }
}
