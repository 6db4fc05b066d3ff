package dev.jwasm.spi.runtime;

import dev.jwasm.api.model.GlobalType;
import dev.jwasm.api.model.ValType;
import java.util.Objects;

/**
 * A global's storage (spec 4.2.10). Imports and exports share the cell itself, so every instance
 * that links a mutable global sees each write. Numbers are raw bits in {@link #value}; a v128 uses
 * {@link #value} for the low and {@link #high} for the high 64 bits; references are tagged values.
 */
public final class GlobalCell {
    private final GlobalType type;
    private final ValType canonicalType;
    /** Raw bits of the value (low half of a v128). Public: the hot path reads it directly. */
    public long value;
    /** High half of a v128; unused for other types. */
    public long high;

    /** A global made outside any module (by the host): its value type has no concrete heap types. */
    public GlobalCell(GlobalType type, long value) {
        this(type, type.type(), value);
    }

    /**
     * A module's global; {@code canonicalType} is its value type with type indexes replaced by
     * canonical ids, which import matching compares across modules.
     */
    public GlobalCell(GlobalType type, ValType canonicalType, long value) {
        this.type = Objects.requireNonNull(type, "type");
        this.canonicalType = Objects.requireNonNull(canonicalType, "canonicalType");
        this.value = value;
    }

    /** The value type in canonical form (concrete heap types name canonical type ids). */
    public ValType canonicalType() {
        return canonicalType;
    }

    public GlobalType type() {
        return type;
    }
}
