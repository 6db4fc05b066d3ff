package dev.jwasm.internal.validate;

import dev.jwasm.api.code.InstructionVisitor;

/**
 * Where the module validator sends validated function bodies: for each function it asks for a
 * downstream visitor (an executor's lowering pass), which then receives that body's instructions
 * one by one, each after it passed validation, and may query the {@link FunctionState}.
 */
@FunctionalInterface
public interface CodeSink {
    /** No downstream: validation only. */
    CodeSink NONE = (funcIndex, state) -> null;

    /**
     * @param funcIndex the function's index in the function index space (imports included)
     * @param state the validator's view of the instruction being forwarded
     * @return the visitor for this body, or null to skip it
     */
    InstructionVisitor function(int funcIndex, FunctionState state);
}
