package dev.jwasm.api.model;

/**
 * An expression's place in the module binary (spec 2.4.9): from {@code offset}, its first
 * instruction, to {@code end}, just after its final {@code end} opcode. Constant expressions
 * (global and table initializers, segment offsets and items) are kept in this form and decoded
 * with the same instruction reader as function bodies.
 */
public record Expr(int offset, int end) {
    public Expr {
        if (offset < 0 || end <= offset) {
            throw new IllegalArgumentException("bad expression range " + offset + ".." + end);
        }
    }
}
