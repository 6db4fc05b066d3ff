package dev.jwasm.memory.mmap;

import dev.jwasm.api.JwasmException;
import java.io.Serial;

/** The operating system refused to reserve, commit or release memory for a linear memory. */
public final class NativeMemoryException extends JwasmException {
    @Serial
    private static final long serialVersionUID = 1L;

    public NativeMemoryException(String message) {
        super(message);
    }

    public NativeMemoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
