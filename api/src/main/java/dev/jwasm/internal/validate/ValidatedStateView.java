package dev.jwasm.internal.validate;

import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.ValType;
import dev.jwasm.spi.code.Label;
import dev.jwasm.spi.code.ValidatedState;

/** The public, read-only face of a {@link FunctionState}, for executors outside this module. */
final class ValidatedStateView implements ValidatedState {
    private final FunctionState state;

    ValidatedStateView(FunctionState state) {
        this.state = state;
    }

    @Override
    public int stackHeightBefore() {
        return state.stackHeightBefore();
    }

    @Override
    public int stackHeight() {
        return state.stackHeight();
    }

    @Override
    public ValType operandType(int fromTop) {
        return state.operandType(fromTop);
    }

    @Override
    public FuncType blockType() {
        return state.blockType();
    }

    @Override
    public Label branchTarget() {
        var frame = state.branchTarget();
        return frame == null ? null : label(frame);
    }

    @Override
    public int controlDepth() {
        return state.controlDepth();
    }

    @Override
    public Label label(int depth) {
        return label(state.frame(depth));
    }

    @Override
    public ValType localType(int index) {
        return state.localType(index);
    }

    @Override
    public int localCount() {
        return state.localCount();
    }

    private static Label label(ControlFrame<ValType> frame) {
        return new Label(frame.labelTypes(), frame.height(), frame.kind().branchesToStart());
    }
}
