package dev.jwasm.internal.validate;

import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.ValType;

/**
 * What the validator knows about the instruction it is forwarding, for a downstream lowering
 * pass (see {@link FunctionValidator}). Valid only during the downstream call for that
 * instruction.
 */
public interface FunctionState {
    /** Operand-stack height before the instruction (its operands are the top values of that stack). */
    int stackHeightBefore();

    /** Operand-stack height after the instruction. */
    int stackHeight();

    /**
     * The type {@code fromTop} entries below the top of the stack after the instruction, or
     * {@code null} where the stack is polymorphic (dead code after a branch).
     */
    ValType operandType(int fromTop);

    /**
     * For block, loop, if, try, try_table: the resolved block type; for else, end and delegate:
     * the type of the block it closed. {@code null} for other instructions.
     */
    FuncType blockType();

    /** For branches (br, br_if, br_on_*, rethrow, delegate): the frame targeted, else {@code null}. */
    ControlFrame<ValType> branchTarget();

    /** The number of open control frames after the instruction, including the function's own. */
    int controlDepth();

    /**
     * The open frame {@code depth} levels out (0 is the innermost) after the instruction: for
     * {@code br_table}, resolve each target with this.
     */
    ControlFrame<ValType> frame(int depth);

    /** The type of local {@code index} (parameters first). */
    ValType localType(int index);

    /** Parameters plus declared locals. */
    int localCount();
}
