package dev.jwasm.api;

/** The root of every error jwasm reports to an embedder: bad input, bad configuration, or a trap. */
public class JwasmException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JwasmException(String message) {
        super(message);
    }

    public JwasmException(String message, Throwable cause) {
        super(message, cause);
    }

    /** For exceptions thrown often on purpose (traps): no JVM stack trace is captured. */
    protected JwasmException(String message, Throwable cause, boolean captureStackTrace) {
        super(message, cause, true, captureStackTrace);
    }
}
