package dev.jwasm.wasi.internal;

import dev.jwasm.wasi.Errno;

/**
 * Internal control flow: a WASI call failed with {@link #errno()}. Caught at the function boundary
 * and returned to the guest; never escapes the module.
 */
public final class WasiError extends Exception {
    private static final long serialVersionUID = 1L;

    private final int errno;

    public WasiError(int errno) {
        super(Errno.name(errno), null, false, false);
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
