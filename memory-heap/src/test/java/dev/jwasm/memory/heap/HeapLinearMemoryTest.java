package dev.jwasm.memory.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.JwasmException;
import dev.jwasm.api.model.MemoryType;
import dev.jwasm.memory.contract.LinearMemoryContract;
import dev.jwasm.spi.LinearMemory;
import dev.jwasm.spi.MemoryBudget;
import dev.jwasm.spi.MemoryProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class HeapLinearMemoryTest extends LinearMemoryContract {
    @Override
    protected LinearMemory newMemory(MemoryType type, MemoryBudget budget) {
        return new HeapMemoryProvider().create(type, budget);
    }

    @Test
    void providerIsFoundAndSupported() {
        var provider = ServiceLoader.load(MemoryProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("heap"))
                .findFirst()
                .orElseThrow();
        assertTrue(provider.isSupported());
        assertInstanceOf(HeapLinearMemory.class, provider.create(MemoryType.of(0, 0), MemoryBudget.unlimited()));
    }

    @Test
    void aSharedTypeGetsTheLockFreeBackendUnlessItLivesInAFixedBuffer() {
        var type = shared(1, 2);
        assertInstanceOf(SharedHeapLinearMemory.class, create(type, MemoryBudget.unlimited()));
        var fixed = registerForClose(
                HeapMemoryProvider.fixed(new byte[(int) (2 * PAGE)]).create(type, MemoryBudget.unlimited()));
        assertInstanceOf(HeapLinearMemory.class, fixed, "a caller's byte[] cannot hold lock-free atomics");
        fixed.atomicRmw(dev.jwasm.spi.LinearMemory.RmwOp.ADD, 4, 4, 5);
        assertEquals(5, fixed.atomicLoad(4, 4));
    }

    @Test
    void growthStopsJustUnderTwoGibibytes() {
        // 2 GiB / 64 KiB = 32768 pages; the array limit leaves room for 32767.
        var memory = create(MemoryType.of(0, 65536), MemoryBudget.unlimited());
        assertEquals(-1, memory.grow(32768), "2 GiB does not fit a Java array");
        assertEquals(0, memory.pages());
        var error =
                assertThrows(JwasmException.class, () -> create(MemoryType.of(32768, 65536), MemoryBudget.unlimited()));
        assertTrue(error.getMessage().contains("at most 32767 pages"), error.getMessage());
    }

    @Test
    void fixedBufferHoldsTheMemoryAndLimitsGrowth() {
        var buffer = new byte[3 * (int) PAGE + 5];
        buffer[0] = 42;
        var provider = HeapMemoryProvider.fixed(buffer);
        var budget = MemoryBudget.unlimited();
        var memory = provider.create(MemoryType.of(1, 10), budget);
        assertEquals(0, memory.load8(0), "the buffer is zeroed on creation");
        memory.store32(PAGE - 4, 0x01020304);
        assertEquals(4, buffer[(int) PAGE - 4], "the memory lives in the caller's buffer, little-endian");
        assertEquals(1, buffer[(int) PAGE - 1]);
        assertEquals(1, memory.grow(2));
        assertEquals(-1, memory.grow(1), "a fourth page does not fit the buffer");
        assertEquals(3, memory.pages());
        memory.store8(3 * PAGE - 1, (byte) 9);
        assertEquals(9, buffer[3 * (int) PAGE - 1]);
        assertThrows(JwasmException.class, () -> provider.create(MemoryType.of(1, 1), budget), "one memory per buffer");
        memory.close();
        assertEquals(0, budget.committed());
    }

    @Test
    void fixedBufferTooSmallForTheMinimumIsAClearError() {
        var provider = HeapMemoryProvider.fixed(new byte[(int) PAGE - 1]);
        var error = assertThrows(
                JwasmException.class, () -> provider.create(MemoryType.of(1, 1), MemoryBudget.unlimited()));
        assertTrue(error.getMessage().contains("fixed buffer"), error.getMessage());
    }

    @Test
    void growingByCopyKeepsContentsAcrossManySteps() {
        var memory = create(MemoryType.of(1, 64), MemoryBudget.unlimited());
        for (int page = 1; page < 64; page++) {
            memory.store32(page * PAGE - 4, page);
            assertEquals(page, memory.grow(1));
        }
        for (int page = 1; page < 64; page++) {
            assertEquals(page, memory.load32(page * PAGE - 4));
        }
        assertEquals(-1, memory.grow(1));
    }
}
