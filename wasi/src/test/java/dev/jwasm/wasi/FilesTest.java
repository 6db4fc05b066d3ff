package dev.jwasm.wasi;

import static dev.jwasm.wasi.Guest.APPEND;
import static dev.jwasm.wasi.Guest.CREAT;
import static dev.jwasm.wasi.Guest.DIRECTORY;
import static dev.jwasm.wasi.Guest.EXCL;
import static dev.jwasm.wasi.Guest.FD_FILESTAT_GET;
import static dev.jwasm.wasi.Guest.FD_FILESTAT_SET_SIZE;
import static dev.jwasm.wasi.Guest.FD_READ;
import static dev.jwasm.wasi.Guest.FD_READDIR;
import static dev.jwasm.wasi.Guest.FD_SEEK;
import static dev.jwasm.wasi.Guest.FD_TELL;
import static dev.jwasm.wasi.Guest.FD_WRITE;
import static dev.jwasm.wasi.Guest.TRUNC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.Memory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesTest {
    private static final long RW = FD_READ | FD_WRITE | FD_SEEK | FD_TELL | FD_FILESTAT_GET | FD_FILESTAT_SET_SIZE;

    @TempDir
    Path box;

    private Guest g;

    @BeforeEach
    void setUp() throws IOException {
        Files.writeString(box.resolve("hello.txt"), "hello world");
        Files.createDirectory(box.resolve("sub"));
        g = new Guest(new WasiPreview1(
                WasiConfig.builder().preopen(box, "/sandbox", false).build()));
    }

    @Test
    void prestatNamesThePreopen() {
        assertEquals(Errno.SUCCESS, g.wasi.fdPrestatGet(g.mem, 3, 64));
        assertEquals(0, g.mem.readI8(64), "tag dir");
        assertEquals(8, g.mem.readI32(68));
        assertEquals(Errno.SUCCESS, g.wasi.fdPrestatDirName(g.mem, 3, 200, 8));
        assertEquals("/sandbox", TestMemory.string(g.mem, 200, 8));
        assertEquals(Errno.NAMETOOLONG, g.wasi.fdPrestatDirName(g.mem, 3, 200, 7));
        assertEquals(Errno.BADF, g.wasi.fdPrestatGet(g.mem, 1, 64));
        assertEquals(Errno.BADF, g.wasi.fdPrestatGet(g.mem, 4, 64));
    }

    @Test
    void openReadSeekTell() {
        int fd = g.openOk(3, "hello.txt", 0, FD_READ | FD_SEEK | FD_TELL);
        assertEquals(4, fd, "first fd after stdio and one preopen");
        assertEquals("hello", g.read(fd, 5));
        assertEquals(Errno.SUCCESS, g.wasi.fdTell(g.mem, fd, 300));
        assertEquals(5, g.mem.readI64(300));
        assertEquals(Errno.SUCCESS, g.wasi.fdSeek(g.mem, fd, -3, 2, 300));
        assertEquals(8, g.mem.readI64(300));
        assertEquals("rld", g.read(fd, 100));
        assertEquals("", g.read(fd, 100), "at end of file");
        assertEquals(Errno.INVAL, g.wasi.fdSeek(g.mem, fd, -100, 1, 300));
        assertEquals(Errno.INVAL, g.wasi.fdSeek(g.mem, fd, 0, 3, 300));
    }

    @Test
    void missingFileIsNoent() {
        assertEquals(Errno.NOENT, g.open(3, 0, "nope.txt", 0, FD_READ, 0));
        assertEquals(Errno.NOENT, g.open(3, 0, "nope/x.txt", CREAT, FD_WRITE, 0));
        assertEquals(Errno.NOTDIR, g.open(3, 0, "hello.txt/x", 0, FD_READ, 0));
        assertEquals(Errno.NOTDIR, g.open(3, 0, "hello.txt", DIRECTORY, FD_READ, 0));
    }

    @Test
    void createWriteAndExclusiveCreate() throws IOException {
        int fd = g.openOk(3, "new.txt", CREAT | TRUNC, RW);
        assertEquals(Errno.SUCCESS, g.write(fd, "abc"));
        assertEquals(3, g.mem.readI32(8));
        assertEquals(Errno.SUCCESS, g.wasi.fdClose(g.mem, fd));
        assertEquals("abc", Files.readString(box.resolve("new.txt")));
        assertEquals(Errno.EXIST, g.open(3, 0, "new.txt", CREAT | EXCL, RW, 0));
    }

    @Test
    void truncateOnOpenEmptiesTheFile() throws IOException {
        int fd = g.openOk(3, "hello.txt", TRUNC, RW);
        assertEquals(Errno.SUCCESS, g.wasi.fdClose(g.mem, fd));
        assertEquals(0, Files.size(box.resolve("hello.txt")));
    }

    @Test
    void appendWritesAlwaysGoToTheEnd() throws IOException {
        assertEquals(Errno.SUCCESS, g.open(3, 0, "hello.txt", 0, RW, APPEND));
        int fd = g.openedFd();
        assertEquals(Errno.SUCCESS, g.wasi.fdSeek(g.mem, fd, 0, 0, 300));
        assertEquals(Errno.SUCCESS, g.write(fd, "!"));
        assertEquals("hello world!", Files.readString(box.resolve("hello.txt")));
        assertEquals(Errno.SUCCESS, g.wasi.fdFdstatGet(g.mem, fd, 300));
        assertEquals(4, g.mem.readI8(300), "regular_file");
        assertEquals(APPEND, g.mem.readI16(302));
    }

    @Test
    void preadAndPwriteUseTheirOffsetAndLeaveThePositionAlone() throws IOException {
        int fd = g.openOk(3, "hello.txt", 0, RW);
        TestMemory.putString(g.mem, Guest.DATA, "J");
        TestMemory.iovec(g.mem, 0, Guest.DATA, 1);
        assertEquals(Errno.SUCCESS, g.wasi.fdPwrite(g.mem, fd, 0, 1, 6, 8));
        TestMemory.iovec(g.mem, 0, Guest.DATA + 100, 5);
        assertEquals(Errno.SUCCESS, g.wasi.fdPread(g.mem, fd, 0, 1, 6, 8));
        assertEquals(5, g.mem.readI32(8));
        assertEquals("Jorld", TestMemory.string(g.mem, Guest.DATA + 100, 5));
        assertEquals(Errno.SUCCESS, g.wasi.fdTell(g.mem, fd, 300));
        assertEquals(0, g.mem.readI64(300));
        assertEquals("hello Jorld", Files.readString(box.resolve("hello.txt")));
    }

    @Test
    void rightsNotGrantedAreRefused() {
        int fd = g.openOk(3, "hello.txt", 0, FD_READ);
        assertEquals(Errno.BADF, g.write(fd, "x"), "no fd_write right");
        int wfd = g.openOk(3, "hello.txt", 0, FD_WRITE);
        assertEquals(null, g.read(wfd, 3));
        assertEquals(Errno.BADF, g.lastErrno, "no fd_read right");
        assertEquals(Errno.NOTCAPABLE, g.wasi.fdFdstatSetRights(g.mem, fd, FD_READ | FD_WRITE, 0));
        assertEquals(Errno.SUCCESS, g.wasi.fdFdstatSetRights(g.mem, fd, 0, 0));
        assertEquals(null, g.read(fd, 3));
    }

    @Test
    void rightsBeyondWhatTheDirectoryPassesOnAreDropped() {
        long pathOpen = 1L << 13;
        int fd = g.openOk(3, "hello.txt", 0, FD_READ | pathOpen);
        assertEquals(Errno.SUCCESS, g.wasi.fdFdstatGet(g.mem, fd, 300));
        assertEquals(FD_READ, g.mem.readI64(308), "path_open makes no sense on a file and is dropped");
    }

    @Test
    void filestatReportsTypeSizeAndInode() throws IOException {
        int fd = g.openOk(3, "hello.txt", 0, RW);
        assertEquals(Errno.SUCCESS, g.wasi.fdFilestatGet(g.mem, fd, 512));
        assertEquals(4, g.mem.readI8(512 + 16), "regular_file");
        assertEquals(11, g.mem.readI64(512 + 32));
        long ino = ((Number) Files.getAttribute(box.resolve("hello.txt"), "unix:ino")).longValue();
        assertEquals(ino, g.mem.readI64(512 + 8));
        assertTrue(g.mem.readI64(512 + 24) >= 1, "nlink");
        long mtime = Files.getLastModifiedTime(box.resolve("hello.txt")).toMillis();
        assertEquals(mtime, g.mem.readI64(512 + 48) / 1_000_000);

        assertEquals(Errno.SUCCESS, g.filestat(3, 0, "sub", 600));
        assertEquals(3, g.mem.readI8(600 + 16), "directory");
        assertEquals(Errno.NOENT, g.filestat(3, 0, "none", 600));
    }

    @Test
    void setSizeAndTimes() throws IOException {
        int fd = g.openOk(3, "hello.txt", 0, RW | (1L << 23));
        assertEquals(Errno.SUCCESS, g.wasi.fdFilestatSetSize(g.mem, fd, 4));
        assertEquals("hell", Files.readString(box.resolve("hello.txt")));
        assertEquals(Errno.SUCCESS, g.wasi.fdFilestatSetSize(g.mem, fd, 6));
        assertEquals("hell\0\0", Files.readString(box.resolve("hello.txt")));
        long mtim = 1_600_000_000_123_000_000L;
        int len = TestMemory.putString(g.mem, Guest.PATH, "hello.txt");
        assertEquals(Errno.SUCCESS, g.wasi.pathFilestatSetTimes(g.mem, 3, 0, Guest.PATH, len, 0, mtim, 4));
        assertEquals(FileTime.fromMillis(1_600_000_000_123L), Files.getLastModifiedTime(box.resolve("hello.txt")));
        assertEquals(Errno.INVAL, g.wasi.fdFilestatSetTimes(g.mem, fd, 0, 0, 4 | 8), "mtim and mtim_now");
    }

    @Test
    void readdirListsDotDotdotThenSortedNames() throws IOException {
        Files.writeString(box.resolve("a"), "");
        int dfd = g.openOk(3, ".", DIRECTORY, FD_READDIR);
        assertEquals(Errno.SUCCESS, g.wasi.fdReaddir(g.mem, dfd, 1000, 4096, 0, 8));
        var entries = parseDirents(g.mem, 1000, g.mem.readI32(8));
        assertEquals(List.of(".:3", "..:3", "a:4", "hello.txt:4", "sub:3"), entries);

        // Resume after the third entry (cookie 3 = d_next of "a").
        assertEquals(Errno.SUCCESS, g.wasi.fdReaddir(g.mem, dfd, 1000, 4096, 3, 8));
        assertEquals(List.of("hello.txt:4", "sub:3"), parseDirents(g.mem, 1000, g.mem.readI32(8)));

        // A buffer too small for everything is filled completely: bufused == buf_len.
        assertEquals(Errno.SUCCESS, g.wasi.fdReaddir(g.mem, dfd, 1000, 30, 0, 8));
        assertEquals(30, g.mem.readI32(8));
        assertEquals(1, g.mem.readI64(1000), "d_next of the first entry");
        assertEquals(Errno.NOTDIR, g.wasi.fdReaddir(g.mem, 1, 1000, 30, 0, 8));
    }

    /** Parses witx dirents into "name:d_type", checking that d_next counts up from 1. */
    static List<String> parseDirents(Memory mem, int at, int used) {
        var out = new ArrayList<String>();
        int p = at;
        long expectNext = -1;
        while (p + 24 <= at + used) {
            long next = mem.readI64(p);
            if (expectNext >= 0) {
                assertEquals(expectNext, next);
            }
            expectNext = next + 1;
            int namlen = mem.readI32(p + 16);
            int type = mem.readI8(p + 20);
            out.add(TestMemory.string(mem, p + 24, namlen) + ":" + type);
            p += 24 + namlen;
        }
        return out;
    }

    @Test
    void directoriesCanBeMadeRenamedAndRemoved() throws IOException {
        assertEquals(Errno.SUCCESS, g.pathOp("mkdir", 3, "d1"));
        assertTrue(Files.isDirectory(box.resolve("d1")));
        assertEquals(Errno.EXIST, g.pathOp("mkdir", 3, "d1"));
        assertEquals(Errno.SUCCESS, g.rename(3, "d1", 3, "sub/d2"));
        assertTrue(Files.isDirectory(box.resolve("sub/d2")));
        assertEquals(Errno.NOTEMPTY, g.pathOp("rmdir", 3, "sub"));
        assertEquals(Errno.NOTDIR, g.pathOp("rmdir", 3, "hello.txt"));
        assertEquals(Errno.ISDIR, g.pathOp("unlink", 3, "sub"));
        assertEquals(Errno.SUCCESS, g.pathOp("rmdir", 3, "sub/d2"));
        assertFalse(Files.exists(box.resolve("sub/d2")));
        assertEquals(Errno.SUCCESS, g.pathOp("unlink", 3, "hello.txt"));
        assertFalse(Files.exists(box.resolve("hello.txt")));
        assertEquals(Errno.NOENT, g.pathOp("unlink", 3, "hello.txt"));
    }

    @Test
    void symlinksInsideThePreopenWork() throws IOException {
        assertEquals(Errno.SUCCESS, g.symlink("hello.txt", 3, "link"));
        assertEquals("hello.txt", Files.readSymbolicLink(box.resolve("link")).toString());
        int len = TestMemory.putString(g.mem, Guest.PATH, "link");
        assertEquals(Errno.SUCCESS, g.wasi.pathReadlink(g.mem, 3, Guest.PATH, len, 500, 100, 8));
        assertEquals(9, g.mem.readI32(8));
        assertEquals("hello.txt", TestMemory.string(g.mem, 500, 9));
        assertEquals(Errno.SUCCESS, g.open(3, Guest.FOLLOW, "link", 0, FD_READ, 0));
        assertEquals("hello", g.read(g.openedFd(), 5));
        // Without symlink_follow the last component is not followed: O_NOFOLLOW gives ELOOP.
        assertEquals(Errno.LOOP, g.open(3, 0, "link", 0, FD_READ, 0));
        assertEquals(Errno.SUCCESS, g.filestat(3, 0, "link", 600));
        assertEquals(7, g.mem.readI8(600 + 16), "symbolic_link");
    }

    @Test
    void readOnlyPreopenRefusesEveryChange() throws IOException {
        var ro = new Guest(
                new WasiPreview1(WasiConfig.builder().preopen(box, "ro", true).build()));
        // wasmtime reports changes below a read-only preopen as EPERM.
        assertEquals(Errno.PERM, ro.open(3, 0, "x.txt", CREAT, FD_WRITE, 0));
        assertEquals(Errno.PERM, ro.open(3, 0, "hello.txt", 0, FD_WRITE, 0));
        assertEquals(Errno.PERM, ro.open(3, 0, "hello.txt", TRUNC, FD_READ, 0));
        assertEquals(Errno.PERM, ro.pathOp("mkdir", 3, "d"));
        assertEquals(Errno.PERM, ro.pathOp("unlink", 3, "hello.txt"));
        assertEquals(Errno.PERM, ro.rename(3, "hello.txt", 3, "moved.txt"));
        assertEquals(Errno.PERM, ro.symlink("hello.txt", 3, "l"));
        // A directory opened below it is read-only too.
        int sub = ro.openOk(3, "sub", DIRECTORY, FD_READ | (1L << 13));
        assertEquals(Errno.PERM, ro.open(sub, 0, "y.txt", CREAT, FD_WRITE, 0));
        assertFalse(Files.exists(box.resolve("sub/y.txt")));
        assertFalse(Files.exists(box.resolve("x.txt")));
        assertFalse(Files.exists(box.resolve("d")));
        assertEquals("hello world", Files.readString(box.resolve("hello.txt"), StandardCharsets.UTF_8));
        int fd = ro.openOk(3, "hello.txt", 0, FD_READ);
        assertEquals("hello", ro.read(fd, 5));
    }
}
