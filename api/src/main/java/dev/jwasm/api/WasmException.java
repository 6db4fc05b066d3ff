package dev.jwasm.api;

import dev.jwasm.spi.runtime.ExceptionInstance;

/**
 * A WebAssembly exception (the exception-handling proposal, spec 4.4.8 "throw") in Java.
 * {@link ExportedFunction#call} throws it when Wasm code throws an exception that no handler
 * catches; a {@link HostFunction} throws it to raise an exception in the Wasm code that called it,
 * where a handler for its tag catches it. Tags match by identity: use the {@link Tag} the Wasm code
 * knows, e.g. from {@link Instance#tag(String)} or the one defined for its import.
 *
 * <p>Traps are a different thing and Wasm code never catches them (spec 4.4.3). Like a trap, a
 * Wasm exception leaves the engine and every instance usable, and captures no JVM stack trace:
 * exceptions are control flow in Wasm programs.
 */
public final class WasmException extends JwasmException {
    private static final long serialVersionUID = 1L;

    /** Transient: store state does not serialize; a deserialized copy keeps only its message. */
    private final transient ExceptionInstance exception;

    /**
     * An exception of {@code tag} with a raw {@code payload}: the tag type's params in the flat
     * layout of {@link HostFunction} (two longs per v128).
     *
     * @throws JwasmException if the payload does not fit the tag's type
     */
    public WasmException(Tag tag, long... payload) {
        this(new ExceptionInstance(tag.instance(), payload));
    }

    /** Throws (or rethrows) an existing exception, keeping its identity (executors, via the bridge). */
    WasmException(ExceptionInstance exception) {
        super(null, null, false);
        this.exception = exception;
    }

    /** The store-level exception: its tag, payload and identity. */
    ExceptionInstance exception() {
        return exception;
    }

    public Tag tag() {
        return new Tag(exception.tag());
    }

    /** A copy of the raw payload values. */
    public long[] payload() {
        return exception.payload();
    }

    /** Built only when asked for: throwing and catching in Wasm never needs the text. */
    @Override
    public String getMessage() {
        return exception == null ? "uncaught Wasm exception" : "uncaught Wasm " + exception;
    }
}
