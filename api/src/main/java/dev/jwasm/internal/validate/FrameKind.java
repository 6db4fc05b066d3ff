package dev.jwasm.internal.validate;

/** The instruction that opened a control frame (the appendix's {@code ctrl_frame.opcode}). */
public enum FrameKind {
    /** The implicit block around a function body. */
    FUNCTION,
    BLOCK,
    LOOP,
    IF,
    ELSE,
    TRY_TABLE,
    /** Legacy exception handling: the {@code try} body. */
    TRY,
    /** Legacy exception handling: a {@code catch} clause. */
    CATCH,
    /** Legacy exception handling: the {@code catch_all} clause. */
    CATCH_ALL;

    /** Whether a branch to this frame jumps back to its start (and so carries its parameters). */
    public boolean branchesToStart() {
        return this == LOOP;
    }
}
