package dev.jwasm.wasi;

import dev.jwasm.api.Memory;
import dev.jwasm.api.model.MemoryType;
import dev.jwasm.internal.access.Internals;
import dev.jwasm.memory.heap.HeapMemoryProvider;
import dev.jwasm.spi.MemoryBudget;
import java.nio.charset.StandardCharsets;

/** A real heap memory for host-function tests, and helpers to lay out guest data in it. */
final class TestMemory {
    private TestMemory() {}

    /** One 64 KiB page that cannot grow. */
    static Memory onePage() {
        return Internals.memory(new HeapMemoryProvider().create(MemoryType.of(1, 1), MemoryBudget.unlimited()));
    }

    /** Puts UTF-8 text at {@code addr}, returning its length in bytes. */
    static int putString(Memory mem, long addr, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        mem.write(addr, b, 0, b.length);
        return b.length;
    }

    static String string(Memory mem, long addr, int len) {
        return new String(bytes(mem, addr, len), StandardCharsets.UTF_8);
    }

    static byte[] bytes(Memory mem, long addr, int len) {
        byte[] b = new byte[len];
        mem.read(addr, b, 0, len);
        return b;
    }

    /** Writes one iovec {buf, len} at {@code addr}. */
    static void iovec(Memory mem, long addr, int buf, int len) {
        mem.writeI32(addr, buf);
        mem.writeI32(addr + 4, len);
    }
}
