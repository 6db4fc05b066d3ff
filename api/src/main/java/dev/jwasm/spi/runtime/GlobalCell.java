package dev.jwasm.spi.runtime;

import dev.jwasm.api.model.GlobalType;
import java.util.Objects;

/**
 * A global's storage (spec 4.2.10). Imports and exports share the cell itself, so every instance
 * that links a mutable global sees each write. Numbers are raw bits in {@link #value}; a v128 uses
 * {@link #value} for the low and {@link #high} for the high 64 bits; references are tagged values.
 */
public final class GlobalCell {
    private final GlobalType type;
    /** Raw bits of the value (low half of a v128). Public: the hot path reads it directly. */
    public long value;
    /** High half of a v128; unused for other types. */
    public long high;

    public GlobalCell(GlobalType type, long value) {
        this.type = Objects.requireNonNull(type, "type");
        this.value = value;
    }

    public GlobalType type() {
        return type;
    }
}
