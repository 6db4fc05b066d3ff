package dev.jwasm.api;

/**
 * The bytes are not a well-formed Wasm binary (spec chapter 5). The message is the spec
 * testsuite's wording for {@code assert_malformed} (e.g. "unexpected end", "integer too large"),
 * followed by the byte offset; {@link #reason()} gives the wording alone.
 */
public final class MalformedModuleException extends JwasmException {
    private static final long serialVersionUID = 1L;

    private final String reason;
    private final long offset;

    public MalformedModuleException(String reason, long offset) {
        super(reason + " (at byte offset " + offset + ")");
        this.reason = reason;
        this.offset = offset;
    }

    /** The spec's message text, without the offset. */
    public String reason() {
        return reason;
    }

    /** The byte offset in the binary where the problem was found. */
    public long offset() {
        return offset;
    }
}
