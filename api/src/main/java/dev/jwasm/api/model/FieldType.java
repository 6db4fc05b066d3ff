package dev.jwasm.api.model;

import java.util.Objects;

/** A struct field or array element type (spec 2.3.8): storage type and mutability. */
public record FieldType(StorageType storage, boolean mutable) {
    public FieldType {
        Objects.requireNonNull(storage, "storage");
    }

    /** The value type a read yields: i32 for packed storage, else the storage type itself. */
    public ValType unpacked() {
        return switch (storage) {
            case PackedType p -> ValType.I32;
            case ValType v -> v;
        };
    }
}
