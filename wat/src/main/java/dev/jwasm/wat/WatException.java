package dev.jwasm.wat;

import dev.jwasm.api.JwasmException;

/**
 * Malformed text: a lexical or syntactic error in a {@code .wat} module or {@code .wast} script. The
 * message starts with {@code line:column: } and then states the problem in the reference
 * interpreter's words where the testsuite checks them (for example "unknown operator").
 */
public final class WatException extends JwasmException {
    private static final long serialVersionUID = 1L;

    private final transient SourcePos position;
    private final String reason;

    public WatException(SourcePos position, String reason) {
        super(position + ": " + reason);
        this.position = position;
        this.reason = reason;
    }

    /** Where the problem is. */
    public SourcePos position() {
        return position;
    }

    /** The problem without its position, for comparison with a testsuite's expected text. */
    public String reason() {
        return reason;
    }
}
