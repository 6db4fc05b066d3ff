package dev.jwasm.api.model;

import java.util.Objects;

/**
 * A data segment (spec 2.5.8): its bytes are {@code length} bytes at {@code dataOffset} in the
 * module binary. Active segments have a memory index and offset expression; passive ones have
 * memory index 0 and a null offset.
 */
public record DataSegment(SegmentMode mode, int memoryIndex, Expr offset, int dataOffset, int length) {
    public DataSegment {
        Objects.requireNonNull(mode, "mode");
        if (mode == SegmentMode.DECLARATIVE) {
            throw new IllegalArgumentException("data segments are never declarative");
        }
        if ((mode == SegmentMode.ACTIVE) != (offset != null)) {
            throw new IllegalArgumentException("exactly active segments have an offset");
        }
        if (dataOffset < 0 || length < 0) {
            throw new IllegalArgumentException("bad data range " + dataOffset + "+" + length);
        }
    }
}
