package dev.jwasm.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jwasm.api.Memory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StreamsTest {
    private final Memory mem = TestMemory.onePage();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final WasiPreview1 wasi = new WasiPreview1(WasiConfig.builder()
            .stdin(new ByteArrayInputStream("input!".getBytes(StandardCharsets.UTF_8)))
            .stdout(out)
            .stderr(err)
            .build());

    @Test
    void fdWriteGathersAllIovecsToStdout() {
        TestMemory.putString(mem, 1000, "Hello, ");
        TestMemory.putString(mem, 2000, "world\n");
        TestMemory.iovec(mem, 0, 1000, 7);
        TestMemory.iovec(mem, 8, 2000, 6);
        assertEquals(Errno.SUCCESS, wasi.fdWrite(mem, 1, 0, 2, 100));
        assertEquals("Hello, world\n", out.toString(StandardCharsets.UTF_8));
        assertEquals(13, mem.readI32(100));
        assertEquals(0, err.size());
    }

    @Test
    void fdWriteToStderrGoesOnlyThere() {
        TestMemory.putString(mem, 1000, "oops");
        TestMemory.iovec(mem, 0, 1000, 4);
        assertEquals(Errno.SUCCESS, wasi.fdWrite(mem, 2, 0, 1, 100));
        assertEquals("oops", err.toString(StandardCharsets.UTF_8));
        assertEquals(0, out.size());
    }

    @Test
    void fdWriteToUnknownOrReadOnlyDescriptorIsBadf() {
        TestMemory.iovec(mem, 0, 1000, 4);
        assertEquals(Errno.BADF, wasi.fdWrite(mem, 7, 0, 1, 100));
        assertEquals(Errno.BADF, wasi.fdWrite(mem, 0, 0, 1, 100));
        assertEquals(Errno.BADF, wasi.fdWrite(mem, -1, 0, 1, 100));
    }

    @Test
    void fdWriteWithIovecOutsideMemoryIsFaultAndWritesNothing() {
        TestMemory.iovec(mem, 0, 65530, 10);
        assertEquals(Errno.FAULT, wasi.fdWrite(mem, 1, 0, 1, 100));
        assertEquals(0, out.size());
    }

    @Test
    void fdReadFromStdinFillsIovecsInOrder() {
        TestMemory.iovec(mem, 0, 1000, 2);
        TestMemory.iovec(mem, 8, 2000, 10);
        assertEquals(Errno.SUCCESS, wasi.fdRead(mem, 0, 0, 2, 100));
        assertEquals(6, mem.readI32(100));
        assertEquals("in", TestMemory.string(mem, 1000, 2));
        assertEquals("put!", TestMemory.string(mem, 2000, 4));
        assertEquals(Errno.SUCCESS, wasi.fdRead(mem, 0, 0, 2, 100));
        assertEquals(0, mem.readI32(100), "end of stream reads 0 bytes");
    }

    @Test
    void streamsCannotSeek() {
        assertEquals(Errno.SPIPE, wasi.fdSeek(mem, 1, 0, 0, 100));
        assertEquals(Errno.SPIPE, wasi.fdTell(mem, 0, 100));
    }

    @Test
    void fdstatOfStdoutIsACharacterDevice() {
        assertEquals(Errno.SUCCESS, wasi.fdFdstatGet(mem, 1, 64));
        assertEquals(2, mem.readI8(64), "filetype character_device");
        long rights = mem.readI64(64 + 8);
        assertEquals(1L << 6, rights & (1L << 6), "fd_write right");
        assertEquals(0, rights & (1L << 1), "no fd_read right");
    }

    @Test
    void closedDescriptorIsBadfAfterwards() {
        assertEquals(Errno.SUCCESS, wasi.fdClose(mem, 1));
        assertEquals(Errno.BADF, wasi.fdClose(mem, 1));
        assertEquals(Errno.BADF, wasi.fdFdstatGet(mem, 1, 64));
    }

    @Test
    void renumberMovesADescriptor() {
        assertEquals(Errno.SUCCESS, wasi.fdRenumber(mem, 2, 1));
        TestMemory.putString(mem, 1000, "x");
        TestMemory.iovec(mem, 0, 1000, 1);
        assertEquals(Errno.SUCCESS, wasi.fdWrite(mem, 1, 0, 1, 100));
        assertEquals("x", err.toString(StandardCharsets.UTF_8));
        assertEquals(Errno.BADF, wasi.fdWrite(mem, 2, 0, 1, 100));
        assertEquals(Errno.BADF, wasi.fdRenumber(mem, 2, 1));
    }

    @Test
    void socketsAreNotSockets() {
        assertEquals(Errno.NOTSOCK, wasi.sockShutdown(mem, 1, 1));
        assertEquals(Errno.BADF, wasi.sockShutdown(mem, 42, 1));
        assertEquals(Errno.NOTSOCK, wasi.sockAccept(mem, 0, 0, 100));
    }
}
