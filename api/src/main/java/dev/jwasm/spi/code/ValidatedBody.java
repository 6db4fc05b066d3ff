package dev.jwasm.spi.code;

import dev.jwasm.api.code.InstructionVisitor;
import java.util.function.Function;

/**
 * A function body that can be replayed through the validator: one validation pass over the body
 * that forwards each validated instruction to a downstream visitor, together with the
 * validator's {@link ValidatedState} for it.
 */
@FunctionalInterface
public interface ValidatedBody {
    /**
     * Runs the validator over the body once. {@code downstream} is called once, before the first
     * instruction, with the state view it may query during each of its visitor calls; the visitor
     * it returns receives every instruction, including the final {@code end}.
     *
     * @throws dev.jwasm.api.InvalidModuleException if the body is not valid (only a module built
     *     by hand can have one: decoded modules are validated before they are instantiated)
     */
    void lower(Function<ValidatedState, InstructionVisitor> downstream);
}
