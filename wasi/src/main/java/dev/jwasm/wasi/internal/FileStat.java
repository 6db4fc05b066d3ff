package dev.jwasm.wasi.internal;

import dev.jwasm.spi.LinearMemory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * witx {@code filestat} (64 bytes): dev u64 @0, ino u64 @8, filetype u8 @16, nlink u64 @24, size
 * u64 @32, atim @40, mtim @48, ctim @56, times in nanoseconds since the epoch.
 */
public record FileStat(long dev, long ino, int filetype, long nlink, long size, long atim, long mtim, long ctim) {
    public static final int SIZE = 64;

    /** Reads a host file's metadata, following a final symlink only with {@code follow}. */
    public static FileStat of(Path path, boolean follow) throws IOException {
        LinkOption[] opts = follow ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
        var basic = Files.readAttributes(path, BasicFileAttributes.class, opts);
        long dev = 0;
        long ino = 0;
        long nlink = 1;
        long ctim = nanos(basic.lastModifiedTime());
        try {
            // The "unix" view exists on Linux and macOS; elsewhere dev/ino stay 0, as WASI allows.
            Map<String, Object> unix = Files.readAttributes(path, "unix:dev,ino,nlink,ctime", opts);
            dev = ((Number) unix.get("dev")).longValue();
            ino = ((Number) unix.get("ino")).longValue();
            nlink = ((Number) unix.get("nlink")).longValue();
            ctim = nanos((FileTime) unix.get("ctime"));
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            // keep the portable values
        }
        return new FileStat(
                dev,
                ino,
                filetype(basic),
                nlink,
                basic.size(),
                nanos(basic.lastAccessTime()),
                nanos(basic.lastModifiedTime()),
                ctim);
    }

    static int filetype(BasicFileAttributes a) {
        if (a.isRegularFile()) {
            return Descriptor.FILETYPE_REGULAR_FILE;
        }
        if (a.isDirectory()) {
            return Descriptor.FILETYPE_DIRECTORY;
        }
        if (a.isSymbolicLink()) {
            return Descriptor.FILETYPE_SYMBOLIC_LINK;
        }
        return Descriptor.FILETYPE_UNKNOWN;
    }

    /** The filetype of a host path without following a final symlink; unknown if it vanished. */
    public static int filetypeOf(Path path) {
        try {
            return filetype(Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            return Descriptor.FILETYPE_UNKNOWN;
        }
    }

    public static long nanos(FileTime t) {
        var i = t.toInstant();
        try {
            return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
        } catch (ArithmeticException e) {
            // A u64 of nanoseconds cannot hold it: clamp instead of failing the whole stat.
            return i.getEpochSecond() < 0 ? 0 : Long.MAX_VALUE;
        }
    }

    public FileStat withSize(long newSize) {
        return new FileStat(dev, ino, filetype, nlink, newSize, atim, mtim, ctim);
    }

    public void store(LinearMemory mem, long addr) {
        // Bounds first, so a bad pointer changes no guest memory (LinearMemory traps before writing).
        mem.fill(addr, (byte) 0, SIZE);
        mem.store64(addr, dev);
        mem.store64(addr + 8, ino);
        mem.store8(addr + 16, (byte) filetype);
        mem.store64(addr + 24, nlink);
        mem.store64(addr + 32, size);
        mem.store64(addr + 40, atim);
        mem.store64(addr + 48, mtim);
        mem.store64(addr + 56, ctim);
    }
}
