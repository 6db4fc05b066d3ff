package dev.jwasm.spi.runtime;

import dev.jwasm.api.code.InstructionVisitor;
import dev.jwasm.api.model.ValType;
import java.util.List;
import java.util.function.Consumer;

/**
 * A function body as an executor receives it: the declared locals (parameters excluded) and a
 * replayable instruction stream, which reports every instruction, including the final {@code end},
 * to the visitor it is given.
 */
public record FunctionCode(List<ValType> locals, Consumer<InstructionVisitor> instructions) {
    public FunctionCode {
        locals = List.copyOf(locals);
    }
}
