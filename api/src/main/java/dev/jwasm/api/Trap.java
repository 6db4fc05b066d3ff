package dev.jwasm.api;

/**
 * Wasm execution stopped with a trap. The engine and every other instance stay usable; the
 * instance that trapped keeps whatever state it had reached (spec 4.4.3, "Traps").
 *
 * <p>Traps are control flow in Wasm programs and tests, so no JVM stack trace is captured.
 */
public final class Trap extends JwasmException {
    private static final long serialVersionUID = 1L;

    private final TrapKind kind;

    public Trap(TrapKind kind) {
        super(kind.message(), null, false);
        this.kind = kind;
    }

    public Trap(TrapKind kind, String detail) {
        super(kind.message() + ": " + detail, null, false);
        this.kind = kind;
    }

    public TrapKind kind() {
        return kind;
    }
}
