package dev.jwasm.memory.mmap;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * {@code mmap}, {@code mprotect} and {@code munmap} through the FFM linker, with the Linux and
 * macOS flag values. Built lazily by {@link #load()}, which explains itself when the platform or
 * the JVM's native-access settings rule it out.
 */
// Restricted FFM calls are this class's purpose; the provider checks native access is enabled.
@SuppressWarnings("restricted")
final class Mman {
    static final int PROT_NONE = 0;
    static final int PROT_READ = 1;
    static final int PROT_WRITE = 2;
    private static final int MAP_PRIVATE = 2;

    private final MethodHandle mmap;
    private final MethodHandle mprotect;
    private final MethodHandle munmap;
    private final StructLayout callState;
    private final VarHandle errno;
    private final int mapFlags;
    final long osPageSize;

    private Mman(Linker linker, int mapFlags) {
        var lookup = linker.defaultLookup();
        var capture = Linker.Option.captureCallState("errno");
        this.callState = Linker.Option.captureStateLayout();
        this.errno = callState.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        this.mmap = linker.downcallHandle(
                lookup.findOrThrow("mmap"),
                FunctionDescriptor.of(
                        ValueLayout.ADDRESS,
                        ValueLayout.ADDRESS,
                        ValueLayout.JAVA_LONG,
                        ValueLayout.JAVA_INT,
                        ValueLayout.JAVA_INT,
                        ValueLayout.JAVA_INT,
                        ValueLayout.JAVA_LONG),
                capture);
        this.mprotect = linker.downcallHandle(
                lookup.findOrThrow("mprotect"),
                FunctionDescriptor.of(
                        ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT),
                capture);
        this.munmap = linker.downcallHandle(
                lookup.findOrThrow("munmap"),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG),
                capture);
        var getpagesize =
                linker.downcallHandle(lookup.findOrThrow("getpagesize"), FunctionDescriptor.of(ValueLayout.JAVA_INT));
        try {
            this.osPageSize = (int) getpagesize.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException("getpagesize failed", t);
        }
        this.mapFlags = mapFlags;
    }

    /** The platform's calls, or an exception whose message says why they cannot be used here. */
    static Mman load() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        // MAP_ANONYMOUS | MAP_NORESERVE: Linux 0x20 | 0x4000, macOS 0x1000 | 0x40.
        int flags;
        if (os.startsWith("linux")) {
            flags = MAP_PRIVATE | 0x20 | 0x4000;
        } else if (os.startsWith("mac")) {
            flags = MAP_PRIVATE | 0x1000 | 0x40;
        } else {
            throw new UnsupportedOperationException("mmap memory needs Linux or macOS, not " + os);
        }
        if (ValueLayout.ADDRESS.byteSize() != 8) {
            throw new UnsupportedOperationException("mmap memory needs a 64-bit JVM");
        }
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new UnsupportedOperationException("mmap memory needs a little-endian platform");
        }
        if (!Mman.class.getModule().isNativeAccessEnabled()) {
            throw new UnsupportedOperationException("native access is not enabled for " + moduleName()
                    + "; run java with --enable-native-access=" + moduleName());
        }
        return new Mman(Linker.nativeLinker(), flags);
    }

    private static String moduleName() {
        var module = Mman.class.getModule();
        return module.isNamed() ? module.getName() : "ALL-UNNAMED";
    }

    /** Reserves {@code bytes} of inaccessible address space; its base address. */
    long reserve(long bytes) {
        try (var arena = Arena.ofConfined()) {
            var state = arena.allocate(callState);
            var base = (MemorySegment) mmap.invokeExact(state, MemorySegment.NULL, bytes, PROT_NONE, mapFlags, -1, 0L);
            if (base.address() == -1L) {
                throw new NativeMemoryException("mmap of " + bytes + " bytes failed, errno " + errno(state));
            }
            return base.address();
        } catch (NativeMemoryException e) {
            throw e;
        } catch (Throwable t) {
            throw new NativeMemoryException("mmap failed: " + t, t);
        }
    }

    /** Makes {@code [base, base + bytes)} readable and writable; false if the OS refuses. */
    boolean commit(long base, long bytes) {
        return protect(base, bytes, PROT_READ | PROT_WRITE) == 0;
    }

    private int protect(long base, long bytes, int prot) {
        try (var arena = Arena.ofConfined()) {
            var state = arena.allocate(callState);
            return (int) mprotect.invokeExact(state, MemorySegment.ofAddress(base), bytes, prot);
        } catch (Throwable t) {
            throw new NativeMemoryException("mprotect failed: " + t, t);
        }
    }

    /** Gives the reservation back to the OS; returns errno, 0 on success. */
    int release(long base, long bytes) {
        try (var arena = Arena.ofConfined()) {
            var state = arena.allocate(callState);
            int rc = (int) munmap.invokeExact(state, MemorySegment.ofAddress(base), bytes);
            return rc == 0 ? 0 : errno(state);
        } catch (Throwable t) {
            throw new NativeMemoryException("munmap failed: " + t, t);
        }
    }

    private int errno(MemorySegment state) {
        return (int) errno.get(state, 0L);
    }
}
