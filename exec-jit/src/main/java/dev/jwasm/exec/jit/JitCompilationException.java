package dev.jwasm.exec.jit;

import dev.jwasm.api.JwasmException;
import java.util.Objects;

/**
 * In strict mode ({@code Engine.builder().jitStrict(true)} or {@code -Djwasm.jit.strict=true}),
 * a function the JIT cannot compile: it fails instantiation (eager mode) or the module's first
 * call instead of running on the interpreter.
 */
public final class JitCompilationException extends JwasmException {
    private static final long serialVersionUID = 1L;

    private final transient Uncompiled function;

    public JitCompilationException(Uncompiled function) {
        super("JIT (strict mode) cannot compile " + Objects.requireNonNull(function, "function"));
        this.function = function;
    }

    /** Which function, and why. */
    public Uncompiled function() {
        return function;
    }
}
