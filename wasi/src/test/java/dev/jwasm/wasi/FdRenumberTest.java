package dev.jwasm.wasi;

import static dev.jwasm.wasi.Guest.CREAT;
import static dev.jwasm.wasi.Guest.FD_READ;
import static dev.jwasm.wasi.Guest.FD_WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fd_renumber as wasmtime's preview1 does it: the descriptor at {@code from} moves to {@code to},
 * whatever {@code to} held (stdio, a preopen) is dropped without closing any host stream, and
 * {@code to} need not be open (its fd_renumber test renumbers to 127). A number past the table is
 * ENOMEM, which that test accepts.
 */
class FdRenumberTest {
    @TempDir
    Path box;

    /** The embedder's stdout: it must never be closed by the guest. */
    static final class Recording extends ByteArrayOutputStream {
        boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }

    private final Recording stdout = new Recording();
    private Guest g;

    @BeforeEach
    void setUp() {
        g = new Guest(new WasiPreview1(
                WasiConfig.builder().preopen(box, ".", false).stdout(stdout).build()));
    }

    @Test
    void aFileRenumberedOverStdoutReceivesItsWrites() throws IOException {
        int fd = g.openOk(3, "out.txt", CREAT, FD_READ | FD_WRITE);
        assertEquals(Errno.SUCCESS, g.wasi.fdRenumber(g.mem, fd, 1));
        assertEquals(Errno.SUCCESS, g.write(1, "to the file"));
        assertEquals(Errno.BADF, g.write(fd, "x"));
        assertEquals("to the file", Files.readString(box.resolve("out.txt")));
        assertEquals(0, stdout.size());
        assertFalse(stdout.closed, "the embedder's stdout was closed");
    }

    @Test
    void stdoutRenumberedOverAFileKeepsWritingToTheEmbeddersStream() throws IOException {
        int fd = g.openOk(3, "out.txt", CREAT, FD_READ | FD_WRITE);
        assertEquals(Errno.SUCCESS, g.wasi.fdRenumber(g.mem, 1, fd));
        assertEquals(Errno.BADF, g.write(1, "x"));
        assertEquals(Errno.SUCCESS, g.write(fd, "still stdout"));
        assertEquals("still stdout", stdout.toString());
        assertEquals("", Files.readString(box.resolve("out.txt")));
    }

    @Test
    void aPreopenMovesWithItsSandbox() {
        assertEquals(Errno.SUCCESS, g.wasi.fdRenumber(g.mem, 3, 10));
        assertEquals(Errno.BADF, g.open(3, 0, "new.txt", CREAT, FD_WRITE, 0));
        int fd = g.openOk(10, "new.txt", CREAT, FD_WRITE);
        assertTrue(fd != 10);
        assertEquals(Errno.SUCCESS, g.wasi.fdPrestatGet(g.mem, 10, 200));
        assertEquals(Errno.BADF, g.wasi.fdPrestatGet(g.mem, 3, 200));
        assertTrue(Files.exists(box.resolve("new.txt")));
    }

    @Test
    void aFileRenumberedOverAPreopenIsNoLongerADirectory() {
        int fd = g.openOk(3, "f.txt", CREAT, FD_WRITE);
        assertEquals(Errno.SUCCESS, g.wasi.fdRenumber(g.mem, fd, 3));
        assertEquals(Errno.BADF, g.wasi.fdPrestatGet(g.mem, 3, 200));
        assertEquals(Errno.NOTDIR, g.open(3, 0, "other.txt", CREAT, FD_WRITE, 0));
    }

    @Test
    void renumberingToAFreeNumberWorksAndFreesTheOldOne() {
        assertEquals(Errno.SUCCESS, g.wasi.fdRenumber(g.mem, 0, 0));
        int fd = g.openOk(3, "f.txt", CREAT, FD_WRITE);
        assertEquals(Errno.SUCCESS, g.wasi.fdRenumber(g.mem, fd, 127));
        assertEquals(Errno.SUCCESS, g.write(127, "ok"));
        assertEquals(Errno.BADF, g.write(fd, "x"));
        // The freed low number is handed out again.
        assertEquals(fd, g.openOk(3, "g.txt", CREAT, FD_WRITE));
        assertEquals(Errno.NOMEM, g.wasi.fdRenumber(g.mem, 127, -1));
        assertEquals(Errno.SUCCESS, g.write(127, "still open"));
        assertEquals(Errno.BADF, g.wasi.fdRenumber(g.mem, 50, 4));
    }
}
