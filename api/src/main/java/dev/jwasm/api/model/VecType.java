package dev.jwasm.api.model;

/** Vector types (spec 2.3.2): the 128-bit SIMD type. */
public enum VecType implements ValType {
    V128;

    /** The binary encoding byte (spec 5.3.2). */
    public int code() {
        return 0x7B;
    }

    @Override
    public int byteSize() {
        return 16;
    }

    @Override
    public boolean isDefaultable() {
        return true;
    }

    @Override
    public String toString() {
        return "v128";
    }
}
