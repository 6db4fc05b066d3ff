package dev.jwasm.api.model;

/** What a struct field or array element stores: a value type or a packed integer (spec 2.3.8). */
public sealed interface StorageType permits ValType, PackedType {
    /** The size of one stored value in bytes (for references: 8, their runtime encoding). */
    int byteSize();
}
