package dev.jwasm.wasi;

import dev.jwasm.api.Memory;

/** Test helper: calls WASI functions the way a guest would, with strings laid out in memory. */
final class Guest {
    // witx rights bits used by the tests (typenames.witx, "rights").
    static final long FD_READ = 1L << 1;
    static final long FD_SEEK = 1L << 2;
    static final long FD_TELL = 1L << 5;
    static final long FD_WRITE = 1L << 6;
    static final long FD_READDIR = 1L << 14;
    static final long FD_FILESTAT_GET = 1L << 21;
    static final long FD_FILESTAT_SET_SIZE = 1L << 22;
    // witx oflags / fdflags / lookupflags.
    static final int CREAT = 1;
    static final int DIRECTORY = 2;
    static final int EXCL = 4;
    static final int TRUNC = 8;
    static final int APPEND = 1;
    static final int FOLLOW = 1;

    static final int PATH = 40_000;
    static final int PATH2 = 44_000;
    static final int FD_OUT = 100;
    static final int DATA = 20_000;

    final Memory mem = TestMemory.onePage();
    final WasiPreview1 wasi;

    Guest(WasiPreview1 wasi) {
        this.wasi = wasi;
    }

    /** path_open; returns the errno, the new fd is {@link #openedFd()}. */
    int open(int dirFd, int lookup, String path, int oflags, long rights, int fdflags) {
        int len = TestMemory.putString(mem, PATH, path);
        return wasi.pathOpen(mem, dirFd, lookup, PATH, len, oflags, rights, rights, fdflags, FD_OUT);
    }

    int openedFd() {
        return mem.readI32(FD_OUT);
    }

    /** Opens or fails the test. */
    int openOk(int dirFd, String path, int oflags, long rights) {
        int errno = open(dirFd, 0, path, oflags, rights, 0);
        if (errno != Errno.SUCCESS) {
            throw new AssertionError("path_open " + path + " failed: " + Errno.name(errno));
        }
        return openedFd();
    }

    int write(int fd, String text) {
        int len = TestMemory.putString(mem, DATA, text);
        TestMemory.iovec(mem, 0, DATA, len);
        return wasi.fdWrite(mem, fd, 0, 1, 8);
    }

    /** Reads up to {@code max} bytes; returns the text, or null and the errno in {@link #lastErrno}. */
    String read(int fd, int max) {
        TestMemory.iovec(mem, 0, DATA, max);
        lastErrno = wasi.fdRead(mem, fd, 0, 1, 8);
        return lastErrno == Errno.SUCCESS ? TestMemory.string(mem, DATA, mem.readI32(8)) : null;
    }

    int lastErrno;

    int pathOp(String op, int fd, String path) {
        int len = TestMemory.putString(mem, PATH, path);
        return switch (op) {
            case "mkdir" -> wasi.pathCreateDirectory(mem, fd, PATH, len);
            case "rmdir" -> wasi.pathRemoveDirectory(mem, fd, PATH, len);
            case "unlink" -> wasi.pathUnlinkFile(mem, fd, PATH, len);
            default -> throw new IllegalArgumentException(op);
        };
    }

    int rename(int fd, String from, int newFd, String to) {
        int l1 = TestMemory.putString(mem, PATH, from);
        int l2 = TestMemory.putString(mem, PATH2, to);
        return wasi.pathRename(mem, fd, PATH, l1, newFd, PATH2, l2);
    }

    int symlink(String target, int fd, String at) {
        int l1 = TestMemory.putString(mem, PATH, target);
        int l2 = TestMemory.putString(mem, PATH2, at);
        return wasi.pathSymlink(mem, PATH, l1, fd, PATH2, l2);
    }

    int link(int oldFd, String from, int newFd, String to) {
        int l1 = TestMemory.putString(mem, PATH, from);
        int l2 = TestMemory.putString(mem, PATH2, to);
        return wasi.pathLink(mem, oldFd, 0, PATH, l1, newFd, PATH2, l2);
    }

    int filestat(int fd, int lookup, String path, int buf) {
        int len = TestMemory.putString(mem, PATH, path);
        return wasi.pathFilestatGet(mem, fd, lookup, PATH, len, buf);
    }
}
