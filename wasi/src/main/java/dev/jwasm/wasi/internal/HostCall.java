package dev.jwasm.wasi.internal;

import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.wasi.Errno;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.InvalidPathException;

/** The boundary of every WASI function: failures become the errno the guest sees. */
public final class HostCall {
    private HostCall() {}

    /** A function body, free to fail with {@link WasiError} or an I/O exception. */
    @FunctionalInterface
    public interface Body {
        int run() throws WasiError, IOException;
    }

    /** Runs {@code body}; a pointer outside memory is {@code EFAULT}, not a trap. */
    public static int call(Body body) {
        try {
            return body.run();
        } catch (WasiError e) {
            return e.errno();
        } catch (IOException e) {
            return IoErrors.errno(e);
        } catch (UncheckedIOException e) {
            return IoErrors.errno(e.getCause());
        } catch (Trap t) {
            if (t.kind() == TrapKind.OUT_OF_BOUNDS_MEMORY) {
                return Errno.FAULT;
            }
            throw t;
        } catch (InvalidPathException e) {
            return Errno.INVAL;
        } catch (SecurityException | UnsupportedOperationException | IllegalStateException e) {
            return IoErrors.errno(e);
        }
    }
}
