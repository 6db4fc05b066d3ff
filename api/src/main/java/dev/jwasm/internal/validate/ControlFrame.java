package dev.jwasm.internal.validate;

import java.util.List;

/**
 * One entry of the control stack (spec appendix, "Validation Algorithm"): the opening
 * instruction, its parameter and result types, the operand-stack height and the number of
 * initialised locals on entry, and whether the rest of the block is unreachable.
 *
 * @param <T> the value type representation
 */
public final class ControlFrame<T> {
    private final FrameKind kind;
    private final List<T> startTypes;
    private final List<T> endTypes;
    private final int height;
    private final int initHeight;
    private boolean unreachable;

    ControlFrame(FrameKind kind, List<T> startTypes, List<T> endTypes, int height, int initHeight) {
        this.kind = kind;
        this.startTypes = List.copyOf(startTypes);
        this.endTypes = List.copyOf(endTypes);
        this.height = height;
        this.initHeight = initHeight;
    }

    public FrameKind kind() {
        return kind;
    }

    public List<T> startTypes() {
        return startTypes;
    }

    public List<T> endTypes() {
        return endTypes;
    }

    /** The operand-stack height when the frame was entered, below its parameters. */
    public int height() {
        return height;
    }

    int initHeight() {
        return initHeight;
    }

    /** Whether the code after a branch, {@code unreachable} or throw in this frame is dead. */
    public boolean unreachable() {
        return unreachable;
    }

    void markUnreachable() {
        unreachable = true;
    }

    /** The types a branch to this frame carries: a loop's parameters, else the results. */
    public List<T> labelTypes() {
        return kind.branchesToStart() ? startTypes : endTypes;
    }
}
