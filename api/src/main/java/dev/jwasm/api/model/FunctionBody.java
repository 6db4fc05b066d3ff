package dev.jwasm.api.model;

import java.util.List;

/**
 * A function body in the code section (spec 5.5.13): its declared locals (parameters not
 * included), and its instructions, from {@code codeOffset} to {@code end} (just after the final
 * {@code end} opcode) in the module binary.
 */
public record FunctionBody(List<LocalGroup> localGroups, int localCount, int codeOffset, int end) {
    public FunctionBody {
        localGroups = List.copyOf(localGroups);
        long sum = 0;
        for (LocalGroup g : localGroups) {
            sum += g.count();
        }
        if (sum != localCount) {
            throw new IllegalArgumentException("local count " + localCount + " does not match groups");
        }
    }

    /** The type of declared local {@code index} (0 is the first local after the parameters). */
    public ValType localType(int index) {
        if (index < 0 || index >= localCount) {
            throw new IndexOutOfBoundsException("local " + index + " of " + localCount);
        }
        int remaining = index;
        for (LocalGroup g : localGroups) {
            if (remaining < g.count()) {
                return g.type();
            }
            remaining -= g.count();
        }
        throw new AssertionError("unreachable: counts were checked");
    }

    /** The code as an expression range. */
    public Expr code() {
        return new Expr(codeOffset, end);
    }
}
