package dev.jwasm.internal.binary;

import static dev.jwasm.internal.binary.Bin.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jwasm.api.MalformedModuleException;
import java.nio.ByteBuffer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

// Expected values are worked out by hand from the LEB128 definition (spec 5.2.2).
class ByteReaderTest {
    private static ByteReader reader(byte[] bytes) {
        return new ByteReader(ByteBuffer.wrap(bytes), 0, bytes.length);
    }

    private static String failure(byte[] bytes, Function<ByteReader, ?> read) {
        return assertThrows(MalformedModuleException.class, () -> read.apply(reader(bytes)))
                .reason();
    }

    @Test
    void unsigned32() {
        assertEquals(0, reader(b(0x00)).u32());
        assertEquals(624485, reader(b(0xE5, 0x8E, 0x26)).u32());
        assertEquals(3, reader(b(0x83, 0x80, 0x80, 0x80, 0x00)).u32(), "padded to five bytes is fine");
        assertEquals(-1, reader(b(0xFF, 0xFF, 0xFF, 0xFF, 0x0F)).u32(), "2^32-1 keeps all 32 bits");
        assertEquals("integer too large", failure(b(0xFF, 0xFF, 0xFF, 0xFF, 0x1F), ByteReader::u32));
        assertEquals(
                "integer representation too long", failure(b(0x80, 0x80, 0x80, 0x80, 0x80, 0x00), ByteReader::u32));
        assertEquals(ByteReader.UNEXPECTED_END, failure(b(0x80, 0x80), ByteReader::u32));
    }

    @Test
    void signed32() {
        assertEquals(-1, reader(b(0x7F)).s32());
        assertEquals(-123456, reader(b(0xC0, 0xBB, 0x78)).s32());
        assertEquals(Integer.MIN_VALUE, reader(b(0x80, 0x80, 0x80, 0x80, 0x78)).s32());
        assertEquals(Integer.MAX_VALUE, reader(b(0xFF, 0xFF, 0xFF, 0xFF, 0x07)).s32());
        assertEquals(-1, reader(b(0xFF, 0xFF, 0xFF, 0xFF, 0x7F)).s32(), "padded -1");
        // Unused bits must copy the sign bit (bit 3 of the fifth byte).
        assertEquals("integer too large", failure(b(0xFF, 0xFF, 0xFF, 0xFF, 0x0F), ByteReader::s32));
        assertEquals("integer too large", failure(b(0x80, 0x80, 0x80, 0x80, 0x70), ByteReader::s32));
    }

    @Test
    void signed33And64() {
        assertEquals(0xFFFF_FFFFL, reader(b(0xFF, 0xFF, 0xFF, 0xFF, 0x0F)).s33(), "2^32-1 fits an s33");
        assertEquals("integer too large", failure(b(0xFF, 0xFF, 0xFF, 0xFF, 0x1F), ByteReader::s33));
        assertEquals(
                Long.MIN_VALUE,
                reader(b(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F))
                        .s64());
        assertEquals(
                Long.MAX_VALUE,
                reader(b(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00))
                        .s64());
        assertEquals(
                "integer too large",
                failure(b(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01), ByteReader::s64));
        assertEquals(
                -1L,
                reader(b(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01))
                        .u64());
        assertEquals(
                "integer too large",
                failure(b(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x03), ByteReader::u64));
    }

    @Test
    void namesMustBeWellFormedUtf8() {
        assertEquals("é", reader(b(2, 0xC3, 0xA9)).name());
        assertEquals("", reader(b(0)).name());
        assertEquals("malformed UTF-8 encoding", failure(b(2, 0xC0, 0x80), ByteReader::name), "overlong NUL");
        assertEquals("malformed UTF-8 encoding", failure(b(3, 0xED, 0xA0, 0x80), ByteReader::name), "surrogate");
        assertEquals("malformed UTF-8 encoding", failure(b(1, 0xFF), ByteReader::name));
        assertEquals("length out of bounds", failure(b(5, 0x61), ByteReader::name));
    }

    @Test
    void indexesBeyondIntRangeStayOutOfRange() {
        assertEquals(Integer.MAX_VALUE, reader(b(0xFF, 0xFF, 0xFF, 0xFF, 0x0F)).index());
        assertEquals(Integer.MAX_VALUE, reader(b(0x80, 0x80, 0x80, 0x80, 0x08)).index());
        assertEquals(5, reader(b(0x05)).index());
    }

    @Test
    void countsAreCappedByTheInputLeft() {
        assertEquals(2, reader(b(0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x00)).count(), "one byte left, so at most 2");
        assertEquals(1, reader(b(0x01, 0x00)).count());
    }

    @Test
    void floatsAreLittleEndianBits() {
        assertEquals(0x3F800000, reader(b(0x00, 0x00, 0x80, 0x3F)).f32Bits());
        assertEquals(
                0x7FF8_0000_0000_0001L,
                reader(b(0x01, 0, 0, 0, 0, 0, 0xF8, 0x7F)).f64Bits());
        assertEquals(ByteReader.UNEXPECTED_END, failure(b(0x00, 0x00, 0x80), ByteReader::f32Bits));
    }
}
