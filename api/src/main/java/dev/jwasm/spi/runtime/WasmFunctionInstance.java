package dev.jwasm.spi.runtime;

import dev.jwasm.api.code.InstructionVisitor;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.internal.validate.CanonicalTypes;
import dev.jwasm.spi.code.ValidatedState;
import java.util.Objects;
import java.util.function.Function;

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

    /**
     * Runs the validator once over this function's body and forwards every validated instruction
     * to the visitor {@code downstream} makes, which may query the validator's state (operand
     * types, heights, block types, branch targets) while it handles each one, so that an
     * executor lowers the body in one pass without re-deriving them (DESIGN.md "Execution").
     *
     * @throws IllegalStateException if the body has no validated stream (a function not made by
     *     the linker)
     */
    public void lower(Function<ValidatedState, InstructionVisitor> downstream) {
        Objects.requireNonNull(downstream, "downstream");
        var validated = code.validated();
        if (validated == null) {
            throw new IllegalStateException("function " + index + " has no validated instruction stream");
        }
        validated.lower(downstream);
    }

    /** The executor's lowered form, or null before the first call. */
    public Object compiled() {
        return compiled;
    }

    public void compiled(Object value) {
        this.compiled = value;
    }
}
