package dev.jwasm.api.model;

/** Packed field storage of the GC proposal (spec 2.3.8): read back as an i32. */
public enum PackedType implements StorageType {
    I8(0x78, "i8", 1),
    I16(0x77, "i16", 2);

    private final int code;
    private final String text;
    private final int byteSize;

    PackedType(int code, String text, int byteSize) {
        this.code = code;
        this.text = text;
        this.byteSize = byteSize;
    }

    /** The binary encoding byte (spec 5.3.8). */
    public int code() {
        return code;
    }

    @Override
    public int byteSize() {
        return byteSize;
    }

    @Override
    public String toString() {
        return text;
    }
}
