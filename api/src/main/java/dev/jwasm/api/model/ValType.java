package dev.jwasm.api.model;

/** A value type (spec 2.3.4): number, vector or reference. */
public sealed interface ValType extends StorageType permits NumType, VecType, RefType {
    ValType I32 = NumType.I32;
    ValType I64 = NumType.I64;
    ValType F32 = NumType.F32;
    ValType F64 = NumType.F64;
    ValType V128 = VecType.V128;

    /** Whether a local of this type needs no initializer: numbers, vectors, nullable references. */
    boolean isDefaultable();
}
