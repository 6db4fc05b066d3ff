package dev.jwasm.api.model;

/** The type of an import or export (spec 2.3.15): a function, table, memory, global or tag. */
public sealed interface ExternType permits ExternType.Func, TableType, MemoryType, GlobalType, TagType {

    /**
     * A function, by the index of its type in the module's type section. An exact import
     * (custom descriptors proposal, import kind {@code 0x20}) accepts only a function of exactly
     * that type, not of a subtype.
     */
    record Func(int typeIndex, boolean exact) implements ExternType {
        /** An (inexact) function import or export of type {@code typeIndex}. */
        public Func(int typeIndex) {
            this(typeIndex, false);
        }
    }

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
