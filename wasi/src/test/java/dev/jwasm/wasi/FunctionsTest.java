package dev.jwasm.wasi;

import static dev.jwasm.wasi.WasiFunction.ValType.I32;
import static dev.jwasm.wasi.WasiFunction.ValType.I64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.JwasmException;
import dev.jwasm.api.Memory;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class FunctionsTest {
    private final Memory mem = TestMemory.onePage();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final WasiPreview1 wasi =
            new WasiPreview1(WasiConfig.builder().stdout(out).build());

    @Test
    void tableHasAll46PreviewOneFunctionsOnce() {
        assertEquals(46, WasiFunctions.ALL.size());
        var names = new HashSet<String>();
        for (var f : WasiFunctions.ALL) {
            assertTrue(names.add(f.name()), "duplicate " + f.name());
            if (!f.name().equals("proc_exit")) {
                assertEquals(List.of(I32), f.results(), f.name() + " returns an errno");
            }
        }
        assertEquals(List.of(), WasiFunctions.byName("proc_exit").results());
        assertNull(WasiFunctions.byName("fd_nonesuch"));
    }

    @Test
    void signaturesMatchTheWitxLowering() {
        // witx: path_open(fd, dirflags, path, path_len, oflags, fs_rights_base: u64,
        //                 fs_rights_inheriting: u64, fdflags, retptr)
        assertEquals(
                List.of(I32, I32, I32, I32, I32, I64, I64, I32, I32),
                WasiFunctions.byName("path_open").params());
        assertEquals(
                List.of(I32, I64, I32, I32), WasiFunctions.byName("fd_seek").params());
        assertEquals(
                List.of(I32, I64, I32), WasiFunctions.byName("clock_time_get").params());
        assertEquals(
                List.of(I32, I32, I32, I32, I64, I64, I32),
                WasiFunctions.byName("path_filestat_set_times").params());
        assertEquals(List.of(), WasiFunctions.byName("sched_yield").params());
        assertEquals(
                List.of(I32, I32, I32, I64, I32),
                WasiFunctions.byName("fd_readdir").params());
    }

    @Test
    void invokingThroughTheTableCallsTheFunction() {
        TestMemory.putString(mem, 1000, "via table");
        TestMemory.iovec(mem, 0, 1000, 9);
        long errno = WasiFunctions.byName("fd_write").call(wasi, mem, 1, 0, 1, 100);
        assertEquals(Errno.SUCCESS, errno);
        assertEquals("via table", out.toString(StandardCharsets.UTF_8));
        assertThrows(
                JwasmException.class, () -> WasiFunctions.byName("fd_write").call(wasi, mem, 1));
    }

    @Test
    void procExitThrowsWithTheCode() {
        var e = assertThrows(
                WasiExitException.class, () -> WasiFunctions.byName("proc_exit").call(wasi, mem, 3));
        assertEquals(3, e.exitCode());
    }

    @Test
    void clocks() {
        assertEquals(Errno.SUCCESS, wasi.clockTimeGet(mem, 0, 1, 0));
        long realtime = mem.readI64(0);
        long nowMillis = System.currentTimeMillis();
        assertTrue(Math.abs(realtime / 1_000_000 - nowMillis) < 5_000, "realtime is epoch nanoseconds");
        assertEquals(Errno.SUCCESS, wasi.clockTimeGet(mem, 1, 1, 8));
        long t1 = mem.readI64(8);
        assertEquals(Errno.SUCCESS, wasi.clockTimeGet(mem, 1, 1, 8));
        assertTrue(mem.readI64(8) >= t1, "monotonic never goes back");
        assertEquals(Errno.SUCCESS, wasi.clockResGet(mem, 1, 16));
        assertTrue(mem.readI64(16) > 0);
        assertEquals(Errno.INVAL, wasi.clockTimeGet(mem, 9, 1, 0));
        assertEquals(Errno.FAULT, wasi.clockTimeGet(mem, 1, 1, 65535));
    }

    @Test
    void randomFillsTheBuffer() {
        assertEquals(Errno.SUCCESS, wasi.randomGet(mem, 100, 64));
        long nonZero = 0;
        for (int i = 100; i < 164; i++) {
            nonZero += mem.readI8(i) != 0 ? 1 : 0;
        }
        assertNotEquals(0, nonZero, "64 random bytes all zero (chance 2^-512)");
        assertEquals(0, mem.readI8(164), "nothing written past the buffer");
        assertEquals(Errno.SUCCESS, wasi.randomGet(mem, 100, 0));
        assertEquals(Errno.FAULT, wasi.randomGet(mem, 65500, 100));
    }

    @Test
    void pollOneoffSleepsForARelativeClock() {
        // subscription: userdata @0, tag @8 = clock, id @16 = monotonic, timeout @24 = 20 ms
        mem.writeI64(0, 0xABCDL);
        mem.writeI8(8, (byte) 0);
        mem.writeI32(16, 1);
        mem.writeI64(24, 20_000_000L);
        long start = System.nanoTime();
        assertEquals(Errno.SUCCESS, wasi.pollOneoff(mem, 0, 1000, 1, 2000));
        assertTrue(System.nanoTime() - start >= 20_000_000L, "slept at least the timeout");
        assertEquals(1, mem.readI32(2000));
        assertEquals(0xABCDL, mem.readI64(1000), "event userdata");
        assertEquals(0, mem.readI16(1008), "error");
        assertEquals(0, mem.readI8(1010), "type clock");
    }

    @Test
    void pollOneoffReportsAWritableStreamAtOnce() {
        // one clock far in the future and stdout for writing: only stdout fires
        mem.writeI64(0, 1);
        mem.writeI8(8, (byte) 0);
        mem.writeI32(16, 1);
        mem.writeI64(24, 60_000_000_000L);
        mem.writeI64(48, 2);
        mem.writeI8(56, (byte) 2);
        mem.writeI32(64, 1);
        assertEquals(Errno.SUCCESS, wasi.pollOneoff(mem, 0, 1000, 2, 2000));
        assertEquals(1, mem.readI32(2000));
        assertEquals(2, mem.readI64(1000));
        assertEquals(2, mem.readI8(1010), "type fd_write");
        assertEquals(Errno.INVAL, wasi.pollOneoff(mem, 0, 1000, 0, 2000));
    }

    @Test
    void pollOneoffWithAnUnknownClockReturnsItsErrorAtOnce() {
        mem.writeI64(0, 7);
        mem.writeI8(8, (byte) 0);
        mem.writeI32(16, 99); // no such clock
        mem.writeI64(48, 8);
        mem.writeI8(56, (byte) 0);
        mem.writeI32(64, 1);
        mem.writeI64(72, 60_000_000_000L); // a minute: must not be waited for
        long start = System.nanoTime();
        assertEquals(Errno.SUCCESS, wasi.pollOneoff(mem, 0, 1000, 2, 2000));
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "did not sleep");
        assertEquals(1, mem.readI32(2000));
        assertEquals(7, mem.readI64(1000));
        assertEquals(Errno.INVAL, mem.readI16(1008));
    }

    @Test
    void miscellaneous() {
        assertEquals(Errno.SUCCESS, wasi.schedYield(mem));
        assertEquals(Errno.NOSYS, wasi.procRaise(mem, 9));
    }
}
