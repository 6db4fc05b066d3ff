package dev.jwasm.wasi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jwasm.api.ConfigurationException;
import dev.jwasm.api.Memory;
import org.junit.jupiter.api.Test;

class ArgsEnvTest {
    private final Memory mem = TestMemory.onePage();

    @Test
    void argsSizesCountEveryArgumentWithItsNul() {
        var wasi = new WasiPreview1(
                WasiConfig.builder().arg("prog").arg("h\u00e9llo").build());
        assertEquals(Errno.SUCCESS, wasi.argsSizesGet(mem, 0, 4));
        assertEquals(2, mem.readI32(0));
        // "prog\0" = 5 bytes, "héllo\0" = 7 bytes (é is two UTF-8 bytes)
        assertEquals(12, mem.readI32(4));
    }

    @Test
    void argsGetWritesPointersThenPackedNulTerminatedStrings() {
        var wasi = new WasiPreview1(
                WasiConfig.builder().arg("prog").arg("h\u00e9llo").build());
        assertEquals(Errno.SUCCESS, wasi.argsGet(mem, 100, 200));
        assertEquals(200, mem.readI32(100));
        assertEquals(205, mem.readI32(104));
        byte[] expected = {'p', 'r', 'o', 'g', 0, 'h', (byte) 0xC3, (byte) 0xA9, 'l', 'l', 'o', 0};
        assertArrayEquals(expected, TestMemory.bytes(mem, 200, 12));
        assertEquals(0, mem.readI8(212), "nothing written past the strings");
    }

    @Test
    void environIsKeyEqualsValueInInsertionOrder() {
        var wasi = new WasiPreview1(
                WasiConfig.builder().env("B", "2").env("A", "one").build());
        assertEquals(Errno.SUCCESS, wasi.environSizesGet(mem, 0, 4));
        assertEquals(2, mem.readI32(0));
        assertEquals(4 + 6, mem.readI32(4)); // "B=2\0" and "A=one\0"
        assertEquals(Errno.SUCCESS, wasi.environGet(mem, 16, 64));
        assertEquals(64, mem.readI32(16));
        assertEquals(68, mem.readI32(20));
        assertEquals("B=2\0A=one\0", TestMemory.string(mem, 64, 10));
    }

    @Test
    void denyByDefaultMeansNoArgumentsAndNoEnvironment() {
        var wasi = new WasiPreview1(WasiConfig.builder().build());
        mem.writeI32(0, 99);
        mem.writeI32(4, 99);
        assertEquals(Errno.SUCCESS, wasi.environSizesGet(mem, 0, 4));
        assertEquals(0, mem.readI32(0));
        assertEquals(0, mem.readI32(4));
        assertEquals(Errno.SUCCESS, wasi.argsSizesGet(mem, 0, 4));
        assertEquals(0, mem.readI32(0));
    }

    @Test
    void pointerOutsideMemoryIsFault() {
        var wasi = new WasiPreview1(WasiConfig.builder().arg("x").build());
        assertEquals(Errno.FAULT, wasi.argsSizesGet(mem, 65534, 0));
        assertEquals(Errno.FAULT, wasi.argsGet(mem, 0, -1));
        assertEquals(Errno.FAULT, wasi.argsGet(mem, 0, 65535), "\"x\\0\" needs two bytes");
        assertEquals(0, mem.readI32(0), "a failed call leaves memory unchanged");
    }

    @Test
    void badEnvironmentNamesAreRejectedAtConfiguration() {
        assertThrows(ConfigurationException.class, () -> WasiConfig.builder().env("A=B", "x"));
        assertThrows(ConfigurationException.class, () -> WasiConfig.builder().arg("a\0b"));
    }
}
