package dev.jwasm.api;

import dev.jwasm.api.model.GlobalType;
import dev.jwasm.api.model.ValType;
import dev.jwasm.spi.runtime.GlobalCell;
import java.util.Objects;

/**
 * A global variable (spec 4.2.10) as the host sees it: one an instance exports, or one the host
 * made to be imported. Values are raw bits as everywhere in the API (see {@link HostFunction}); a
 * v128 has its low half in {@link #get()} and its high half in {@link #getHigh()}. Two handles are
 * equal when they name the same global.
 */
public final class Global {
    private final GlobalCell cell;

    Global(GlobalCell cell) {
        this.cell = Objects.requireNonNull(cell, "cell");
    }

    /**
     * A global owned by the host, to {@linkplain Linker#define(String, String, Global) define} as an
     * import; every instance importing it shares it.
     *
     * @param value its initial raw value (the low half, for a v128)
     */
    public static Global create(GlobalType type, long value) {
        Objects.requireNonNull(type, "type");
        return new Global(new GlobalCell(type, normalized(type.type(), value)));
    }

    /**
     * A v128 global owned by the host, its value given as two halves.
     *
     * @throws JwasmException if {@code type} is not a v128 type
     */
    public static Global create(GlobalType type, long low, long high) {
        Objects.requireNonNull(type, "type");
        if (type.type() != ValType.V128) {
            throw new JwasmException("global of type " + type + " is not a v128");
        }
        var cell = new GlobalCell(type, low);
        cell.high = high;
        return new Global(cell);
    }

    public GlobalType type() {
        return cell.type();
    }

    public boolean isMutable() {
        return cell.type().mutable();
    }

    /** The raw value: an i32 or f32 in the low 32 bits (sign-extended), the low half of a v128. */
    public long get() {
        return cell.value;
    }

    /** The high 64 bits of a v128 global; 0 for other types. */
    public long getHigh() {
        return cell.type().type() == ValType.V128 ? cell.high : 0;
    }

    public int getInt() {
        return (int) cell.value;
    }

    public float getFloat() {
        return Float.intBitsToFloat((int) cell.value);
    }

    public double getDouble() {
        return Double.longBitsToDouble(cell.value);
    }

    /**
     * Sets the raw value (for a v128, its low half; see {@link #set(long, long)}).
     *
     * @throws JwasmException if the global is immutable
     */
    public void set(long value) {
        requireMutable();
        cell.value = normalized(cell.type().type(), value);
    }

    /**
     * Sets a v128 global's two halves.
     *
     * @throws JwasmException if the global is immutable or not a v128
     */
    public void set(long low, long high) {
        requireMutable();
        if (cell.type().type() != ValType.V128) {
            throw new JwasmException("global of type " + cell.type() + " is not a v128");
        }
        cell.value = low;
        cell.high = high;
    }

    private void requireMutable() {
        if (!cell.type().mutable()) {
            throw new JwasmException("global of type " + cell.type() + " is immutable: it cannot be set");
        }
    }

    /** Executors keep i32 and f32 values sign-extended from their low 32 bits. */
    private static long normalized(ValType type, long value) {
        return type == ValType.I32 || type == ValType.F32 ? (int) value : value;
    }

    GlobalCell cell() {
        return cell;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Global g && g.cell == cell;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(cell);
    }

    @Override
    public String toString() {
        return "Global[" + cell.type() + "]";
    }
}
