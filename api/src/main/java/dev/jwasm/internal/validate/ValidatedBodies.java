package dev.jwasm.internal.validate;

import dev.jwasm.api.InvalidModuleException;
import dev.jwasm.api.code.InstructionVisitor;
import dev.jwasm.api.model.ValType;
import dev.jwasm.spi.code.ValidatedBody;
import java.util.List;
import java.util.function.Consumer;

/**
 * Makes the {@link ValidatedBody} of one function: its instruction stream replayed through a
 * {@link FunctionValidator} in the module's (cached) validation context, so that lowering a
 * function costs one validator pass over its body and never re-validates the module.
 */
public final class ValidatedBodies {
    private ValidatedBodies() {}

    /**
     * @param funcIndex the function's index in the function index space (for error reports)
     * @param typeIndex the function's type index in {@code ctx}
     * @param declaredLocals the body's declared locals, expanded (parameters excluded)
     */
    public static ValidatedBody of(
            ModuleContext ctx,
            int funcIndex,
            int typeIndex,
            List<ValType> declaredLocals,
            Consumer<InstructionVisitor> instructions) {
        var locals = List.copyOf(declaredLocals);
        return downstream -> {
            FunctionValidator validator = null;
            try {
                validator = FunctionValidator.chained(
                        ctx, typeIndex, locals, state -> downstream.apply(new ValidatedStateView(state)));
                instructions.accept(validator);
            } catch (ValidationFailure e) {
                throw new InvalidModuleException(
                        e.getMessage(), validator == null ? -1 : validator.offset(), funcIndex);
            }
            if (!validator.finished()) {
                throw new InvalidModuleException("function body has no final end", validator.offset(), funcIndex);
            }
        };
    }
}
