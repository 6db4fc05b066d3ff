package dev.jwasm.wat;

import java.util.Arrays;

/** A constant argument of a script action, or an exact expected result. */
public sealed interface WastValue {
    record I32(int value) implements WastValue {}

    record I64(long value) implements WastValue {}

    /** An f32 as raw IEEE bits, so NaN payloads survive. */
    record F32(int bits) implements WastValue {}

    /** An f64 as raw IEEE bits. */
    record F64(long bits) implements WastValue {}

    /** A v128 in little-endian byte order (lane 0 first, spec 5.2.2). */
    record V128(byte[] bytes) implements WastValue {
        public V128 {
            if (bytes.length != 16) {
                throw new IllegalArgumentException("v128 needs 16 bytes, got " + bytes.length);
            }
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof V128 v && Arrays.equals(bytes, v.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "V128" + Arrays.toString(bytes);
        }
    }

    /** {@code (ref.null ht)}; {@code heapType} is the written heap type, e.g. "func" or "$t". */
    record RefNull(String heapType) implements WastValue {}

    /** {@code (ref.extern n)}: a host reference the embedder makes for the number n. */
    record RefExtern(long id) implements WastValue {}

    /** {@code (ref.host n)}. */
    record RefHost(long id) implements WastValue {}
}
