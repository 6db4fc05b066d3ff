package dev.jwasm.spi.runtime;

import dev.jwasm.api.code.InstructionVisitor;
import dev.jwasm.api.model.ValType;
import dev.jwasm.spi.code.ValidatedBody;
import java.util.List;
import java.util.function.Consumer;

/**
 * A function body as an executor receives it: the declared locals (parameters excluded) and a
 * replayable instruction stream, which reports every instruction, including the final {@code end},
 * to the visitor it is given.
 *
 * @param validated the same body replayed through the validator (see {@link ValidatedBody}), or
 *     null when none is attached yet; the linker attaches one to every function it instantiates,
 *     so executors reach it through {@link WasmFunctionInstance#lower}
 */
public record FunctionCode(List<ValType> locals, Consumer<InstructionVisitor> instructions, ValidatedBody validated) {
    public FunctionCode {
        locals = List.copyOf(locals);
    }

    /** A body without a validated stream attached (a module built by hand). */
    public FunctionCode(List<ValType> locals, Consumer<InstructionVisitor> instructions) {
        this(locals, instructions, null);
    }

    /** This body with {@code validated} as its validated stream. */
    public FunctionCode withValidated(ValidatedBody validated) {
        return new FunctionCode(locals, instructions, validated);
    }
}
