package dev.jwasm.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Wasm execution stopped with a trap. The engine and every other instance stay usable; the
 * instance that trapped keeps whatever state it had reached (spec 4.4.3, "Traps").
 *
 * <p>Traps are control flow in Wasm programs and tests, so no JVM stack trace is captured. Instead
 * a trap that reaches the host carries the Wasm functions that were active, innermost first
 * ({@link #wasmStackTrace()}), which the executor records while it unwinds.
 */
public final class Trap extends JwasmException {
    private static final long serialVersionUID = 1L;

    private final TrapKind kind;
    /** Filled by executors on the way out only; not part of the serialized form. */
    private transient List<WasmFrame> frames;

    public Trap(TrapKind kind) {
        this(kind.message(), kind);
    }

    public Trap(TrapKind kind, String detail) {
        this(kind.message() + ": " + detail, kind);
    }

    private Trap(String message, TrapKind kind) {
        super(message, null, false);
        this.kind = kind;
    }

    /**
     * A trap whose message names an index after the spec wording, as the reference interpreter
     * does for table elements: {@code "uninitialized element 2"}.
     */
    public static Trap atIndex(TrapKind kind, long index) {
        return new Trap(kind.message() + " " + index, kind);
    }

    public TrapKind kind() {
        return kind;
    }

    /**
     * The Wasm frames that were active when the trap happened, innermost first; empty if it came
     * from outside Wasm code (a host function called directly, instantiation).
     */
    public List<WasmFrame> wasmStackTrace() {
        return frames == null ? List.of() : List.copyOf(frames);
    }

    /**
     * Appends the next-outer Wasm frame: executors call this, innermost first, as the trap leaves
     * each frame (including frames of outer invocations when a host function called back into
     * Wasm). Not for embedders.
     */
    public void addWasmFrame(WasmFrame frame) {
        Objects.requireNonNull(frame, "frame");
        if (frames == null) {
            frames = new ArrayList<>();
        }
        frames.add(frame);
    }
}
