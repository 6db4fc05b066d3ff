package dev.jwasm.wasi;

import static dev.jwasm.wasi.Guest.APPEND;
import static dev.jwasm.wasi.Guest.FD_READ;
import static dev.jwasm.wasi.Guest.FD_WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MoreFileOpsTest {
    private static final long FD_DATASYNC = 1L << 0;
    private static final long FD_FDSTAT_SET_FLAGS = 1L << 3;
    private static final long FD_SYNC = 1L << 4;
    private static final long FD_ADVISE = 1L << 7;
    private static final long FD_ALLOCATE = 1L << 8;

    @TempDir
    Path box;

    private Guest g;

    @BeforeEach
    void setUp() throws IOException {
        Files.writeString(box.resolve("f.txt"), "0123456789");
        g = new Guest(
                new WasiPreview1(WasiConfig.builder().preopen(box, "/", false).build()));
    }

    @Test
    void advisoryAndSyncCallsSucceedOnFilesWithTheRight() {
        int fd = g.openOk(3, "f.txt", 0, FD_READ | FD_WRITE | FD_ADVISE | FD_SYNC | FD_DATASYNC);
        assertEquals(Errno.SUCCESS, g.wasi.fdAdvise(g.mem, fd, 0, 10, 2));
        assertEquals(Errno.INVAL, g.wasi.fdAdvise(g.mem, fd, 0, 10, 6), "advice is 0..5");
        assertEquals(Errno.SUCCESS, g.wasi.fdSync(g.mem, fd));
        assertEquals(Errno.SUCCESS, g.wasi.fdDatasync(g.mem, fd));
        int noRights = g.openOk(3, "f.txt", 0, FD_READ);
        assertEquals(Errno.NOTCAPABLE, g.wasi.fdAdvise(g.mem, noRights, 0, 10, 0));
        assertEquals(Errno.NOTCAPABLE, g.wasi.fdSync(g.mem, noRights));
    }

    @Test
    void allocateGrowsButNeverShrinks() throws IOException {
        int fd = g.openOk(3, "f.txt", 0, FD_READ | FD_WRITE | FD_ALLOCATE);
        assertEquals(Errno.SUCCESS, g.wasi.fdAllocate(g.mem, fd, 10, 6));
        assertEquals(16, Files.size(box.resolve("f.txt")));
        assertEquals(Errno.SUCCESS, g.wasi.fdAllocate(g.mem, fd, 0, 4));
        assertEquals(16, Files.size(box.resolve("f.txt")));
    }

    @Test
    void appendCanBeSwitchedOnLater() throws IOException {
        int fd = g.openOk(3, "f.txt", 0, FD_READ | FD_WRITE | FD_FDSTAT_SET_FLAGS);
        assertEquals(Errno.SUCCESS, g.wasi.fdFdstatSetFlags(g.mem, fd, APPEND));
        assertEquals(Errno.SUCCESS, g.write(fd, "X"));
        assertEquals("0123456789X", Files.readString(box.resolve("f.txt")));
        assertEquals(Errno.NOTSUP, g.wasi.fdFdstatSetFlags(g.mem, fd, 16), "sync only at open");
    }

    @Test
    void hardLinkSharesTheFile() throws IOException {
        int l1 = TestMemory.putString(g.mem, Guest.PATH, "f.txt");
        int l2 = TestMemory.putString(g.mem, Guest.PATH2, "g.txt");
        assertEquals(Errno.SUCCESS, g.wasi.pathLink(g.mem, 3, 0, Guest.PATH, l1, 3, Guest.PATH2, l2));
        assertTrue(Files.isSameFile(box.resolve("f.txt"), box.resolve("g.txt")));
        assertEquals(Errno.EXIST, g.wasi.pathLink(g.mem, 3, 0, Guest.PATH, l1, 3, Guest.PATH2, l2));
    }

    @Test
    void renameReplacesAnExistingFile() throws IOException {
        Files.writeString(box.resolve("other.txt"), "other");
        assertEquals(Errno.SUCCESS, g.rename(3, "other.txt", 3, "f.txt"));
        assertEquals("other", Files.readString(box.resolve("f.txt")));
        assertEquals(Errno.NOENT, g.rename(3, "other.txt", 3, "x.txt"));
    }

    @Test
    void readlinkTruncatesToTheBuffer() throws IOException {
        Files.createSymbolicLink(box.resolve("l"), Path.of("f.txt"));
        int len = TestMemory.putString(g.mem, Guest.PATH, "l");
        assertEquals(Errno.SUCCESS, g.wasi.pathReadlink(g.mem, 3, Guest.PATH, len, 500, 3, 8));
        assertEquals(3, g.mem.readI32(8));
        assertEquals("f.t", TestMemory.string(g.mem, 500, 3));
        len = TestMemory.putString(g.mem, Guest.PATH, "f.txt");
        assertEquals(Errno.INVAL, g.wasi.pathReadlink(g.mem, 3, Guest.PATH, len, 500, 3, 8), "not a symlink");
    }

    @Test
    void anUnlinkedOpenFileStillHasItsSize() throws IOException {
        int fd = g.openOk(3, "f.txt", 0, FD_READ | (1L << 21));
        Files.delete(box.resolve("f.txt"));
        assertEquals(Errno.SUCCESS, g.wasi.fdFilestatGet(g.mem, fd, 600));
        assertEquals(10, g.mem.readI64(600 + 32));
        assertEquals(4, g.mem.readI8(600 + 16));
        assertEquals("0123", g.read(fd, 4));
    }

    @Test
    void closingEverythingReleasesFiles() {
        int fd = g.openOk(3, "f.txt", 0, FD_READ);
        g.wasi.close();
        assertEquals(null, g.read(fd, 1));
        assertEquals(Errno.BADF, g.lastErrno, "the channel is closed");
    }
}
