package dev.jwasm.exec.jit.internal;

import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.List;

/**
 * How compiled code reads and writes a memory through its {@link java.lang.foreign.MemorySegment}
 * (see {@link MemoryShape#segment}): per access width, the little-endian unaligned layout it passes
 * to {@code MemorySegment.get}/{@code set}. The layouts are static finals, so C2 sees constants and
 * folds the layout's checks away.
 */
final class SegmentAccess {
    static final String OWNER = "dev/jwasm/exec/jit/internal/SegmentAccess";
    static final String SEGMENT = "java/lang/foreign/MemorySegment";

    static final ValueLayout.OfByte I8 = ValueLayout.JAVA_BYTE;
    static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /**
     * One width: the layout's field here and its descriptor, the JVM type of the value
     * ({@code B S I J}) and the bytes accessed.
     */
    record Width(String field, String layout, char type, int bytes) {
        /** log2 of {@link #bytes}: 0 to 3. */
        int log2() {
            return Integer.numberOfTrailingZeros(bytes);
        }

        /** The descriptor of {@code MemorySegment.get} for this width. */
        String getDesc() {
            return "(" + layout + "J)" + type;
        }

        /** The descriptor of {@code MemorySegment.set} for this width. */
        String setDesc() {
            return "(" + layout + "J" + type + ")V";
        }
    }

    private static final Width BYTE = new Width("I8", "Ljava/lang/foreign/ValueLayout$OfByte;", 'B', 1);
    private static final Width SHORT = new Width("I16", "Ljava/lang/foreign/ValueLayout$OfShort;", 'S', 2);
    private static final Width INT = new Width("I32", "Ljava/lang/foreign/ValueLayout$OfInt;", 'I', 4);
    private static final Width LONG = new Width("I64", "Ljava/lang/foreign/ValueLayout$OfLong;", 'J', 8);

    /** Every width, narrowest first. */
    static final List<Width> WIDTHS = List.of(BYTE, SHORT, INT, LONG);

    private SegmentAccess() {}

    /** The width of an accessor whose value has JVM type {@code type} (see {@link Memory.Access}). */
    static Width of(char type) {
        return switch (type) {
            case 'B' -> BYTE;
            case 'S' -> SHORT;
            case 'I' -> INT;
            case 'J' -> LONG;
            default -> throw new IllegalArgumentException("no memory access of JVM type " + type);
        };
    }

    /** The width of the scalar access {@code a}: its accessor's value type. */
    static Width of(Memory.Access a) {
        String desc = a.desc();
        return of(a.load() ? desc.charAt(desc.length() - 1) : desc.charAt(2));
    }
}
