package dev.jwasm.wasi.internal;

import static dev.jwasm.wasi.internal.GuestMemory.checkRange;
import static dev.jwasm.wasi.internal.GuestMemory.readPath;
import static dev.jwasm.wasi.internal.GuestMemory.u;

import dev.jwasm.spi.LinearMemory;
import dev.jwasm.wasi.Errno;
import dev.jwasm.wasi.internal.Descriptor.DirDesc;
import dev.jwasm.wasi.internal.Descriptor.FileDesc;
import dev.jwasm.wasi.internal.PathResolver.Resolved;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashSet;

/** The {@code path_*} functions of preview1: every path goes through {@link PathResolver}. */
public final class PathOps {
    private final FdTable fds;

    public PathOps(FdTable fds) {
        this.fds = fds;
    }

    public int pathCreateDirectory(LinearMemory mem, int fd, int path, int pathLen) throws WasiError, IOException {
        var r = resolve(mem, fd, Rights.PATH_CREATE_DIRECTORY, path, pathLen, false);
        if (r.name() == null) {
            throw new WasiError(Errno.EXIST);
        }
        Files.createDirectory(r.host());
        return Errno.SUCCESS;
    }

    public int pathFilestatGet(LinearMemory mem, int fd, int flags, int path, int pathLen, int bufPtr)
            throws WasiError, IOException {
        var r = resolve(mem, fd, Rights.PATH_FILESTAT_GET, path, pathLen, follows(flags));
        checkTrailingSlash(r);
        FileStat.of(r.host(), false).store(mem, u(bufPtr));
        return Errno.SUCCESS;
    }

    public int pathFilestatSetTimes(
            LinearMemory mem, int fd, int flags, int path, int pathLen, long atim, long mtim, int fstFlags)
            throws WasiError, IOException {
        var r = resolve(mem, fd, Rights.PATH_FILESTAT_SET_TIMES, path, pathLen, follows(flags));
        checkTrailingSlash(r);
        setTimes(r.host(), false, atim, mtim, fstFlags);
        return Errno.SUCCESS;
    }

    public int pathLink(
            LinearMemory mem,
            int oldFd,
            int oldFlags,
            int oldPath,
            int oldPathLen,
            int newFd,
            int newPath,
            int newPathLen)
            throws WasiError, IOException {
        var from = resolve(mem, oldFd, Rights.PATH_LINK_SOURCE, oldPath, oldPathLen, follows(oldFlags));
        var to = resolve(mem, newFd, Rights.PATH_LINK_TARGET, newPath, newPathLen, false);
        checkTrailingSlash(from);
        checkNewLinkName(to);
        if (Files.isDirectory(from.host(), LinkOption.NOFOLLOW_LINKS)) {
            throw new WasiError(Errno.PERM); // hard links to directories: EPERM, as Linux
        }
        Files.createLink(to.host(), from.host());
        return Errno.SUCCESS;
    }

    public int pathOpen(
            LinearMemory mem,
            int fd,
            int dirflags,
            int path,
            int pathLen,
            int oflags,
            long rightsBase,
            long rightsInheriting,
            int fdflags,
            int fdPtr)
            throws WasiError, IOException {
        var dir = dir(fd);
        dir.require(Rights.PATH_OPEN, Errno.NOTCAPABLE);
        boolean creat = (oflags & Witx.OFLAGS_CREAT) != 0;
        boolean trunc = (oflags & Witx.OFLAGS_TRUNC) != 0;
        if (dir.readOnly && (creat || trunc || (rightsBase & Rights.FD_WRITE) != 0)) {
            throw new WasiError(Errno.PERM); // as wasmtime for a read-only preopen
        }
        if (creat) {
            dir.require(Rights.PATH_CREATE_FILE, Errno.NOTCAPABLE);
        }
        if (trunc) {
            dir.require(Rights.PATH_FILESTAT_SET_SIZE, Errno.NOTCAPABLE);
        }
        if ((rightsBase & Rights.FD_WRITE & ~dir.rightsInheriting()) != 0) {
            throw new WasiError(Errno.NOTCAPABLE);
        }
        // Other requested rights beyond what the directory passes on are dropped, not refused:
        // Rust's std asks for a fixed generous set, and wasi-libc masks them itself.
        long base = rightsBase & dir.rightsInheriting();
        long inheriting = rightsInheriting & dir.rightsInheriting();
        if ((oflags & ~0xF) != 0 || (fdflags & ~0x1F) != 0) {
            throw new WasiError(Errno.INVAL);
        }
        var r = PathResolver.resolve(dir.hostPath, readPath(mem, path, pathLen), follows(dirflags));
        checkRange(mem, u(fdPtr), 4);
        BasicFileAttributes attrs = attributes(r.host());
        boolean excl = (oflags & Witx.OFLAGS_EXCL) != 0;
        if (attrs != null && creat && excl) {
            throw new WasiError(Errno.EXIST);
        }
        if (attrs != null && attrs.isSymbolicLink()) {
            throw new WasiError(Errno.LOOP); // O_NOFOLLOW on a symlink, as Linux
        }
        boolean wantDir = (oflags & Witx.OFLAGS_DIRECTORY) != 0 || r.mustBeDirectory();
        if (attrs == null && (!creat || wantDir)) {
            throw new WasiError(Errno.NOENT);
        }
        if (attrs != null && attrs.isDirectory()) {
            if (trunc || (base & Rights.FD_WRITE) != 0) {
                throw new WasiError(Errno.ISDIR);
            }
            int newFd = fds.add(new DirDesc(r.host(), null, base & Rights.DIR_ALL, inheriting, dir.readOnly));
            mem.store32(u(fdPtr), newFd);
            return Errno.SUCCESS;
        }
        if (wantDir) {
            throw new WasiError(Errno.NOTDIR);
        }
        if (attrs != null && !attrs.isRegularFile()) {
            throw new WasiError(Errno.NOTSUP); // devices, sockets, fifos are not exposed
        }
        var options = new HashSet<OpenOption>();
        options.add(LinkOption.NOFOLLOW_LINKS);
        boolean write = (base & (Rights.FD_WRITE | Rights.FD_ALLOCATE | Rights.FD_FILESTAT_SET_SIZE)) != 0;
        boolean read = (base & (Rights.FD_READ | Rights.FD_READDIR)) != 0;
        if (write || trunc || creat) {
            options.add(StandardOpenOption.WRITE);
        }
        if (read || options.size() == 1) {
            options.add(StandardOpenOption.READ);
        }
        if (creat) {
            options.add(excl ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE);
        }
        if (trunc) {
            options.add(StandardOpenOption.TRUNCATE_EXISTING);
        }
        if ((fdflags & Witx.FDFLAGS_DSYNC) != 0) {
            options.add(StandardOpenOption.DSYNC);
        }
        if ((fdflags & (Witx.FDFLAGS_SYNC | Witx.FDFLAGS_RSYNC)) != 0) {
            options.add(StandardOpenOption.SYNC);
        }
        var channel = FileChannel.open(r.host(), options);
        var f = new FileDesc(
                channel,
                r.host(),
                base & Rights.FILE_ALL,
                inheriting & Rights.FILE_ALL,
                (fdflags & Witx.FDFLAGS_APPEND) != 0,
                fdflags & (Witx.FDFLAGS_DSYNC | Witx.FDFLAGS_RSYNC | Witx.FDFLAGS_SYNC));
        int newFd;
        try {
            newFd = fds.add(f);
        } catch (WasiError e) {
            channel.close();
            throw e;
        }
        mem.store32(u(fdPtr), newFd);
        return Errno.SUCCESS;
    }

    public int pathReadlink(LinearMemory mem, int fd, int path, int pathLen, int buf, int bufLen, int bufusedPtr)
            throws WasiError, IOException {
        var r = resolve(mem, fd, Rights.PATH_READLINK, path, pathLen, false);
        if (r.name() == null || !Files.isSymbolicLink(r.host())) {
            throw new WasiError(Files.exists(r.host(), LinkOption.NOFOLLOW_LINKS) ? Errno.INVAL : Errno.NOENT);
        }
        byte[] target = Files.readSymbolicLink(r.host()).toString().getBytes(StandardCharsets.UTF_8);
        int n = (int) Math.min(target.length, u(bufLen));
        checkRange(mem, u(bufusedPtr), 4);
        mem.write(u(buf), target, 0, n);
        mem.store32(u(bufusedPtr), n);
        return Errno.SUCCESS;
    }

    public int pathRemoveDirectory(LinearMemory mem, int fd, int path, int pathLen) throws WasiError, IOException {
        var r = resolve(mem, fd, Rights.PATH_REMOVE_DIRECTORY, path, pathLen, false);
        if (r.name() == null) {
            throw new WasiError(Errno.INVAL); // rmdir(".") in POSIX
        }
        var attrs = attributes(r.host());
        if (attrs == null) {
            throw new WasiError(Errno.NOENT);
        }
        if (!attrs.isDirectory()) {
            throw new WasiError(Errno.NOTDIR);
        }
        Files.delete(r.host());
        return Errno.SUCCESS;
    }

    public int pathRename(LinearMemory mem, int fd, int oldPath, int oldPathLen, int newFd, int newPath, int newPathLen)
            throws WasiError, IOException {
        var from = resolve(mem, fd, Rights.PATH_RENAME_SOURCE, oldPath, oldPathLen, false);
        var to = resolve(mem, newFd, Rights.PATH_RENAME_TARGET, newPath, newPathLen, false);
        if (from.name() == null || to.name() == null) {
            throw new WasiError(Errno.BUSY);
        }
        var fromAttrs = attributes(from.host());
        if (fromAttrs == null) {
            throw new WasiError(Errno.NOENT);
        }
        if ((from.mustBeDirectory() || to.mustBeDirectory()) && !fromAttrs.isDirectory()) {
            throw new WasiError(Errno.NOTDIR);
        }
        var toAttrs = attributes(to.host());
        if (toAttrs != null && toAttrs.isDirectory() && !fromAttrs.isDirectory()) {
            throw new WasiError(Errno.ISDIR);
        }
        if (toAttrs != null && !toAttrs.isDirectory() && fromAttrs.isDirectory()) {
            throw new WasiError(Errno.NOTDIR);
        }
        // ATOMIC_MOVE is rename(2): it replaces an existing target as POSIX rename does.
        Files.move(from.host(), to.host(), StandardCopyOption.ATOMIC_MOVE);
        return Errno.SUCCESS;
    }

    public int pathSymlink(LinearMemory mem, int oldPath, int oldPathLen, int fd, int newPath, int newPathLen)
            throws WasiError, IOException {
        String target = readPath(mem, oldPath, oldPathLen);
        var r = resolve(mem, fd, Rights.PATH_SYMLINK, newPath, newPathLen, false);
        if (target.isEmpty()) {
            throw new WasiError(Errno.NOENT);
        }
        if (target.startsWith("/")) {
            throw new WasiError(Errno.PERM);
        }
        checkNewLinkName(r);
        Files.createSymbolicLink(r.host(), Path.of(target));
        return Errno.SUCCESS;
    }

    public int pathUnlinkFile(LinearMemory mem, int fd, int path, int pathLen) throws WasiError, IOException {
        var r = resolve(mem, fd, Rights.PATH_UNLINK_FILE, path, pathLen, false);
        if (r.name() == null) {
            throw new WasiError(Errno.ISDIR);
        }
        var attrs = attributes(r.host());
        if (attrs == null) {
            throw new WasiError(Errno.NOENT);
        }
        if (attrs.isDirectory()) {
            throw new WasiError(Errno.ISDIR);
        }
        if (r.mustBeDirectory()) {
            throw new WasiError(Errno.NOTDIR);
        }
        Files.delete(r.host());
        return Errno.SUCCESS;
    }

    private DirDesc dir(int fd) throws WasiError {
        if (fds.get(fd) instanceof DirDesc d) {
            return d;
        }
        throw new WasiError(Errno.NOTDIR);
    }

    private Resolved resolve(LinearMemory mem, int fd, long right, int path, int pathLen, boolean follow)
            throws WasiError {
        var d = dir(fd);
        if (d.readOnly && (right & Rights.DIR_MUTATE) != 0) {
            throw new WasiError(Errno.PERM); // as wasmtime for a read-only preopen
        }
        d.require(right, Errno.NOTCAPABLE);
        return PathResolver.resolve(d.hostPath, readPath(mem, path, pathLen), follow);
    }

    private static boolean follows(int lookupFlags) {
        return (lookupFlags & Witx.LOOKUP_SYMLINK_FOLLOW) != 0;
    }

    /**
     * The name a new hard or symbolic link gets must not exist; with a trailing slash it names a
     * directory, which cannot be created this way (POSIX filename creation; wasmtime on unix gives
     * ENOENT when nothing is there, EEXIST for a directory, ENOTDIR for another file).
     */
    private static void checkNewLinkName(Resolved r) throws WasiError {
        if (r.name() == null) {
            throw new WasiError(Errno.EXIST);
        }
        var attrs = attributes(r.host());
        if (r.mustBeDirectory()) {
            throw new WasiError(attrs == null ? Errno.NOENT : attrs.isDirectory() ? Errno.EXIST : Errno.NOTDIR);
        }
        if (attrs != null) {
            throw new WasiError(Errno.EXIST);
        }
    }

    private static void checkTrailingSlash(Resolved r) throws WasiError {
        var attrs = attributes(r.host());
        if (r.mustBeDirectory() && attrs != null && !attrs.isDirectory()) {
            throw new WasiError(Errno.NOTDIR);
        }
    }

    /** The path's attributes without following a final symlink, or null when nothing is there. */
    private static BasicFileAttributes attributes(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }

    static void setTimes(Path p, boolean follow, long atim, long mtim, int fstFlags) throws WasiError, IOException {
        if ((fstFlags & ~0xF) != 0
                || (fstFlags & (Witx.FSTFLAGS_ATIM | Witx.FSTFLAGS_ATIM_NOW))
                        == (Witx.FSTFLAGS_ATIM | Witx.FSTFLAGS_ATIM_NOW)
                || (fstFlags & (Witx.FSTFLAGS_MTIM | Witx.FSTFLAGS_MTIM_NOW))
                        == (Witx.FSTFLAGS_MTIM | Witx.FSTFLAGS_MTIM_NOW)) {
            throw new WasiError(Errno.INVAL);
        }
        var nowTime = FileTime.from(Instant.now());
        FileTime a = (fstFlags & Witx.FSTFLAGS_ATIM_NOW) != 0
                ? nowTime
                : (fstFlags & Witx.FSTFLAGS_ATIM) != 0 ? fromNanos(atim) : null;
        FileTime m = (fstFlags & Witx.FSTFLAGS_MTIM_NOW) != 0
                ? nowTime
                : (fstFlags & Witx.FSTFLAGS_MTIM) != 0 ? fromNanos(mtim) : null;
        LinkOption[] opts = follow ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
        Files.getFileAttributeView(p, BasicFileAttributeView.class, opts).setTimes(m, a, null);
    }

    private static FileTime fromNanos(long nanos) {
        // witx timestamps are u64 nanoseconds since the epoch.
        return FileTime.from(Instant.ofEpochSecond(
                Long.divideUnsigned(nanos, 1_000_000_000L), Long.remainderUnsigned(nanos, 1_000_000_000L)));
    }
}
