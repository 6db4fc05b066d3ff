package dev.jwasm.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GcHeapStatsTest {
    @Test
    void keepsConsistentCounters() {
        var s = new GcHeapStats(3, 900, 500, 16, 64);
        assertEquals(3, s.collections());
        assertEquals(500, s.longestPauseNanos());
    }

    @Test
    void rejectsALongestPauseAboveTheTotal() {
        var e = assertThrows(IllegalArgumentException.class, () -> new GcHeapStats(2, 100, 101, 0, 0));
        assertTrue(e.getMessage().contains("longest pause exceeds the total"), e.getMessage());
    }

    @Test
    void rejectsNegativeCounters() {
        assertThrows(IllegalArgumentException.class, () -> new GcHeapStats(-1, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new GcHeapStats(0, 0, 0, -8, 0));
    }
}
