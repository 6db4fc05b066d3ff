package dev.jwasm.wat;

/** A 1-based line and column in a text source; columns count UTF-16 chars. */
public record SourcePos(int line, int column) {
    @Override
    public String toString() {
        return line + ":" + column;
    }
}
