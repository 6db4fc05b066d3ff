package dev.jwasm.memory.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.JwasmException;
import dev.jwasm.api.model.MemoryType;
import dev.jwasm.memory.contract.LinearMemoryContract;
import dev.jwasm.spi.LinearMemory;
import dev.jwasm.spi.MemoryBudget;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/** The fixed-buffer memory over an embedder's native segment, held to the same contract. */
class SegmentLinearMemoryTest extends LinearMemoryContract {
    @Override
    protected LinearMemory newMemory(MemoryType type, MemoryBudget budget) {
        long bytes = Math.min(type.maxPagesAllowed(), 64) << type.pageSizeLog2();
        var buffer = Arena.ofAuto().allocate(Math.max(8, (bytes + 7) & ~7L));
        return HeapMemoryProvider.fixed(buffer).create(type, budget);
    }

    @Test
    void memoryLivesInTheCallersSegmentAndStopsAtItsEnd() {
        try (var arena = Arena.ofConfined()) {
            var buffer = arena.allocate(2 * PAGE + 3);
            buffer.set(ValueLayout.JAVA_BYTE, 5, (byte) 1);
            var memory = create(HeapMemoryProvider.fixed(buffer).create(MemoryType.of(1, 5), MemoryBudget.unlimited()));
            assertEquals(0, memory.load8(5), "zeroed on creation");
            memory.store16(PAGE - 2, (short) 0x0201);
            assertEquals(1, buffer.get(ValueLayout.JAVA_BYTE, PAGE - 2));
            assertEquals(2, buffer.get(ValueLayout.JAVA_BYTE, PAGE - 1));
            assertEquals(1, memory.grow(1));
            assertEquals(-1, memory.grow(1), "a third page does not fit");
        }
    }

    @Test
    void closedSegmentIsAClearError() {
        var arena = Arena.ofConfined();
        var memory = create(
                HeapMemoryProvider.fixed(arena.allocate(PAGE)).create(MemoryType.of(1, 1), MemoryBudget.unlimited()));
        arena.close();
        var error = assertThrows(JwasmException.class, () -> memory.load32(0));
        assertTrue(error.getMessage().contains("closed by its owner"), error.getMessage());
    }

    @Test
    void readOnlySegmentIsRefused() {
        var readOnly = MemorySegment.ofArray(new byte[16]).asReadOnly();
        assertThrows(IllegalArgumentException.class, () -> HeapMemoryProvider.fixed(readOnly));
    }

    private LinearMemory create(LinearMemory memory) {
        registerForClose(memory);
        return memory;
    }
}
