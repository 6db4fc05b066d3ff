package dev.jwasm.wasi.internal;

import dev.jwasm.spi.LinearMemory;
import dev.jwasm.wasi.Errno;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reading WASI arguments out of guest memory: unsigned pointers, ranges, iovecs, paths. */
public final class GuestMemory {
    /** Most iovecs per call, as POSIX {@code IOV_MAX} on Linux. */
    static final int IOV_MAX = 1024;
    /** Most bytes moved by one read or write call: a short count is legal and callers loop. */
    static final int MAX_IO = 16 << 20;
    /** Longest path accepted, as Linux {@code PATH_MAX}. */
    static final int PATH_MAX = 4096;

    private GuestMemory() {}

    /** One witx {@code iovec}, its length already capped by {@link #MAX_IO}. */
    public record IoVec(long buf, int len) {}

    /** An i32 pointer or length as the unsigned value WASI means. */
    public static long u(int i32) {
        return Integer.toUnsignedLong(i32);
    }

    /** Fails with {@code EFAULT} unless {@code [addr, addr+len)} lies inside memory. */
    public static void checkRange(LinearMemory mem, long addr, long len) throws WasiError {
        if (len < 0 || addr < 0 || addr + len > mem.byteSize()) {
            throw new WasiError(Errno.FAULT);
        }
    }

    /** witx {@code iovec} array (8 bytes each: buf u32 @0, buf_len u32 @4), all checked first. */
    public static List<IoVec> iovecs(LinearMemory mem, int iovs, int count) throws WasiError {
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

    /** The bytes of all iovecs, concatenated. */
    public static byte[] gather(LinearMemory mem, List<IoVec> vecs) {
        int total = 0;
        for (var v : vecs) {
            total += v.len();
        }
        byte[] data = new byte[total];
        int at = 0;
        for (var v : vecs) {
            mem.read(v.buf(), data, at, v.len());
            at += v.len();
        }
        return data;
    }

    /** A path argument: UTF-8 ({@code EILSEQ} otherwise) of at most {@link #PATH_MAX} bytes. */
    public static String readPath(LinearMemory mem, int ptr, int len) throws WasiError {
        long n = u(len);
        if (n > PATH_MAX) {
            throw new WasiError(Errno.NAMETOOLONG);
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
}
