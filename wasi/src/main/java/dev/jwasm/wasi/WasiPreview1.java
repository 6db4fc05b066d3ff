package dev.jwasm.wasi;

import static dev.jwasm.wasi.internal.GuestMemory.checkRange;
import static dev.jwasm.wasi.internal.GuestMemory.u;
import static dev.jwasm.wasi.internal.HostCall.call;

import dev.jwasm.api.ConfigurationException;
import dev.jwasm.api.Memory;
import dev.jwasm.internal.access.Internals;
import dev.jwasm.spi.LinearMemory;
import dev.jwasm.wasi.internal.Clocks;
import dev.jwasm.wasi.internal.Descriptor.DirDesc;
import dev.jwasm.wasi.internal.Descriptor.StreamIn;
import dev.jwasm.wasi.internal.Descriptor.StreamOut;
import dev.jwasm.wasi.internal.FdOps;
import dev.jwasm.wasi.internal.FdTable;
import dev.jwasm.wasi.internal.PathOps;
import dev.jwasm.wasi.internal.Poll;
import dev.jwasm.wasi.internal.Rights;
import dev.jwasm.wasi.internal.WasiError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The 46 functions of {@code wasi_snapshot_preview1}, as plain Java over a guest {@link Memory}.
 *
 * <p>Each method takes the guest memory (the calling instance's {@code memory} export; null for
 * the three that touch none: {@code sched_yield}, {@code proc_exit}, {@code proc_raise}) and the function's Wasm arguments (i32 as {@code int},
 * i64 as {@code long}; pointers are unsigned i32) and returns the {@link Errno} the function
 * returns, except {@link #procExit}, which throws {@link WasiExitException}. Struct layouts and
 * flag values follow the preview1 witx ({@code typenames.witx}); a pointer outside memory is
 * {@link Errno#FAULT}. {@link WasiFunctions#ALL} lists them with their Wasm signatures for a linker.
 *
 * <p>One instance serves one program: it owns the program's descriptor table. Not thread-safe by
 * itself: a threaded program's instances reach it through {@link WasiThreads}, which serializes
 * their calls.
 */
public final class WasiPreview1 implements AutoCloseable {

    private final FdTable fds = new FdTable();
    private final List<byte[]> args;
    private final List<byte[]> env;
    private final SecureRandom random = new SecureRandom();
    private final Clocks clocks = new Clocks();
    private final FdOps fdOps = new FdOps(fds);
    private final PathOps pathOps = new PathOps(fds);
    /** What a threaded program's WASI calls hold, one at a time; poll_oneoff sleeps release it. */
    private final Object lock = new Object();

    private final Poll poll = new Poll(fds, clocks, lock);

    private final boolean threadsEnabled;
    private WasiThreads threads;

    public WasiPreview1(WasiConfig config) {
        threadsEnabled = config.threads();
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

    public int argsGet(Memory memory, int argv, int argvBuf) {
        LinearMemory mem = raw(memory);
        return call(() -> storeStrings(mem, args, argv, argvBuf));
    }

    public int argsSizesGet(Memory memory, int argcPtr, int bufSizePtr) {
        LinearMemory mem = raw(memory);
        return call(() -> storeSizes(mem, args, argcPtr, bufSizePtr));
    }

    public int environGet(Memory memory, int environ, int environBuf) {
        LinearMemory mem = raw(memory);
        return call(() -> storeStrings(mem, env, environ, environBuf));
    }

    public int environSizesGet(Memory memory, int countPtr, int bufSizePtr) {
        LinearMemory mem = raw(memory);
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

    public int clockResGet(Memory memory, int clockId, int resPtr) {
        LinearMemory mem = raw(memory);
        return call(() -> {
            mem.store64(u(resPtr), clocks.resolution(clockId));
            return Errno.SUCCESS;
        });
    }

    public int clockTimeGet(Memory memory, int clockId, long precision, int timePtr) {
        LinearMemory mem = raw(memory);
        return call(() -> {
            mem.store64(u(timePtr), clocks.now(clockId));
            return Errno.SUCCESS;
        });
    }

    public int randomGet(Memory memory, int buf, int bufLen) {
        LinearMemory mem = raw(memory);
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

    public int schedYield(Memory memory) {
        Thread.yield();
        return Errno.SUCCESS;
    }

    /** Terminates the program: always throws, so a linker declares no result for it. */
    public void procExit(Memory memory, int code) {
        flushAll();
        throw new WasiExitException(code);
    }

    /** Signals are not supported (the function is gone from later WASI versions). */
    public int procRaise(Memory memory, int signal) {
        return Errno.NOSYS;
    }

    // ---------------------------------------------------------------- descriptors

    public int fdAdvise(Memory memory, int fd, long offset, long len, int advice) {
        LinearMemory mem = raw(memory);
        return call(() -> fdOps.fdAdvise(mem, fd, offset, len, advice));
    }

    public int fdAllocate(Memory memory, int fd, long offset, long len) {
        LinearMemory mem = raw(memory);
        return call(() -> fdOps.fdAllocate(mem, fd, offset, len));
    }

    public int fdClose(Memory memory, int fd) {
        LinearMemory mem = raw(memory);
        return call(() -> fdOps.fdClose(mem, fd));
    }

    public int fdDatasync(Memory memory, int fd) {
        LinearMemory mem = raw(memory);
        return call(() -> fdOps.fdDatasync(mem, fd));
    }

    public int fdSync(Memory memory, int fd) {
        LinearMemory mem = raw(memory);
        return call(() -> fdOps.fdSync(mem, fd));
    }

    /** witx {@code fdstat} (24 bytes): filetype u8 @0, flags u16 @2, rights_base @8, inheriting @16. */
    public int fdFdstatGet(Memory memory, int fd, int statPtr) {
        LinearMemory mem = raw(memory);
        return call(() -> fdOps.fdFdstatGet(mem, fd, statPtr));
    }

    public int fdFdstatSetFlags(Memory memory, int fd, int flags) {
        LinearMemory mem = raw(memory);
        return call(() -> fdOps.fdFdstatSetFlags(mem, fd, flags));
    }

    public int fdFdstatSetRights(Memory memory, int fd, long base, long inheriting) {
        LinearMemory mem = raw(memory);
        return call(() -> fdOps.fdFdstatSetRights(mem, fd, base, inheriting));
    }

    public int fdFilestatGet(Memory memory, int fd, int bufPtr) {
        LinearMemory mem = raw(memory);
        return call(() -> fdOps.fdFilestatGet(mem, fd, bufPtr));
    }

    public int fdFilestatSetSize(Memory memory, int fd, long size) {
        LinearMemory mem = raw(memory);
        return call(() -> fdOps.fdFilestatSetSize(mem, fd, size));
    }

    public int fdFilestatSetTimes(Memory memory, int fd, long atim, long mtim, int fstFlags) {
        LinearMemory mem = raw(memory);
        return call(() -> fdOps.fdFilestatSetTimes(mem, fd, atim, mtim, fstFlags));
    }

    public int fdPread(Memory memory, int fd, int iovs, int iovsLen, long offset, int nreadPtr) {
        LinearMemory mem = raw(memory);
        return call(() -> fdOps.fdPread(mem, fd, iovs, iovsLen, offset, nreadPtr));
    }

    public int fdPwrite(Memory memory, int fd, int iovs, int iovsLen, long offset, int nwrittenPtr) {
        LinearMemory mem = raw(memory);
        return call(() -> fdOps.fdPwrite(mem, fd, iovs, iovsLen, offset, nwrittenPtr));
    }

    /** witx {@code prestat} (8 bytes): tag u8 @0 (0 = dir), pr_name_len u32 @4. */
    public int fdPrestatGet(Memory memory, int fd, int bufPtr) {
        LinearMemory mem = raw(memory);
        return call(() -> fdOps.fdPrestatGet(mem, fd, bufPtr));
    }

    public int fdPrestatDirName(Memory memory, int fd, int path, int pathLen) {
        LinearMemory mem = raw(memory);
        return call(() -> fdOps.fdPrestatDirName(mem, fd, path, pathLen));
    }

    public int fdRead(Memory memory, int fd, int iovs, int iovsLen, int nreadPtr) {
        LinearMemory mem = raw(memory);
        return call(() -> fdOps.fdRead(mem, fd, iovs, iovsLen, nreadPtr));
    }

    /**
     * witx {@code dirent} (24 bytes, then the name without NUL): d_next u64 @0, d_ino u64 @8,
     * d_namlen u32 @16, d_type u8 @20. Entries are {@code .}, {@code ..}, then names in sorted
     * order; a cookie is the index of the next entry. The last entry may be cut off: the guest
     * sees {@code bufused == buf_len} and asks again with a larger buffer.
     */
    public int fdReaddir(Memory memory, int fd, int buf, int bufLen, long cookie, int bufusedPtr) {
        LinearMemory mem = raw(memory);
        return call(() -> fdOps.fdReaddir(mem, fd, buf, bufLen, cookie, bufusedPtr));
    }

    public int fdRenumber(Memory memory, int fd, int to) {
        LinearMemory mem = raw(memory);
        return call(() -> fdOps.fdRenumber(mem, fd, to));
    }

    public int fdSeek(Memory memory, int fd, long offset, int whence, int newOffsetPtr) {
        LinearMemory mem = raw(memory);
        return call(() -> fdOps.fdSeek(mem, fd, offset, whence, newOffsetPtr));
    }

    public int fdTell(Memory memory, int fd, int offsetPtr) {
        LinearMemory mem = raw(memory);
        return call(() -> fdOps.fdTell(mem, fd, offsetPtr));
    }

    public int fdWrite(Memory memory, int fd, int iovs, int iovsLen, int nwrittenPtr) {
        LinearMemory mem = raw(memory);
        return call(() -> fdOps.fdWrite(mem, fd, iovs, iovsLen, nwrittenPtr));
    }

    // ---------------------------------------------------------------- paths

    public int pathCreateDirectory(Memory memory, int fd, int path, int pathLen) {
        LinearMemory mem = raw(memory);
        return call(() -> pathOps.pathCreateDirectory(mem, fd, path, pathLen));
    }

    public int pathFilestatGet(Memory memory, int fd, int flags, int path, int pathLen, int bufPtr) {
        LinearMemory mem = raw(memory);
        return call(() -> pathOps.pathFilestatGet(mem, fd, flags, path, pathLen, bufPtr));
    }

    public int pathFilestatSetTimes(
            Memory memory, int fd, int flags, int path, int pathLen, long atim, long mtim, int fstFlags) {
        LinearMemory mem = raw(memory);
        return call(() -> pathOps.pathFilestatSetTimes(mem, fd, flags, path, pathLen, atim, mtim, fstFlags));
    }

    public int pathLink(
            Memory memory,
            int oldFd,
            int oldFlags,
            int oldPath,
            int oldPathLen,
            int newFd,
            int newPath,
            int newPathLen) {
        LinearMemory mem = raw(memory);
        return call(() -> pathOps.pathLink(mem, oldFd, oldFlags, oldPath, oldPathLen, newFd, newPath, newPathLen));
    }

    /**
     * Opens a file or directory below {@code fd}. Requested rights must lie within the directory's
     * inheriting rights ({@code ENOTCAPABLE} otherwise); a file keeps only the file-applicable ones.
     */
    public int pathOpen(
            Memory memory,
            int fd,
            int dirflags,
            int path,
            int pathLen,
            int oflags,
            long rightsBase,
            long rightsInheriting,
            int fdflags,
            int fdPtr) {
        LinearMemory mem = raw(memory);
        return call(() -> pathOps.pathOpen(
                mem, fd, dirflags, path, pathLen, oflags, rightsBase, rightsInheriting, fdflags, fdPtr));
    }

    public int pathReadlink(Memory memory, int fd, int path, int pathLen, int buf, int bufLen, int bufusedPtr) {
        LinearMemory mem = raw(memory);
        return call(() -> pathOps.pathReadlink(mem, fd, path, pathLen, buf, bufLen, bufusedPtr));
    }

    public int pathRemoveDirectory(Memory memory, int fd, int path, int pathLen) {
        LinearMemory mem = raw(memory);
        return call(() -> pathOps.pathRemoveDirectory(mem, fd, path, pathLen));
    }

    public int pathRename(Memory memory, int fd, int oldPath, int oldPathLen, int newFd, int newPath, int newPathLen) {
        LinearMemory mem = raw(memory);
        return call(() -> pathOps.pathRename(mem, fd, oldPath, oldPathLen, newFd, newPath, newPathLen));
    }

    /**
     * Creates a symlink at {@code newPath} pointing at {@code oldPath}. Absolute targets are refused
     * ({@code EPERM}); relative ones that point outside are harmless, since resolution refuses to
     * follow them.
     */
    public int pathSymlink(Memory memory, int oldPath, int oldPathLen, int fd, int newPath, int newPathLen) {
        LinearMemory mem = raw(memory);
        return call(() -> pathOps.pathSymlink(mem, oldPath, oldPathLen, fd, newPath, newPathLen));
    }

    public int pathUnlinkFile(Memory memory, int fd, int path, int pathLen) {
        LinearMemory mem = raw(memory);
        return call(() -> pathOps.pathUnlinkFile(mem, fd, path, pathLen));
    }

    // ---------------------------------------------------------------- poll

    /**
     * witx {@code subscription} (48 bytes): userdata u64 @0, tag u8 @8, then at @16 either
     * {@code subscription_clock} (id u32 @16, timeout u64 @24, precision u64 @32, flags u16 @40) or
     * {@code subscription_fd_readwrite} (fd u32 @16). {@code event} (32 bytes): userdata @0, error
     * u16 @8, type u8 @10, nbytes u64 @16, flags u16 @24. Files and streams always count as ready;
     * when none is subscribed, the call sleeps until the earliest clock.
     */
    public int pollOneoff(Memory memory, int in, int out, int nsubscriptions, int neventsPtr) {
        LinearMemory mem = raw(memory);
        return call(() -> poll.pollOneoff(mem, in, out, nsubscriptions, neventsPtr));
    }

    // ---------------------------------------------------------------- sockets

    /** jwasm offers no sockets: every descriptor is {@code ENOTSOCK}, an unknown one {@code EBADF}. */
    public int sockAccept(Memory memory, int fd, int flags, int fdPtr) {
        return notSocket(fd);
    }

    public int sockRecv(
            Memory memory, int fd, int riData, int riDataLen, int riFlags, int roDatalenPtr, int roFlagsPtr) {
        return notSocket(fd);
    }

    public int sockSend(Memory memory, int fd, int siData, int siDataLen, int siFlags, int soDatalenPtr) {
        return notSocket(fd);
    }

    public int sockShutdown(Memory memory, int fd, int how) {
        return notSocket(fd);
    }

    private int notSocket(int fd) {
        return call(() -> {
            fds.get(fd);
            return Errno.NOTSOCK;
        });
    }

    // ---------------------------------------------------------------- plumbing

    /**
     * The memory's backing store: the operations below check guest pointers themselves (an
     * out-of-range one is {@link Errno#FAULT}, not a trap), so they work on it directly.
     */
    private static LinearMemory raw(Memory memory) {
        return Internals.memory(Objects.requireNonNull(memory, "memory"));
    }

    /** Closes every open descriptor (stdio streams are flushed, not closed). */
    @Override
    public void close() {
        if (threads != null) {
            threads.close();
        }
        for (var d : fds.all()) {
            try {
                d.close();
            } catch (IOException e) {
                // closing is best effort: the program has finished
            }
        }
    }

    /** Whether the configuration lets the program start threads ({@link WasiConfig#threads()}). */
    public boolean threadsEnabled() {
        return threadsEnabled;
    }

    /**
     * The program's threads, once {@link WasiImports#instantiate} has instantiated a program that
     * imports {@code wasi} {@code thread-spawn} with threads enabled; run its main call through
     * {@link WasiThreads#callMain} so that the threads end with it.
     */
    public Optional<WasiThreads> threads() {
        return Optional.ofNullable(threads);
    }

    /** The monitor {@link WasiThreads} serializes this context's calls on. */
    Object lock() {
        return lock;
    }

    void attach(WasiThreads threads) {
        if (this.threads != null) {
            throw new IllegalStateException("this WASI context already runs a threaded program");
        }
        this.threads = threads;
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
}
