package dev.jwasm.internal.binary;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Test helper: builds module binaries by hand, sizes computed, so tests show only what matters. */
final class Bin {
    private Bin() {}

    static final byte[] HEADER = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};

    /** Bytes from ints (each 0..255), to write hex literals without casts. */
    static byte[] b(int... values) {
        var out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    static byte[] cat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] u32(long value) {
        var out = new ByteArrayOutputStream();
        do {
            int b = (int) (value & 0x7F);
            value >>>= 7;
            out.write(value != 0 ? b | 0x80 : b);
        } while (value != 0);
        return out.toByteArray();
    }

    /** A section: id, LEB size, content. */
    static byte[] section(int id, byte[]... content) {
        byte[] body = cat(content);
        return cat(b(id), u32(body.length), body);
    }

    /** A vector: LEB count, then the items. */
    static byte[] vec(byte[]... items) {
        return cat(u32(items.length), cat(items));
    }

    static byte[] name(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        return cat(u32(utf8.length), utf8);
    }

    static byte[] module(byte[]... sections) {
        return cat(HEADER, cat(sections));
    }

    /** A code section entry: size, locals vector, instruction bytes (which must end with 0x0B). */
    static byte[] body(byte[] locals, byte[] code) {
        byte[] content = cat(locals, code);
        return cat(u32(content.length), content);
    }

    /** A module with one function of type [] -> [] whose body is {@code code}. */
    static byte[] oneFunction(byte[] code) {
        return module(
                section(1, vec(b(0x60, 0, 0))),
                section(3, vec(b(0))),
                section(12, b(1)),
                section(10, vec(body(vec(), code))),
                section(11, vec(b(1, 0))));
    }
}
