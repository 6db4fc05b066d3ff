package dev.jwasm.wat.internal.encode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A growable byte buffer with the binary format's LEB128 encodings (spec 5.2.2). */
final class Bytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Bytes b(int v) {
        out.write(v);
        return this;
    }

    Bytes u32(long v) {
        long x = v & 0xFFFFFFFFL;
        return u64(x);
    }

    Bytes u64(long v) {
        do {
            int byt = (int) (v & 0x7F);
            v >>>= 7;
            out.write(v != 0 ? byt | 0x80 : byt);
        } while (v != 0);
        return this;
    }

    Bytes s64(long v) {
        while (true) {
            int byt = (int) (v & 0x7F);
            v >>= 7;
            boolean done = (v == 0 && (byt & 0x40) == 0) || (v == -1 && (byt & 0x40) != 0);
            out.write(done ? byt : byt | 0x80);
            if (done) {
                return this;
            }
        }
    }

    Bytes raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    Bytes vec(Bytes nested) {
        return raw(nested.toArray());
    }

    Bytes name(String s) {
        return nameBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    Bytes nameBytes(byte[] utf8) {
        u32(utf8.length);
        return raw(utf8);
    }

    Bytes le32(int v) {
        for (int i = 0; i < 4; i++) {
            out.write(v >>> (8 * i));
        }
        return this;
    }

    Bytes le64(long v) {
        for (int i = 0; i < 8; i++) {
            out.write((int) (v >>> (8 * i)));
        }
        return this;
    }

    int size() {
        return out.size();
    }

    byte[] toArray() {
        return out.toByteArray();
    }
}
