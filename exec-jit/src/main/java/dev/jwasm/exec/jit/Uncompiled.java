package dev.jwasm.exec.jit;

import java.util.Optional;

/**
 * A function the JIT left to the interpreter, and why.
 *
 * @param functionIndex the function's index in its module
 * @param name its name from the module's {@code name} section, if it has one
 * @param reason why it is not compiled
 * @param unsupported true when it uses something the JIT does not compile yet (a known gap, the
 *     same for every module that uses it), false when compiling it failed (a JIT bug)
 */
public record Uncompiled(int functionIndex, Optional<String> name, String reason, boolean unsupported) {
    /** {@code function 12 ($fib)}, or {@code function 12} without a name. */
    public String function() {
        return "function " + functionIndex + name.map(n -> " ($" + n + ")").orElse("");
    }

    @Override
    public String toString() {
        return function() + ": " + reason;
    }
}
