package dev.jwasm.gc.arena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.model.HeapType;
import dev.jwasm.spi.GcHeapStats;
import dev.jwasm.spi.runtime.CanonicalType;
import dev.jwasm.spi.runtime.StorageKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The arena heap's statistics follow its collections: what the benchmarks report. */
class ArenaHeapStatsTest {
    private static final CanonicalType BOX = new CanonicalType(
            2_000_000, null, HeapType.Abstract.STRUCT, new StorageKind[] {StorageKind.I64}, new boolean[1], false);

    private final List<Long> roots = new ArrayList<>();
    private final ArenaHeap heap = new ArenaHeap(1L << 30, v -> roots.forEach(v::accept));

    private static void assertPausesConsistent(GcHeapStats s) {
        assertTrue(s.longestPauseNanos() >= 0, "longest pause " + s);
        assertTrue(s.longestPauseNanos() <= s.totalPauseNanos(), "longest pause within the total " + s);
    }

    @Test
    void aFreshHeapHasCollectedNothing() {
        GcHeapStats s = heap.stats();
        assertEquals(0, s.collections());
        assertEquals(0, s.totalPauseNanos());
        assertEquals(0, s.longestPauseNanos());
        assertEquals(0, s.usedBytes());
    }

    @Test
    void anExplicitCollectionIsCountedWithItsPause() {
        roots.add(heap.structNew(BOX, new long[] {1}, null, 0));
        heap.structNew(BOX, new long[] {2}, null, 0);
        heap.collect();
        GcHeapStats once = heap.stats();
        assertEquals(1, once.collections());
        assertPausesConsistent(once);
        // A box is its header and one field: two slots of 8 bytes; the unrooted one was swept.
        assertEquals(16, once.usedBytes());
        assertTrue(once.committedBytes() >= once.usedBytes());

        heap.collect();
        GcHeapStats twice = heap.stats();
        assertEquals(2, twice.collections());
        assertPausesConsistent(twice);
        assertTrue(twice.totalPauseNanos() >= once.totalPauseNanos(), "the total only grows");
        assertTrue(twice.longestPauseNanos() >= once.longestPauseNanos(), "the longest only grows");
    }

    @Test
    void allocationPastTheThresholdCollectsByItself() {
        // Each box is 2 slots: allocating more than the threshold's floor in boxes must collect.
        long boxes = ArenaHeap.THRESHOLD_FLOOR_SLOTS / 2 * 3;
        for (long i = 0; i < boxes; i++) {
            heap.structNew(BOX, new long[] {i}, null, 0);
        }
        GcHeapStats s = heap.stats();
        assertTrue(s.collections() >= 1, "collected during allocation: " + s);
        assertPausesConsistent(s);
        assertEquals(s.collections(), heap.collections());
        assertEquals(s.longestPauseNanos(), heap.longestPauseNanos());
        assertEquals(s.totalPauseNanos(), heap.totalPauseNanos());
    }
}
