package dev.jwasm.spi.runtime;

import dev.jwasm.api.model.FuncType;
import dev.jwasm.internal.validate.CanonicalTypes;
import java.util.Objects;

/**
 * A function the store owns (spec 4.2.6): Wasm code of one instance, or a host function. Its
 * identity is its {@link #ref() reference}, the tagged value a funcref holds.
 */
public abstract sealed class FunctionInstance permits WasmFunctionInstance, HostFunctionInstance {
    private final FuncType type;
    private final CanonicalType canonicalType;
    private long ref;

    /** A function whose type stands alone: a final type of its own recursion group (host functions). */
    protected FunctionInstance(FuncType type) {
        this(type, CanonicalTypes.standalone(Objects.requireNonNull(type, "type")));
    }

    /** A function of a module's type, whose canonical identity the module's validation gave. */
    protected FunctionInstance(FuncType type, CanonicalType canonicalType) {
        this.type = Objects.requireNonNull(type, "type");
        this.canonicalType = Objects.requireNonNull(canonicalType, "canonicalType");
    }

    /** The function's type, its type indexes those of the module that defines it. */
    public final FuncType type() {
        return type;
    }

    /**
     * The function's type identity across modules: {@code call_indirect} and import matching
     * compare it with {@link CanonicalType#isSubtypeOf}.
     */
    public final CanonicalType canonicalType() {
        return canonicalType;
    }

    /** The funcref value naming this function in its store; 0 until registered. */
    public final long ref() {
        return ref;
    }

    final void assignRef(long value) {
        this.ref = value;
    }
}
