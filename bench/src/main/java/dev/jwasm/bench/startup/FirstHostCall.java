package dev.jwasm.bench.startup;

/**
 * Thrown by the stub every import of a start-up benchmark is bound to: the program has reached its
 * first call out of Wasm, so its start-up (decode, validate, compile, instantiate, enter) is over.
 */
final class FirstHostCall extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FirstHostCall(String module, String name) {
        super("first host call: " + module + "." + name, null, false, false);
    }

    /** Whether {@code e}, or something it wraps, is a {@link FirstHostCall}. */
    static boolean reached(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FirstHostCall) {
                return true;
            }
        }
        return false;
    }
}
