package dev.jwasm.wasi;

import dev.jwasm.api.ConfigurationException;
import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.spi.LinearMemory;
import dev.jwasm.wasi.internal.Descriptor;
import dev.jwasm.wasi.internal.Descriptor.DirDesc;
import dev.jwasm.wasi.internal.Descriptor.FileDesc;
import dev.jwasm.wasi.internal.Descriptor.StreamIn;
import dev.jwasm.wasi.internal.Descriptor.StreamOut;
import dev.jwasm.wasi.internal.FdTable;
import dev.jwasm.wasi.internal.FileStat;
import dev.jwasm.wasi.internal.IoErrors;
import dev.jwasm.wasi.internal.PathResolver;
import dev.jwasm.wasi.internal.PathResolver.Resolved;
import dev.jwasm.wasi.internal.Rights;
import dev.jwasm.wasi.internal.WasiError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;

/**
 * The 46 functions of {@code wasi_snapshot_preview1}, as plain Java over a {@link LinearMemory}.
 *
 * <p>Each method takes the guest memory and the function's Wasm arguments (i32 as {@code int},
 * i64 as {@code long}; pointers are unsigned i32) and returns the {@link Errno} the function
 * returns, except {@link #procExit}, which throws {@link WasiExitException}. Struct layouts and
 * flag values follow the preview1 witx ({@code typenames.witx}); a pointer outside memory is
 * {@link Errno#FAULT}. {@link WasiFunctions#ALL} lists them with their Wasm signatures for a linker.
 *
 * <p>One instance serves one program: it owns the program's descriptor table. Not thread-safe.
 */
public final class WasiPreview1 implements AutoCloseable {
    // witx flag values used below (typenames.witx).
    private static final int OFLAGS_CREAT = 1;
    private static final int OFLAGS_DIRECTORY = 2;
    private static final int OFLAGS_EXCL = 4;
    private static final int OFLAGS_TRUNC = 8;
    private static final int FDFLAGS_APPEND = 1;
    private static final int FDFLAGS_DSYNC = 2;
    private static final int FDFLAGS_NONBLOCK = 4;
    private static final int FDFLAGS_RSYNC = 8;
    private static final int FDFLAGS_SYNC = 16;
    private static final int LOOKUP_SYMLINK_FOLLOW = 1;
    private static final int FSTFLAGS_ATIM = 1;
    private static final int FSTFLAGS_ATIM_NOW = 2;
    private static final int FSTFLAGS_MTIM = 4;
    private static final int FSTFLAGS_MTIM_NOW = 8;
    private static final int CLOCK_REALTIME = 0;
    private static final int CLOCK_MONOTONIC = 1;
    private static final int CLOCK_PROCESS_CPUTIME = 2;
    private static final int CLOCK_THREAD_CPUTIME = 3;
    private static final int EVENTTYPE_CLOCK = 0;
    private static final int EVENTTYPE_FD_READ = 1;
    private static final int EVENTTYPE_FD_WRITE = 2;
    private static final int SUBCLOCKFLAGS_ABSTIME = 1;
    private static final int SUBSCRIPTION_SIZE = 48;
    private static final int EVENT_SIZE = 32;
    private static final int DIRENT_SIZE = 24;

    /** Most iovecs per call, as POSIX {@code IOV_MAX} on Linux. */
    private static final int IOV_MAX = 1024;
    /** Most bytes moved by one read or write call: a short count is legal and callers loop. */
    private static final int MAX_IO = 16 << 20;

    private final FdTable fds = new FdTable();
    private final List<byte[]> args;
    private final List<byte[]> env;
    private final SecureRandom random = new SecureRandom();
    private final long monotonicBase = System.nanoTime();

    public WasiPreview1(WasiConfig config) {
        args = config.args().stream()
                .map(s -> s.getBytes(StandardCharsets.UTF_8))
                .toList();
        env = config.env().entrySet().stream()
                .map(e -> (e.getKey() + "=" + e.getValue()).getBytes(StandardCharsets.UTF_8))
                .toList();
        try {
            fds.add(new StreamIn(config.stdin()));
            fds.add(new StreamOut(config.stdout()));
            fds.add(new StreamOut(config.stderr()));
            for (var p : config.preopens()) {
                long base = p.readOnly() ? Rights.DIR_ALL & ~Rights.DIR_MUTATE : Rights.DIR_ALL;
                long inheriting = Rights.DIR_ALL | Rights.FILE_ALL;
                if (p.readOnly()) {
                    inheriting &= ~(Rights.DIR_MUTATE | Rights.FILE_WRITE);
                }
                fds.add(new DirDesc(p.hostPath().toRealPath(), p.guestPath(), base, inheriting, p.readOnly()));
            }
        } catch (IOException e) {
            throw new ConfigurationException("cannot preopen directory: " + e.getMessage(), e);
        } catch (WasiError e) {
            throw new ConfigurationException("too many preopened directories");
        }
    }

    // ---------------------------------------------------------------- args and environment

    public int argsGet(LinearMemory mem, int argv, int argvBuf) {
        return call(() -> storeStrings(mem, args, argv, argvBuf));
    }

    public int argsSizesGet(LinearMemory mem, int argcPtr, int bufSizePtr) {
        return call(() -> storeSizes(mem, args, argcPtr, bufSizePtr));
    }

    public int environGet(LinearMemory mem, int environ, int environBuf) {
        return call(() -> storeStrings(mem, env, environ, environBuf));
    }

    public int environSizesGet(LinearMemory mem, int countPtr, int bufSizePtr) {
        return call(() -> storeSizes(mem, env, countPtr, bufSizePtr));
    }

    /** Pointers to each string at {@code ptrs}, the NUL-terminated strings packed at {@code buf}. */
    private static int storeStrings(LinearMemory mem, List<byte[]> strings, int ptrs, int buf) throws WasiError {
        long p = u(ptrs);
        long b = u(buf);
        long total = 0;
        for (var s : strings) {
            total += s.length + 1;
        }
        // Both areas are checked first so that a bad pointer leaves memory unchanged.
        checkRange(mem, p, 4L * strings.size());
        checkRange(mem, b, total);
        for (var s : strings) {
            mem.store32(p, (int) b);
            mem.write(b, s, 0, s.length);
            mem.store8(b + s.length, (byte) 0);
            p += 4;
            b += s.length + 1;
        }
        return Errno.SUCCESS;
    }

    private static int storeSizes(LinearMemory mem, List<byte[]> strings, int countPtr, int sizePtr) throws WasiError {
        long total = 0;
        for (var s : strings) {
            total += s.length + 1;
        }
        checkRange(mem, u(countPtr), 4);
        checkRange(mem, u(sizePtr), 4);
        mem.store32(u(countPtr), strings.size());
        mem.store32(u(sizePtr), (int) total);
        return Errno.SUCCESS;
    }

    // ---------------------------------------------------------------- clocks, random, scheduling

    public int clockResGet(LinearMemory mem, int clockId, int resPtr) {
        return call(() -> {
            long res =
                    switch (clockId) {
                        case CLOCK_REALTIME -> 1_000L; // Instant.now() is microsecond-accurate at worst
                        case CLOCK_MONOTONIC -> 1L;
                        case CLOCK_PROCESS_CPUTIME, CLOCK_THREAD_CPUTIME -> throw new WasiError(Errno.NOTSUP);
                        default -> throw new WasiError(Errno.INVAL);
                    };
            mem.store64(u(resPtr), res);
            return Errno.SUCCESS;
        });
    }

    public int clockTimeGet(LinearMemory mem, int clockId, long precision, int timePtr) {
        return call(() -> {
            mem.store64(u(timePtr), now(clockId));
            return Errno.SUCCESS;
        });
    }

    private long now(int clockId) throws WasiError {
        return switch (clockId) {
            case CLOCK_REALTIME -> {
                var t = Instant.now();
                yield t.getEpochSecond() * 1_000_000_000L + t.getNano();
            }
            case CLOCK_MONOTONIC -> System.nanoTime() - monotonicBase;
            // The JDK's java.base offers no per-thread CPU clock; wasmtime does not offer them either.
            case CLOCK_PROCESS_CPUTIME, CLOCK_THREAD_CPUTIME -> throw new WasiError(Errno.NOTSUP);
            default -> throw new WasiError(Errno.INVAL);
        };
    }

    public int randomGet(LinearMemory mem, int buf, int bufLen) {
        return call(() -> {
            long addr = u(buf);
            long remaining = u(bufLen);
            checkRange(mem, addr, remaining);
            byte[] chunk = new byte[(int) Math.min(remaining, 64 * 1024)];
            while (remaining > 0) {
                int n = (int) Math.min(remaining, chunk.length);
                random.nextBytes(chunk);
                mem.write(addr, chunk, 0, n);
                addr += n;
                remaining -= n;
            }
            return Errno.SUCCESS;
        });
    }

    public int schedYield(LinearMemory mem) {
        Thread.yield();
        return Errno.SUCCESS;
    }

    /** Terminates the program: always throws, so a linker declares no result for it. */
    public void procExit(LinearMemory mem, int code) {
        flushAll();
        throw new WasiExitException(code);
    }

    /** Signals are not supported (the function is gone from later WASI versions). */
    public int procRaise(LinearMemory mem, int signal) {
        return Errno.NOSYS;
    }

    // ---------------------------------------------------------------- descriptors

    public int fdAdvise(LinearMemory mem, int fd, long offset, long len, int advice) {
        return call(() -> {
            var f = file(fd);
            f.require(Rights.FD_ADVISE, Errno.NOTCAPABLE);
            if (advice < 0 || advice > 5 || offset < 0 || len < 0) {
                throw new WasiError(Errno.INVAL);
            }
            return Errno.SUCCESS; // advice only: nothing to do
        });
    }

    public int fdAllocate(LinearMemory mem, int fd, long offset, long len) {
        return call(() -> {
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
        });
    }

    public int fdClose(LinearMemory mem, int fd) {
        return call(() -> {
            fds.remove(fd).close();
            return Errno.SUCCESS;
        });
    }

    public int fdDatasync(LinearMemory mem, int fd) {
        return call(() -> sync(fd, Rights.FD_DATASYNC, false));
    }

    public int fdSync(LinearMemory mem, int fd) {
        return call(() -> sync(fd, Rights.FD_SYNC, true));
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

    /** witx {@code fdstat} (24 bytes): filetype u8 @0, flags u16 @2, rights_base @8, inheriting @16. */
    public int fdFdstatGet(LinearMemory mem, int fd, int statPtr) {
        return call(() -> {
            var d = fds.get(fd);
            int flags =
                    switch (d) {
                        case FileDesc f -> (f.append ? FDFLAGS_APPEND : 0) | f.syncFlags;
                        case StreamOut s -> FDFLAGS_APPEND;
                        default -> 0;
                    };
            long p = u(statPtr);
            mem.fill(p, (byte) 0, 24);
            mem.store8(p, (byte) d.filetype());
            mem.store16(p + 2, (short) flags);
            mem.store64(p + 8, d.rightsBase());
            mem.store64(p + 16, d.rightsInheriting());
            return Errno.SUCCESS;
        });
    }

    public int fdFdstatSetFlags(LinearMemory mem, int fd, int flags) {
        return call(() -> {
            var d = fds.get(fd);
            d.require(Rights.FD_FDSTAT_SET_FLAGS, Errno.NOTCAPABLE);
            if ((flags & ~0x1F) != 0) {
                throw new WasiError(Errno.INVAL);
            }
            if ((flags & (FDFLAGS_DSYNC | FDFLAGS_RSYNC | FDFLAGS_SYNC)) != 0) {
                // Like wasmtime: synchronous-I/O modes can only be chosen at path_open.
                throw new WasiError(Errno.NOTSUP);
            }
            switch (d) {
                case FileDesc f -> f.append = (flags & FDFLAGS_APPEND) != 0;
                default -> {
                    if ((flags & FDFLAGS_APPEND) != 0 && !(d instanceof StreamOut)) {
                        throw new WasiError(Errno.NOTSUP);
                    }
                }
            }
            return Errno.SUCCESS; // NONBLOCK is accepted and has no effect: host I/O here blocks
        });
    }

    public int fdFdstatSetRights(LinearMemory mem, int fd, long base, long inheriting) {
        return call(() -> {
            var d = fds.get(fd);
            // Rights can only be dropped, never gained (witx: "may only be used to remove rights").
            if ((base & ~d.rightsBase()) != 0 || (inheriting & ~d.rightsInheriting()) != 0) {
                throw new WasiError(Errno.NOTCAPABLE);
            }
            d.restrictRights(base, inheriting);
            return Errno.SUCCESS;
        });
    }

    public int fdFilestatGet(LinearMemory mem, int fd, int bufPtr) {
        return call(() -> {
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
        });
    }

    private static FileStat fileStat(FileDesc f) throws IOException {
        try {
            return FileStat.of(f.hostPath, true).withSize(f.channel.size());
        } catch (NoSuchFileException e) {
            // Unlinked or renamed since it was opened: the open file still has a size.
            return new FileStat(0, 0, Descriptor.FILETYPE_REGULAR_FILE, 0, f.channel.size(), 0, 0, 0);
        }
    }

    public int fdFilestatSetSize(LinearMemory mem, int fd, long size) {
        return call(() -> {
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
        });
    }

    public int fdFilestatSetTimes(LinearMemory mem, int fd, long atim, long mtim, int fstFlags) {
        return call(() -> {
            var d = fds.get(fd);
            d.require(Rights.FD_FILESTAT_SET_TIMES, Errno.NOTCAPABLE);
            Path p =
                    switch (d) {
                        case FileDesc f -> f.hostPath;
                        case DirDesc dir -> dir.hostPath;
                        default -> throw new WasiError(Errno.BADF);
                    };
            setTimes(p, true, atim, mtim, fstFlags);
            return Errno.SUCCESS;
        });
    }

    public int fdPread(LinearMemory mem, int fd, int iovs, int iovsLen, long offset, int nreadPtr) {
        return call(() -> {
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
                var bb = ByteBuffer.allocate(v.len);
                int r = v.len == 0 ? 0 : f.channel.read(bb, pos);
                if (r <= 0) {
                    if (v.len == 0) {
                        continue;
                    }
                    break;
                }
                mem.write(v.buf, bb.array(), 0, r);
                pos += r;
                total += r;
                if (r < v.len) {
                    break;
                }
            }
            mem.store32(u(nreadPtr), (int) total);
            return Errno.SUCCESS;
        });
    }

    public int fdPwrite(LinearMemory mem, int fd, int iovs, int iovsLen, long offset, int nwrittenPtr) {
        return call(() -> {
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
        });
    }

    /** witx {@code prestat} (8 bytes): tag u8 @0 (0 = dir), pr_name_len u32 @4. */
    public int fdPrestatGet(LinearMemory mem, int fd, int bufPtr) {
        return call(() -> {
            var name = preopenName(fd);
            long p = u(bufPtr);
            mem.fill(p, (byte) 0, 8);
            mem.store32(p + 4, name.length);
            return Errno.SUCCESS;
        });
    }

    public int fdPrestatDirName(LinearMemory mem, int fd, int path, int pathLen) {
        return call(() -> {
            var name = preopenName(fd);
            if (u(pathLen) < name.length) {
                throw new WasiError(Errno.NAMETOOLONG);
            }
            mem.write(u(path), name, 0, name.length);
            return Errno.SUCCESS;
        });
    }

    private byte[] preopenName(int fd) throws WasiError {
        if (fds.get(fd) instanceof DirDesc d && d.preopenName != null) {
            return d.preopenName.getBytes(StandardCharsets.UTF_8);
        }
        throw new WasiError(Errno.BADF);
    }

    public int fdRead(LinearMemory mem, int fd, int iovs, int iovsLen, int nreadPtr) {
        return call(() -> {
            var d = fds.get(fd);
            var vecs = iovecs(mem, iovs, iovsLen);
            checkRange(mem, u(nreadPtr), 4);
            long total = 0;
            switch (d) {
                case StreamIn s -> {
                    for (var v : vecs) {
                        if (v.len == 0) {
                            continue;
                        }
                        byte[] tmp = new byte[v.len];
                        int r = s.in.read(tmp, 0, v.len);
                        if (r <= 0) {
                            break;
                        }
                        mem.write(v.buf, tmp, 0, r);
                        total += r;
                        if (r < v.len) {
                            break; // a stream returns what it has; do not block for more
                        }
                    }
                }
                case FileDesc f -> {
                    f.require(Rights.FD_READ, Errno.BADF);
                    for (var v : vecs) {
                        if (v.len == 0) {
                            continue;
                        }
                        var bb = ByteBuffer.allocate(v.len);
                        int r = f.channel.read(bb);
                        if (r <= 0) {
                            break;
                        }
                        mem.write(v.buf, bb.array(), 0, r);
                        total += r;
                        if (r < v.len) {
                            break;
                        }
                    }
                }
                case DirDesc dir -> throw new WasiError(Errno.ISDIR);
                case StreamOut s -> throw new WasiError(Errno.BADF);
            }
            mem.store32(u(nreadPtr), (int) total);
            return Errno.SUCCESS;
        });
    }

    /**
     * witx {@code dirent} (24 bytes, then the name without NUL): d_next u64 @0, d_ino u64 @8,
     * d_namlen u32 @16, d_type u8 @20. Entries are {@code .}, {@code ..}, then names in sorted
     * order; a cookie is the index of the next entry. The last entry may be cut off: the guest
     * sees {@code bufused == buf_len} and asks again with a larger buffer.
     */
    public int fdReaddir(LinearMemory mem, int fd, int buf, int bufLen, long cookie, int bufusedPtr) {
        return call(() -> {
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
                            case "." -> dir.hostPath;
                            case ".." -> dir.hostPath.getParent() != null ? dir.hostPath.getParent() : dir.hostPath;
                            default -> dir.hostPath.resolve(name);
                        };
                byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
                var header = ByteBuffer.allocate(DIRENT_SIZE).order(ByteOrder.LITTLE_ENDIAN);
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
        });
    }

    private static long inode(Path p) {
        try {
            return FileStat.of(p, false).ino();
        } catch (IOException e) {
            return 0;
        }
    }

    public int fdRenumber(LinearMemory mem, int fd, int to) {
        return call(() -> {
            var replaced = fds.renumber(fd, to);
            if (replaced != null) {
                replaced.close();
            }
            return Errno.SUCCESS;
        });
    }

    public int fdSeek(LinearMemory mem, int fd, long offset, int whence, int newOffsetPtr) {
        return call(() -> {
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
        });
    }

    public int fdTell(LinearMemory mem, int fd, int offsetPtr) {
        return call(() -> {
            var f = seekableFile(fd);
            f.require(Rights.FD_TELL, Errno.NOTCAPABLE);
            mem.store64(u(offsetPtr), f.channel.position());
            return Errno.SUCCESS;
        });
    }

    public int fdWrite(LinearMemory mem, int fd, int iovs, int iovsLen, int nwrittenPtr) {
        return call(() -> {
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
        });
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

    // ---------------------------------------------------------------- paths

    public int pathCreateDirectory(LinearMemory mem, int fd, int path, int pathLen) {
        return call(() -> {
            var r = resolve(mem, fd, Rights.PATH_CREATE_DIRECTORY, path, pathLen, false);
            if (r.name() == null) {
                throw new WasiError(Errno.EXIST);
            }
            Files.createDirectory(r.host());
            return Errno.SUCCESS;
        });
    }

    public int pathFilestatGet(LinearMemory mem, int fd, int flags, int path, int pathLen, int bufPtr) {
        return call(() -> {
            var r = resolve(mem, fd, Rights.PATH_FILESTAT_GET, path, pathLen, follows(flags));
            checkTrailingSlash(r);
            FileStat.of(r.host(), false).store(mem, u(bufPtr));
            return Errno.SUCCESS;
        });
    }

    public int pathFilestatSetTimes(
            LinearMemory mem, int fd, int flags, int path, int pathLen, long atim, long mtim, int fstFlags) {
        return call(() -> {
            var r = resolve(mem, fd, Rights.PATH_FILESTAT_SET_TIMES, path, pathLen, follows(flags));
            checkTrailingSlash(r);
            setTimes(r.host(), false, atim, mtim, fstFlags);
            return Errno.SUCCESS;
        });
    }

    public int pathLink(
            LinearMemory mem,
            int oldFd,
            int oldFlags,
            int oldPath,
            int oldPathLen,
            int newFd,
            int newPath,
            int newPathLen) {
        return call(() -> {
            var from = resolve(mem, oldFd, Rights.PATH_LINK_SOURCE, oldPath, oldPathLen, follows(oldFlags));
            var to = resolve(mem, newFd, Rights.PATH_LINK_TARGET, newPath, newPathLen, false);
            if (to.name() == null) {
                throw new WasiError(Errno.EXIST);
            }
            if (Files.isDirectory(from.host(), LinkOption.NOFOLLOW_LINKS)) {
                throw new WasiError(Errno.PERM); // hard links to directories: EPERM, as Linux
            }
            Files.createLink(to.host(), from.host());
            return Errno.SUCCESS;
        });
    }

    /**
     * Opens a file or directory below {@code fd}. Requested rights must lie within the directory's
     * inheriting rights ({@code ENOTCAPABLE} otherwise); a file keeps only the file-applicable ones.
     */
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
            int fdPtr) {
        return call(() -> {
            var dir = dir(fd);
            dir.require(Rights.PATH_OPEN, Errno.NOTCAPABLE);
            boolean creat = (oflags & OFLAGS_CREAT) != 0;
            boolean trunc = (oflags & OFLAGS_TRUNC) != 0;
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
            boolean excl = (oflags & OFLAGS_EXCL) != 0;
            if (attrs != null && creat && excl) {
                throw new WasiError(Errno.EXIST);
            }
            if (attrs != null && attrs.isSymbolicLink()) {
                throw new WasiError(Errno.LOOP); // O_NOFOLLOW on a symlink, as Linux
            }
            boolean wantDir = (oflags & OFLAGS_DIRECTORY) != 0 || r.mustBeDirectory();
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
            if ((fdflags & FDFLAGS_DSYNC) != 0) {
                options.add(StandardOpenOption.DSYNC);
            }
            if ((fdflags & (FDFLAGS_SYNC | FDFLAGS_RSYNC)) != 0) {
                options.add(StandardOpenOption.SYNC);
            }
            var channel = FileChannel.open(r.host(), options);
            var f = new FileDesc(
                    channel,
                    r.host(),
                    base & Rights.FILE_ALL,
                    inheriting & Rights.FILE_ALL,
                    (fdflags & FDFLAGS_APPEND) != 0,
                    fdflags & (FDFLAGS_DSYNC | FDFLAGS_RSYNC | FDFLAGS_SYNC));
            int newFd;
            try {
                newFd = fds.add(f);
            } catch (WasiError e) {
                channel.close();
                throw e;
            }
            mem.store32(u(fdPtr), newFd);
            return Errno.SUCCESS;
        });
    }

    public int pathReadlink(LinearMemory mem, int fd, int path, int pathLen, int buf, int bufLen, int bufusedPtr) {
        return call(() -> {
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
        });
    }

    public int pathRemoveDirectory(LinearMemory mem, int fd, int path, int pathLen) {
        return call(() -> {
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
        });
    }

    public int pathRename(
            LinearMemory mem, int fd, int oldPath, int oldPathLen, int newFd, int newPath, int newPathLen) {
        return call(() -> {
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
        });
    }

    /**
     * Creates a symlink at {@code newPath} pointing at {@code oldPath}. Absolute targets are refused
     * ({@code EPERM}); relative ones that point outside are harmless, since resolution refuses to
     * follow them.
     */
    public int pathSymlink(LinearMemory mem, int oldPath, int oldPathLen, int fd, int newPath, int newPathLen) {
        return call(() -> {
            String target = readPath(mem, oldPath, oldPathLen);
            var r = resolve(mem, fd, Rights.PATH_SYMLINK, newPath, newPathLen, false);
            if (target.isEmpty()) {
                throw new WasiError(Errno.NOENT);
            }
            if (target.startsWith("/")) {
                throw new WasiError(Errno.PERM);
            }
            if (r.name() == null || attributes(r.host()) != null) {
                throw new WasiError(Errno.EXIST);
            }
            Files.createSymbolicLink(r.host(), Path.of(target));
            return Errno.SUCCESS;
        });
    }

    public int pathUnlinkFile(LinearMemory mem, int fd, int path, int pathLen) {
        return call(() -> {
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
        });
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
        return (lookupFlags & LOOKUP_SYMLINK_FOLLOW) != 0;
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

    private static void setTimes(Path p, boolean follow, long atim, long mtim, int fstFlags)
            throws WasiError, IOException {
        if ((fstFlags & ~0xF) != 0
                || (fstFlags & (FSTFLAGS_ATIM | FSTFLAGS_ATIM_NOW)) == (FSTFLAGS_ATIM | FSTFLAGS_ATIM_NOW)
                || (fstFlags & (FSTFLAGS_MTIM | FSTFLAGS_MTIM_NOW)) == (FSTFLAGS_MTIM | FSTFLAGS_MTIM_NOW)) {
            throw new WasiError(Errno.INVAL);
        }
        var nowTime = FileTime.from(Instant.now());
        FileTime a = (fstFlags & FSTFLAGS_ATIM_NOW) != 0
                ? nowTime
                : (fstFlags & FSTFLAGS_ATIM) != 0 ? fromNanos(atim) : null;
        FileTime m = (fstFlags & FSTFLAGS_MTIM_NOW) != 0
                ? nowTime
                : (fstFlags & FSTFLAGS_MTIM) != 0 ? fromNanos(mtim) : null;
        LinkOption[] opts = follow ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
        Files.getFileAttributeView(p, BasicFileAttributeView.class, opts).setTimes(m, a, null);
    }

    private static FileTime fromNanos(long nanos) {
        // witx timestamps are u64 nanoseconds since the epoch.
        return FileTime.from(Instant.ofEpochSecond(
                Long.divideUnsigned(nanos, 1_000_000_000L), Long.remainderUnsigned(nanos, 1_000_000_000L)));
    }

    // ---------------------------------------------------------------- poll

    private record Subscription(long userdata, int type, int clockId, long timeout, int flags, int fd) {}

    /**
     * witx {@code subscription} (48 bytes): userdata u64 @0, tag u8 @8, then at @16 either
     * {@code subscription_clock} (id u32 @16, timeout u64 @24, precision u64 @32, flags u16 @40) or
     * {@code subscription_fd_readwrite} (fd u32 @16). {@code event} (32 bytes): userdata @0, error
     * u16 @8, type u8 @10, nbytes u64 @16, flags u16 @24. Files and streams always count as ready;
     * when none is subscribed, the call sleeps until the earliest clock.
     */
    public int pollOneoff(LinearMemory mem, int in, int out, int nsubscriptions, int neventsPtr) {
        return call(() -> {
            long n = u(nsubscriptions);
            if (n == 0 || n > 4096) {
                throw new WasiError(Errno.INVAL);
            }
            checkRange(mem, u(in), n * SUBSCRIPTION_SIZE);
            checkRange(mem, u(out), n * EVENT_SIZE);
            checkRange(mem, u(neventsPtr), 4);
            var subs = new ArrayList<Subscription>();
            for (long i = 0; i < n; i++) {
                long s = u(in) + i * SUBSCRIPTION_SIZE;
                int tag = Byte.toUnsignedInt(mem.load8(s + 8));
                if (tag > EVENTTYPE_FD_WRITE) {
                    throw new WasiError(Errno.INVAL);
                }
                subs.add(new Subscription(
                        mem.load64(s),
                        tag,
                        mem.load32(s + 16),
                        mem.load64(s + 24),
                        Short.toUnsignedInt(mem.load16(s + 40)),
                        mem.load32(s + 16)));
            }
            var events = new ArrayList<long[]>(); // {userdata, error, type, nbytes}
            long minWait = Long.MAX_VALUE;
            long[] waits = new long[subs.size()];
            for (int i = 0; i < subs.size(); i++) {
                var s = subs.get(i);
                if (s.type == EVENTTYPE_CLOCK) {
                    try {
                        long now = now(s.clockId);
                        long wait = (s.flags & SUBCLOCKFLAGS_ABSTIME) != 0 ? s.timeout - now : s.timeout;
                        waits[i] = Math.max(0, wait);
                        minWait = Math.min(minWait, waits[i]);
                    } catch (WasiError e) {
                        waits[i] = -1;
                        events.add(new long[] {s.userdata, e.errno(), s.type, 0});
                    }
                } else {
                    events.add(fdEvent(s));
                }
            }
            // With anything to report already, return at once: only clocks already due fire.
            // Otherwise sleep until the earliest clock, and fire every clock due by then.
            long elapsed = 0;
            if (events.isEmpty() && minWait != Long.MAX_VALUE) {
                try {
                    Thread.sleep(Duration.ofNanos(minWait));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new WasiError(Errno.INTR);
                }
                elapsed = minWait;
            }
            for (int i = 0; i < subs.size(); i++) {
                var s = subs.get(i);
                if (s.type == EVENTTYPE_CLOCK && waits[i] >= 0 && waits[i] <= elapsed) {
                    events.add(new long[] {s.userdata, Errno.SUCCESS, s.type, 0});
                }
            }
            long o = u(out);
            for (var e : events) {
                mem.fill(o, (byte) 0, EVENT_SIZE);
                mem.store64(o, e[0]);
                mem.store16(o + 8, (short) e[1]);
                mem.store8(o + 10, (byte) e[2]);
                mem.store64(o + 16, e[3]);
                o += EVENT_SIZE;
            }
            mem.store32(u(neventsPtr), events.size());
            return Errno.SUCCESS;
        });
    }

    private long[] fdEvent(Subscription s) {
        try {
            var d = fds.get(s.fd);
            d.require(Rights.POLL_FD_READWRITE, Errno.BADF);
            long nbytes =
                    switch (d) {
                        case StreamIn in when s.type == EVENTTYPE_FD_READ -> in.in.available();
                        case StreamOut o when s.type == EVENTTYPE_FD_WRITE -> 0;
                        case FileDesc f
                        when s.type == EVENTTYPE_FD_READ -> Math.max(0, f.channel.size() - f.channel.position());
                        case FileDesc f -> 0;
                        default -> throw new WasiError(Errno.BADF);
                    };
            return new long[] {s.userdata, Errno.SUCCESS, s.type, nbytes};
        } catch (WasiError e) {
            return new long[] {s.userdata, e.errno(), s.type, 0};
        } catch (IOException e) {
            return new long[] {s.userdata, IoErrors.errno(e), s.type, 0};
        }
    }

    // ---------------------------------------------------------------- sockets

    /** jwasm offers no sockets: every descriptor is {@code ENOTSOCK}, an unknown one {@code EBADF}. */
    public int sockAccept(LinearMemory mem, int fd, int flags, int fdPtr) {
        return notSocket(fd);
    }

    public int sockRecv(
            LinearMemory mem, int fd, int riData, int riDataLen, int riFlags, int roDatalenPtr, int roFlagsPtr) {
        return notSocket(fd);
    }

    public int sockSend(LinearMemory mem, int fd, int siData, int siDataLen, int siFlags, int soDatalenPtr) {
        return notSocket(fd);
    }

    public int sockShutdown(LinearMemory mem, int fd, int how) {
        return notSocket(fd);
    }

    private int notSocket(int fd) {
        return call(() -> {
            fds.get(fd);
            return Errno.NOTSOCK;
        });
    }

    // ---------------------------------------------------------------- plumbing

    /** Closes every open descriptor (stdio streams are flushed, not closed). */
    @Override
    public void close() {
        for (var d : fds.all()) {
            try {
                d.close();
            } catch (IOException e) {
                // closing is best effort: the program has finished
            }
        }
    }

    private void flushAll() {
        for (var d : fds.all()) {
            if (d instanceof StreamOut s) {
                try {
                    s.out.flush();
                } catch (IOException e) {
                    // exiting anyway
                }
            }
        }
    }

    @FunctionalInterface
    private interface Body {
        int run() throws WasiError, IOException;
    }

    /** Runs one function body, turning every failure into the errno the guest sees. */
    private static int call(Body body) {
        try {
            return body.run();
        } catch (WasiError e) {
            return e.errno();
        } catch (IOException e) {
            return IoErrors.errno(e);
        } catch (UncheckedIOException e) {
            return IoErrors.errno(e.getCause());
        } catch (Trap t) {
            if (t.kind() == TrapKind.OUT_OF_BOUNDS_MEMORY) {
                return Errno.FAULT;
            }
            throw t;
        } catch (InvalidPathException e) {
            return Errno.INVAL;
        } catch (SecurityException | UnsupportedOperationException | IllegalStateException e) {
            return IoErrors.errno(e);
        }
    }

    private record IoVec(long buf, int len) {}

    /** witx {@code iovec} (8 bytes): buf u32 @0, buf_len u32 @4; all checked before any I/O. */
    private static List<IoVec> iovecs(LinearMemory mem, int iovs, int count) throws WasiError {
        long n = u(count);
        if (n > IOV_MAX) {
            throw new WasiError(Errno.INVAL);
        }
        checkRange(mem, u(iovs), n * 8);
        var list = new ArrayList<IoVec>();
        long budget = MAX_IO;
        for (long i = 0; i < n; i++) {
            long buf = u(mem.load32(u(iovs) + i * 8));
            long len = u(mem.load32(u(iovs) + i * 8 + 4));
            checkRange(mem, buf, len);
            int take = (int) Math.min(len, budget);
            list.add(new IoVec(buf, take));
            budget -= take;
        }
        return list;
    }

    private static byte[] gather(LinearMemory mem, List<IoVec> vecs) {
        int total = 0;
        for (var v : vecs) {
            total += v.len;
        }
        byte[] data = new byte[total];
        int at = 0;
        for (var v : vecs) {
            mem.read(v.buf, data, at, v.len);
            at += v.len;
        }
        return data;
    }

    private static String readPath(LinearMemory mem, int ptr, int len) throws WasiError {
        long n = u(len);
        if (n > 4096) {
            throw new WasiError(Errno.NAMETOOLONG); // PATH_MAX
        }
        checkRange(mem, u(ptr), n);
        byte[] bytes = new byte[(int) n];
        mem.read(u(ptr), bytes, 0, bytes.length);
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new WasiError(Errno.ILSEQ);
        }
    }

    /** Fails with {@code EFAULT} unless {@code [addr, addr+len)} lies inside memory. */
    private static void checkRange(LinearMemory mem, long addr, long len) throws WasiError {
        if (len < 0 || addr < 0 || addr + len > mem.byteSize()) {
            throw new WasiError(Errno.FAULT);
        }
    }

    private static long u(int i32) {
        return Integer.toUnsignedLong(i32);
    }
}
