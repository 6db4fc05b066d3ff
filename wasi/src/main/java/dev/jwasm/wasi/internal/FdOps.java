package dev.jwasm.wasi.internal;

import static dev.jwasm.wasi.internal.GuestMemory.checkRange;
import static dev.jwasm.wasi.internal.GuestMemory.gather;
import static dev.jwasm.wasi.internal.GuestMemory.iovecs;
import static dev.jwasm.wasi.internal.GuestMemory.u;

import dev.jwasm.spi.LinearMemory;
import dev.jwasm.wasi.Errno;
import dev.jwasm.wasi.internal.Descriptor.DirDesc;
import dev.jwasm.wasi.internal.Descriptor.FileDesc;
import dev.jwasm.wasi.internal.Descriptor.StreamIn;
import dev.jwasm.wasi.internal.Descriptor.StreamOut;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.stream.Stream;

/** The {@code fd_*} functions of preview1, on the program's descriptor table. */
public final class FdOps {
    private final FdTable fds;

    public FdOps(FdTable fds) {
        this.fds = fds;
    }

    public int fdAdvise(LinearMemory mem, int fd, long offset, long len, int advice) throws WasiError, IOException {
        var f = file(fd);
        f.require(Rights.FD_ADVISE, Errno.NOTCAPABLE);
        if (advice < 0 || advice > 5 || offset < 0 || len < 0) {
            throw new WasiError(Errno.INVAL);
        }
        return Errno.SUCCESS; // advice only: nothing to do
    }

    public int fdAllocate(LinearMemory mem, int fd, long offset, long len) throws WasiError, IOException {
        var f = file(fd);
        f.require(Rights.FD_ALLOCATE, Errno.NOTCAPABLE);
        if (offset < 0 || len < 0) {
            throw new WasiError(Errno.INVAL);
        }
        long end;
        try {
            end = Math.addExact(offset, len);
        } catch (ArithmeticException e) {
            throw new WasiError(Errno.FBIG);
        }
        if (end > f.channel.size()) {
            extend(f.channel, end);
        }
        return Errno.SUCCESS;
    }

    public int fdClose(LinearMemory mem, int fd) throws WasiError, IOException {
        fds.remove(fd).close();
        return Errno.SUCCESS;
    }

    public int fdDatasync(LinearMemory mem, int fd) throws WasiError, IOException {
        return sync(fd, Rights.FD_DATASYNC, false);
    }

    public int fdSync(LinearMemory mem, int fd) throws WasiError, IOException {
        return sync(fd, Rights.FD_SYNC, true);
    }

    private int sync(int fd, long right, boolean metadata) throws WasiError, IOException {
        var d = fds.get(fd);
        d.require(right, Errno.NOTCAPABLE);
        switch (d) {
            case FileDesc f -> f.channel.force(metadata);
            case StreamOut s -> s.out.flush();
            case StreamIn s -> throw new WasiError(Errno.INVAL);
            case DirDesc dir -> {
                // Directory entries are written through by the host file system.
            }
        }
        return Errno.SUCCESS;
    }

    public int fdFdstatGet(LinearMemory mem, int fd, int statPtr) throws WasiError, IOException {
        var d = fds.get(fd);
        int flags =
                switch (d) {
                    case FileDesc f -> (f.append ? Witx.FDFLAGS_APPEND : 0) | f.syncFlags;
                    case StreamOut s -> Witx.FDFLAGS_APPEND;
                    default -> 0;
                };
        long p = u(statPtr);
        mem.fill(p, (byte) 0, 24);
        mem.store8(p, (byte) d.filetype());
        mem.store16(p + 2, (short) flags);
        mem.store64(p + 8, d.rightsBase());
        mem.store64(p + 16, d.rightsInheriting());
        return Errno.SUCCESS;
    }

    public int fdFdstatSetFlags(LinearMemory mem, int fd, int flags) throws WasiError, IOException {
        var d = fds.get(fd);
        d.require(Rights.FD_FDSTAT_SET_FLAGS, Errno.NOTCAPABLE);
        if ((flags & ~0x1F) != 0) {
            throw new WasiError(Errno.INVAL);
        }
        if ((flags & (Witx.FDFLAGS_DSYNC | Witx.FDFLAGS_RSYNC | Witx.FDFLAGS_SYNC)) != 0) {
            // Like wasmtime: synchronous-I/O modes can only be chosen at path_open.
            throw new WasiError(Errno.NOTSUP);
        }
        switch (d) {
            case FileDesc f -> f.append = (flags & Witx.FDFLAGS_APPEND) != 0;
            default -> {
                if ((flags & Witx.FDFLAGS_APPEND) != 0 && !(d instanceof StreamOut)) {
                    throw new WasiError(Errno.NOTSUP);
                }
            }
        }
        return Errno.SUCCESS; // NONBLOCK is accepted and has no effect: host I/O here blocks
    }

    public int fdFdstatSetRights(LinearMemory mem, int fd, long base, long inheriting) throws WasiError, IOException {
        var d = fds.get(fd);
        // Rights can only be dropped, never gained (witx: "may only be used to remove rights").
        if ((base & ~d.rightsBase()) != 0 || (inheriting & ~d.rightsInheriting()) != 0) {
            throw new WasiError(Errno.NOTCAPABLE);
        }
        d.restrictRights(base, inheriting);
        return Errno.SUCCESS;
    }

    public int fdFilestatGet(LinearMemory mem, int fd, int bufPtr) throws WasiError, IOException {
        var d = fds.get(fd);
        d.require(Rights.FD_FILESTAT_GET, Errno.NOTCAPABLE);
        FileStat st =
                switch (d) {
                    case FileDesc f -> fileStat(f);
                    case DirDesc dir -> FileStat.of(dir.hostPath, true);
                    default -> new FileStat(0, 0, d.filetype(), 1, 0, 0, 0, 0);
                };
        st.store(mem, u(bufPtr));
        return Errno.SUCCESS;
    }

    private static FileStat fileStat(FileDesc f) throws IOException {
        try {
            return FileStat.of(f.hostPath, true).withSize(f.channel.size());
        } catch (NoSuchFileException e) {
            // Unlinked or renamed since it was opened: the open file still has a size.
            return new FileStat(0, 0, Descriptor.FILETYPE_REGULAR_FILE, 0, f.channel.size(), 0, 0, 0);
        }
    }

    public int fdFilestatSetSize(LinearMemory mem, int fd, long size) throws WasiError, IOException {
        var f = file(fd);
        f.require(Rights.FD_FILESTAT_SET_SIZE, Errno.NOTCAPABLE);
        if (size < 0) {
            throw new WasiError(Errno.INVAL);
        }
        long current = f.channel.size();
        if (size < current) {
            f.channel.truncate(size);
        } else if (size > current) {
            extend(f.channel, size);
        }
        return Errno.SUCCESS;
    }

    public int fdFilestatSetTimes(LinearMemory mem, int fd, long atim, long mtim, int fstFlags)
            throws WasiError, IOException {
        var d = fds.get(fd);
        d.require(Rights.FD_FILESTAT_SET_TIMES, Errno.NOTCAPABLE);
        Path p =
                switch (d) {
                    case FileDesc f -> f.hostPath;
                    case DirDesc dir -> dir.hostPath;
                    default -> throw new WasiError(Errno.BADF);
                };
        PathOps.setTimes(p, true, atim, mtim, fstFlags);
        return Errno.SUCCESS;
    }

    public int fdPread(LinearMemory mem, int fd, int iovs, int iovsLen, long offset, int nreadPtr)
            throws WasiError, IOException {
        var f = seekableFile(fd);
        f.require(Rights.FD_READ | Rights.FD_SEEK, Errno.BADF);
        if (offset < 0) {
            throw new WasiError(Errno.INVAL);
        }
        var vecs = iovecs(mem, iovs, iovsLen);
        checkRange(mem, u(nreadPtr), 4);
        long pos = offset;
        long total = 0;
        for (var v : vecs) {
            var bb = ByteBuffer.allocate(v.len());
            int r = v.len() == 0 ? 0 : f.channel.read(bb, pos);
            if (r <= 0) {
                if (v.len() == 0) {
                    continue;
                }
                break;
            }
            mem.write(v.buf(), bb.array(), 0, r);
            pos += r;
            total += r;
            if (r < v.len()) {
                break;
            }
        }
        mem.store32(u(nreadPtr), (int) total);
        return Errno.SUCCESS;
    }

    public int fdPwrite(LinearMemory mem, int fd, int iovs, int iovsLen, long offset, int nwrittenPtr)
            throws WasiError, IOException {
        var f = seekableFile(fd);
        f.require(Rights.FD_WRITE | Rights.FD_SEEK, Errno.BADF);
        if (offset < 0) {
            throw new WasiError(Errno.INVAL);
        }
        byte[] data = gather(mem, iovecs(mem, iovs, iovsLen));
        checkRange(mem, u(nwrittenPtr), 4);
        // POSIX: pwrite writes at the offset even with O_APPEND, and never moves the file position.
        var bb = ByteBuffer.wrap(data);
        long pos = offset;
        while (bb.hasRemaining()) {
            pos += f.channel.write(bb, pos);
        }
        mem.store32(u(nwrittenPtr), data.length);
        return Errno.SUCCESS;
    }

    public int fdPrestatGet(LinearMemory mem, int fd, int bufPtr) throws WasiError, IOException {
        var name = preopenName(fd);
        long p = u(bufPtr);
        mem.fill(p, (byte) 0, 8);
        mem.store32(p + 4, name.length);
        return Errno.SUCCESS;
    }

    public int fdPrestatDirName(LinearMemory mem, int fd, int path, int pathLen) throws WasiError, IOException {
        var name = preopenName(fd);
        if (u(pathLen) < name.length) {
            throw new WasiError(Errno.NAMETOOLONG);
        }
        mem.write(u(path), name, 0, name.length);
        return Errno.SUCCESS;
    }

    private byte[] preopenName(int fd) throws WasiError {
        if (fds.get(fd) instanceof DirDesc d && d.preopenName != null) {
            return d.preopenName.getBytes(StandardCharsets.UTF_8);
        }
        throw new WasiError(Errno.BADF);
    }

    public int fdRead(LinearMemory mem, int fd, int iovs, int iovsLen, int nreadPtr) throws WasiError, IOException {
        var d = fds.get(fd);
        var vecs = iovecs(mem, iovs, iovsLen);
        checkRange(mem, u(nreadPtr), 4);
        long total = 0;
        switch (d) {
            case StreamIn s -> {
                for (var v : vecs) {
                    if (v.len() == 0) {
                        continue;
                    }
                    byte[] tmp = new byte[v.len()];
                    int r = s.in.read(tmp, 0, v.len());
                    if (r <= 0) {
                        break;
                    }
                    mem.write(v.buf(), tmp, 0, r);
                    total += r;
                    if (r < v.len()) {
                        break; // a stream returns what it has; do not block for more
                    }
                }
            }
            case FileDesc f -> {
                f.require(Rights.FD_READ, Errno.BADF);
                for (var v : vecs) {
                    if (v.len() == 0) {
                        continue;
                    }
                    var bb = ByteBuffer.allocate(v.len());
                    int r = f.channel.read(bb);
                    if (r <= 0) {
                        break;
                    }
                    mem.write(v.buf(), bb.array(), 0, r);
                    total += r;
                    if (r < v.len()) {
                        break;
                    }
                }
            }
            case DirDesc dir -> throw new WasiError(Errno.ISDIR);
            case StreamOut s -> throw new WasiError(Errno.BADF);
        }
        mem.store32(u(nreadPtr), (int) total);
        return Errno.SUCCESS;
    }

    public int fdReaddir(LinearMemory mem, int fd, int buf, int bufLen, long cookie, int bufusedPtr)
            throws WasiError, IOException {
        if (!(fds.get(fd) instanceof DirDesc dir)) {
            throw new WasiError(Errno.NOTDIR);
        }
        dir.require(Rights.FD_READDIR, Errno.NOTCAPABLE);
        checkRange(mem, u(buf), u(bufLen));
        checkRange(mem, u(bufusedPtr), 4);
        var names = new ArrayList<String>();
        names.add(".");
        names.add("..");
        try (Stream<Path> s = Files.list(dir.hostPath)) {
            s.map(p -> p.getFileName().toString()).sorted().forEach(names::add);
        }
        long limit = u(bufLen);
        var out = new ByteArrayOutputStream();
        for (long i = cookie; i >= 0 && i < names.size() && out.size() < limit; i++) {
            String name = names.get((int) i);
            Path host =
                    switch (name) {
                        // ".." lies above this descriptor's sandbox: describe it by the directory
                        // itself rather than look at anything outside.
                        case ".", ".." -> dir.hostPath;
                        default -> dir.hostPath.resolve(name);
                    };
            byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
            var header = ByteBuffer.allocate(Witx.DIRENT_SIZE).order(ByteOrder.LITTLE_ENDIAN);
            header.putLong(0, i + 1);
            header.putLong(8, inode(host));
            header.putInt(16, nameBytes.length);
            header.put(20, (byte) FileStat.filetypeOf(host));
            out.writeBytes(header.array());
            out.writeBytes(nameBytes);
        }
        byte[] bytes = out.toByteArray();
        int used = (int) Math.min(bytes.length, limit);
        mem.write(u(buf), bytes, 0, used);
        mem.store32(u(bufusedPtr), used);
        return Errno.SUCCESS;
    }

    private static long inode(Path p) {
        try {
            return FileStat.of(p, false).ino();
        } catch (IOException e) {
            return 0;
        }
    }

    public int fdRenumber(LinearMemory mem, int fd, int to) throws WasiError, IOException {
        var replaced = fds.renumber(fd, to);
        if (replaced != null) {
            replaced.close();
        }
        return Errno.SUCCESS;
    }

    public int fdSeek(LinearMemory mem, int fd, long offset, int whence, int newOffsetPtr)
            throws WasiError, IOException {
        var f = seekableFile(fd);
        boolean tellOnly = offset == 0 && whence == 1;
        if (!tellOnly) {
            f.require(Rights.FD_SEEK, Errno.NOTCAPABLE);
        } else if ((f.rightsBase() & (Rights.FD_SEEK | Rights.FD_TELL)) == 0) {
            throw new WasiError(Errno.NOTCAPABLE);
        }
        long base =
                switch (whence) {
                    case 0 -> 0;
                    case 1 -> f.channel.position();
                    case 2 -> f.channel.size();
                    default -> throw new WasiError(Errno.INVAL);
                };
        long target;
        try {
            target = Math.addExact(base, offset);
        } catch (ArithmeticException e) {
            throw new WasiError(Errno.OVERFLOW);
        }
        if (target < 0) {
            throw new WasiError(Errno.INVAL);
        }
        checkRange(mem, u(newOffsetPtr), 8);
        f.channel.position(target);
        mem.store64(u(newOffsetPtr), target);
        return Errno.SUCCESS;
    }

    public int fdTell(LinearMemory mem, int fd, int offsetPtr) throws WasiError, IOException {
        var f = seekableFile(fd);
        f.require(Rights.FD_TELL, Errno.NOTCAPABLE);
        mem.store64(u(offsetPtr), f.channel.position());
        return Errno.SUCCESS;
    }

    public int fdWrite(LinearMemory mem, int fd, int iovs, int iovsLen, int nwrittenPtr) throws WasiError, IOException {
        var d = fds.get(fd);
        byte[] data = gather(mem, iovecs(mem, iovs, iovsLen));
        checkRange(mem, u(nwrittenPtr), 4);
        switch (d) {
            case StreamOut s -> {
                s.out.write(data);
                s.out.flush();
            }
            case FileDesc f -> {
                f.require(Rights.FD_WRITE, Errno.BADF);
                if (f.append) {
                    f.channel.position(f.channel.size());
                }
                var bb = ByteBuffer.wrap(data);
                while (bb.hasRemaining()) {
                    f.channel.write(bb);
                }
            }
            case DirDesc dir -> throw new WasiError(Errno.ISDIR);
            case StreamIn s -> throw new WasiError(Errno.BADF);
        }
        mem.store32(u(nwrittenPtr), data.length);
        return Errno.SUCCESS;
    }

    private FileDesc file(int fd) throws WasiError {
        return switch (fds.get(fd)) {
            case FileDesc f -> f;
            case DirDesc d -> throw new WasiError(Errno.ISDIR);
            default -> throw new WasiError(Errno.BADF);
        };
    }

    /** A file for an operation that needs a position: streams cannot seek ({@code ESPIPE}). */
    private FileDesc seekableFile(int fd) throws WasiError {
        return switch (fds.get(fd)) {
            case FileDesc f -> f;
            case StreamIn s -> throw new WasiError(Errno.SPIPE);
            case StreamOut s -> throw new WasiError(Errno.SPIPE);
            case DirDesc d -> throw new WasiError(Errno.ISDIR);
        };
    }

    private static void extend(FileChannel ch, long newSize) throws IOException {
        // Writing one zero byte at the new end makes the file that long (a sparse hole before it).
        ch.write(ByteBuffer.wrap(new byte[1]), newSize - 1);
    }
}
