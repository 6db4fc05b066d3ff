package dev.jwasm.api;

/**
 * The module is well-formed but not valid (spec chapter 3). The message is the spec testsuite's
 * wording for {@code assert_invalid} (e.g. "type mismatch"), followed by where it was found;
 * {@link #reason()} gives the wording alone.
 */
public final class InvalidModuleException extends JwasmException {
    private static final long serialVersionUID = 1L;

    /** {@link #functionIndex()} when the error is not inside a function body. */
    public static final int NO_FUNCTION = -1;

    private final String reason;
    private final long offset;
    private final int functionIndex;

    public InvalidModuleException(String reason, long offset, int functionIndex) {
        super(describe(reason, offset, functionIndex));
        this.reason = reason;
        this.offset = offset;
        this.functionIndex = functionIndex;
    }

    public InvalidModuleException(String reason, long offset) {
        this(reason, offset, NO_FUNCTION);
    }

    private static String describe(String reason, long offset, int functionIndex) {
        return functionIndex == NO_FUNCTION
                ? reason + " (at byte offset " + offset + ")"
                : reason + " (in function " + functionIndex + ", at byte offset " + offset + ")";
    }

    /** The spec's message text, without the location. */
    public String reason() {
        return reason;
    }

    /** The byte offset in the binary, or -1 when unknown (e.g. a module built in memory). */
    public long offset() {
        return offset;
    }

    /** The function index (imports included) whose body is invalid, or {@link #NO_FUNCTION}. */
    public int functionIndex() {
        return functionIndex;
    }
}
