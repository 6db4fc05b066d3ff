package dev.jwasm.spi.runtime;

import dev.jwasm.api.model.NumType;
import dev.jwasm.api.model.PackedType;
import dev.jwasm.api.model.RefType;
import dev.jwasm.api.model.StorageType;
import dev.jwasm.api.model.VecType;

/**
 * How a struct field or array element is stored (spec 2.3.8), all a GC heap needs to lay out an
 * object: its width, whether it is packed (read back sign- or zero-extended) and whether it holds
 * a reference the collector must trace.
 */
public enum StorageKind {
    I8(1),
    I16(2),
    I32(4),
    I64(8),
    F32(4),
    F64(8),
    V128(16),
    REF(8);

    private final int bytes;

    StorageKind(int bytes) {
        this.bytes = bytes;
    }

    /** The stored width in bytes. */
    public int bytes() {
        return bytes;
    }

    /** Whether a read extends it to an i32 ({@code i8}, {@code i16}). */
    public boolean packed() {
        return this == I8 || this == I16;
    }

    /** The kind of a storage type. */
    public static StorageKind of(StorageType type) {
        return switch (type) {
            case PackedType p -> p == PackedType.I8 ? I8 : I16;
            case NumType n ->
                switch (n) {
                    case I32 -> I32;
                    case I64 -> I64;
                    case F32 -> F32;
                    case F64 -> F64;
                };
            case VecType v -> V128;
            case RefType r -> REF;
        };
    }
}
