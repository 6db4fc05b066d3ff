package dev.jwasm.spi.code;

import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.ValType;

/**
 * What the validator knows about the instruction it is forwarding to an executor's lowering
 * visitor. Read-only, and valid only during the visitor call for that instruction: each answer
 * describes the instruction just validated, and the state moves on with the next one.
 *
 * <p>Heights count operand-stack entries of the function (locals excluded), starting at 0.
 */
public interface ValidatedState {
    /** Operand-stack height before the instruction (its operands are the top values of that stack). */
    int stackHeightBefore();

    /** Operand-stack height after the instruction. */
    int stackHeight();

    /**
     * The type {@code fromTop} entries below the top of the stack after the instruction (0 is the
     * top), or {@code null} where the stack is polymorphic (dead code after a branch, spec 3.3.5).
     */
    ValType operandType(int fromTop);

    /**
     * For block, loop, if, try, try_table: the resolved block type; for else, end and delegate:
     * the type of the block it closed. {@code null} for other instructions.
     */
    FuncType blockType();

    /**
     * For branches (br, br_if, br_on_*, rethrow, delegate): the frame targeted, else {@code null}.
     * For {@code br_table}, use {@link #label(int)}.
     */
    Label branchTarget();

    /** The number of open control frames after the instruction, including the function's own. */
    int controlDepth();

    /** The open frame {@code depth} levels out (0 is the innermost) after the instruction. */
    Label label(int depth);

    /** The type of local {@code index} (parameters first). */
    ValType localType(int index);

    /** Parameters plus declared locals. */
    int localCount();
}
