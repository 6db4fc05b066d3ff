package dev.jwasm.wasi;

import dev.jwasm.api.JwasmException;

/**
 * Thrown by {@code proc_exit}: the program asked to terminate with {@link #exitCode()}. The
 * executor unwinds the Wasm stack with it; an embedder catches it to learn the exit status.
 */
public final class WasiExitException extends JwasmException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public WasiExitException(int exitCode) {
        // Exiting is control flow, not a fault: no JVM stack trace is captured.
        super("WASI program exited with code " + exitCode, null, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
