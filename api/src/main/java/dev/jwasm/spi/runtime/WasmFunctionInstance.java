package dev.jwasm.spi.runtime;

import dev.jwasm.api.model.FuncType;
import dev.jwasm.internal.validate.CanonicalTypes;
import java.util.Objects;

/**
 * A function defined by a module, closed over the instance it came from. Executors keep their
 * lowered form of the code in {@link #compiled()}, computed once on first call.
 */
public final class WasmFunctionInstance extends FunctionInstance {
    private final InstanceState instance;
    private final int index;
    private final FunctionCode code;
    private volatile Object compiled;

    public WasmFunctionInstance(FuncType type, InstanceState instance, int index, FunctionCode code) {
        this(type, CanonicalTypes.standalone(type), instance, index, code);
    }

    /** A function of type {@code type}, whose canonical identity is {@code canonicalType}. */
    public WasmFunctionInstance(
            FuncType type, CanonicalType canonicalType, InstanceState instance, int index, FunctionCode code) {
        super(type, canonicalType);
        this.instance = Objects.requireNonNull(instance, "instance");
        this.index = index;
        this.code = Objects.requireNonNull(code, "code");
    }

    public InstanceState instance() {
        return instance;
    }

    /** The index of this function in its module's function index space. */
    public int index() {
        return index;
    }

    public FunctionCode code() {
        return code;
    }

    /** The executor's lowered form, or null before the first call. */
    public Object compiled() {
        return compiled;
    }

    public void compiled(Object value) {
        this.compiled = value;
    }
}
