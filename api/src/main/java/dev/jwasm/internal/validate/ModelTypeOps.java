package dev.jwasm.internal.validate;

import dev.jwasm.api.model.HeapType;
import dev.jwasm.api.model.NumType;
import dev.jwasm.api.model.RefType;
import dev.jwasm.api.model.ValType;
import dev.jwasm.api.model.VecType;

/**
 * {@link TypeOps} over the module model's {@link ValType}, with subtyping from the module's
 * {@link DefinedTypes}.
 *
 * <p>The appendix's bottom reference {@code (ref bot)} has no spelling in the model; it is one
 * dedicated {@link RefType} instance recognised by identity, which only this class creates.
 */
final class ModelTypeOps implements TypeOps<ValType> {
    /** {@code (ref bot)}: its heap type is irrelevant, identity marks it. */
    static final RefType BOTTOM = new RefType(false, HeapType.Abstract.NONE);

    private final DefinedTypes types;

    ModelTypeOps(DefinedTypes types) {
        this.types = types;
    }

    @Override
    public ValType i32() {
        return ValType.I32;
    }

    @Override
    public boolean matches(ValType actual, ValType expected) {
        if (actual == BOTTOM) {
            return expected instanceof RefType;
        }
        return types.matches(actual, expected);
    }

    @Override
    public boolean isNumeric(ValType type) {
        return type instanceof NumType;
    }

    @Override
    public boolean isVector(ValType type) {
        return type instanceof VecType;
    }

    @Override
    public boolean isReference(ValType type) {
        return type instanceof RefType;
    }

    @Override
    public ValType asNonNullable(ValType referenceType) {
        if (referenceType == BOTTOM || !(referenceType instanceof RefType ref) || !ref.nullable()) {
            return referenceType;
        }
        return RefType.of(ref.heap());
    }

    @Override
    public ValType bottomReference() {
        return BOTTOM;
    }

    @Override
    public boolean isDefaultable(ValType type) {
        return type != BOTTOM && type.isDefaultable();
    }

    @Override
    public String name(ValType type) {
        return type == BOTTOM ? "(ref bot)" : type.toString();
    }
}
