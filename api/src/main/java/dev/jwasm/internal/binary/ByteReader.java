package dev.jwasm.internal.binary;

import dev.jwasm.api.MalformedModuleException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads the binary format's primitive values (spec 5.2) from a module's bytes: bytes, LEB128
 * integers with the spec's rules on length and unused bits, IEEE floats, names and vector
 * lengths. Every failure is a {@link MalformedModuleException} with the testsuite's wording.
 *
 * <p>Like the reference interpreter, reads are bounded by the end of the whole input, not of the
 * current section or function; callers check section and body sizes afterwards. That is what makes
 * the error messages match the testsuite's expectations.
 */
final class ByteReader {
    static final String UNEXPECTED_END = "unexpected end of section or function";

    private final ByteBuffer bytes;
    private final int limit;
    private int pos;

    ByteReader(ByteBuffer bytes, int pos, int limit) {
        this.bytes = bytes;
        this.pos = pos;
        this.limit = limit;
    }

    int position() {
        return pos;
    }

    void position(int newPos) {
        pos = newPos;
    }

    int limit() {
        return limit;
    }

    boolean atEnd() {
        return pos >= limit;
    }

    int remaining() {
        return limit - pos;
    }

    MalformedModuleException error(String reason) {
        return new MalformedModuleException(reason, pos);
    }

    static MalformedModuleException errorAt(String reason, int offset) {
        return new MalformedModuleException(reason, offset);
    }

    /** The next byte without consuming it, or -1 at the end of input. */
    int peek() {
        return pos < limit ? bytes.get(pos) & 0xFF : -1;
    }

    int u8() {
        if (pos >= limit) {
            throw error(UNEXPECTED_END);
        }
        return bytes.get(pos++) & 0xFF;
    }

    void skip(int n) {
        if (n < 0 || n > limit - pos) {
            throw error(UNEXPECTED_END);
        }
        pos += n;
    }

    void readFully(byte[] out) {
        if (out.length > limit - pos) {
            throw error(UNEXPECTED_END);
        }
        bytes.get(pos, out);
        pos += out.length;
    }

    /** A u32 as an int holding the same 32 bits (values of 2^31 and up are negative). */
    int u32() {
        return (int) unsigned(32);
    }

    long u64() {
        return unsigned(64);
    }

    int s32() {
        return (int) signed(32);
    }

    long s33() {
        return signed(33);
    }

    long s64() {
        return signed(64);
    }

    /**
     * A u32 used as an index. Indexes of 2^31 and up can never be in range (no index space can be
     * that big), so they become {@link Integer#MAX_VALUE}, still out of range but never negative.
     */
    int index() {
        int value = u32();
        return value < 0 ? Integer.MAX_VALUE : value;
    }

    /**
     * A u32 length of something made of at least one byte per element: larger than what is left
     * of the input means the length is wrong ("length out of bounds"), checked before anything is
     * allocated for it.
     */
    int length() {
        int start = pos;
        long value = Integer.toUnsignedLong(u32());
        if (value > limit - pos) {
            throw errorAt("length out of bounds", start);
        }
        return (int) value;
    }

    /**
     * A u32 vector length. Like the reference interpreter, it is not checked against the input
     * left: reading the elements runs into the end instead. It is capped at one more than the bytes
     * left, which is enough to reach that end (every element takes at least one byte), so that
     * callers never loop or allocate for more elements than the input could hold.
     */
    int count() {
        long value = Integer.toUnsignedLong(u32());
        return (int) Math.min(value, (long) remaining() + 1);
    }

    /**
     * A list capacity for {@code count} elements that does not trust the count: a hostile binary
     * would otherwise make nested vectors allocate far more than their bytes could hold.
     */
    static int initialCapacity(int count) {
        return Math.min(count, 64);
    }

    int f32Bits() {
        if (4 > limit - pos) {
            throw error(UNEXPECTED_END);
        }
        int bits = (bytes.get(pos) & 0xFF)
                | (bytes.get(pos + 1) & 0xFF) << 8
                | (bytes.get(pos + 2) & 0xFF) << 16
                | (bytes.get(pos + 3) & 0xFF) << 24;
        pos += 4;
        return bits;
    }

    long f64Bits() {
        long low = Integer.toUnsignedLong(f32Bits());
        long high = Integer.toUnsignedLong(f32Bits());
        return high << 32 | low;
    }

    /** A name (spec 5.2.4): a length-prefixed, well-formed UTF-8 string. */
    String name() {
        int length = length();
        int start = pos;
        var slice = bytes.slice(start, length);
        pos += length;
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(slice)
                    .toString();
        } catch (CharacterCodingException e) {
            throw errorAt("malformed UTF-8 encoding", start);
        }
    }

    // Spec 5.2.2: an N-bit LEB128 uses at most ceil(N/7) bytes, and in the last one the bits
    // beyond N must be zero (unsigned) or copies of the sign bit (signed).
    private long unsigned(int bits) {
        int maxBytes = (bits + 6) / 7;
        long result = 0;
        int shift = 0;
        for (int i = 0; ; i++) {
            int b = u8();
            if (i == maxBytes - 1) {
                if ((b & 0x80) != 0) {
                    throw errorAt("integer representation too long", pos - 1);
                }
                int usedBits = bits - shift;
                if (usedBits < 7 && (b >>> usedBits) != 0) {
                    throw errorAt("integer too large", pos - 1);
                }
                return result | (long) b << shift;
            }
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
            shift += 7;
        }
    }

    private long signed(int bits) {
        int maxBytes = (bits + 6) / 7;
        long result = 0;
        int shift = 0;
        for (int i = 0; ; i++) {
            int b = u8();
            if (i == maxBytes - 1) {
                if ((b & 0x80) != 0) {
                    throw errorAt("integer representation too long", pos - 1);
                }
                int usedBits = bits - shift;
                if (usedBits < 7) {
                    int signAndUnused = b >> (usedBits - 1);
                    int allOnes = (1 << (8 - usedBits)) - 1;
                    if (signAndUnused != 0 && signAndUnused != allOnes) {
                        throw errorAt("integer too large", pos - 1);
                    }
                }
            }
            result |= (long) (b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) == 0) {
                if (shift < 64 && (b & 0x40) != 0) {
                    result |= -1L << shift;
                }
                return result;
            }
        }
    }
}
