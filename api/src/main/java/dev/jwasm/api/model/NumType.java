package dev.jwasm.api.model;

/** Number types (spec 2.3.1). */
public enum NumType implements ValType {
    I32(0x7F, "i32", 4),
    I64(0x7E, "i64", 8),
    F32(0x7D, "f32", 4),
    F64(0x7C, "f64", 8);

    private final int code;
    private final String text;
    private final int byteSize;

    NumType(int code, String text, int byteSize) {
        this.code = code;
        this.text = text;
        this.byteSize = byteSize;
    }

    /** The binary encoding byte (spec 5.3.1). */
    public int code() {
        return code;
    }

    @Override
    public int byteSize() {
        return byteSize;
    }

    @Override
    public boolean isDefaultable() {
        return true;
    }

    @Override
    public String toString() {
        return text;
    }
}
