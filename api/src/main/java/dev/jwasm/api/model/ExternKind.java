package dev.jwasm.api.model;

/** The index spaces that imports and exports refer to, with their binary codes (spec 5.5.5). */
public enum ExternKind {
    FUNC("func"),
    TABLE("table"),
    MEMORY("memory"),
    GLOBAL("global"),
    TAG("tag");

    private static final ExternKind[] BY_CODE = values();

    private final String text;

    ExternKind(String text) {
        this.text = text;
    }

    /** The binary code: 0 func, 1 table, 2 memory, 3 global, 4 tag. */
    public int code() {
        return ordinal();
    }

    /** The kind with this code, or null. */
    public static ExternKind fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    @Override
    public String toString() {
        return text;
    }
}
