package dev.jwasm.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryBudgetTest {
    @Test
    void reservationsCountTowardTheLimitAndReleasesGiveItBack() {
        var budget = new MemoryBudget(100, null);
        assertTrue(budget.tryReserve(0, 60));
        assertFalse(budget.tryReserve(60, 101), "41 more would pass the limit of 100");
        assertEquals(60, budget.committed());
        assertTrue(budget.tryReserve(60, 100));
        budget.release(100);
        assertEquals(0, budget.committed());
    }

    @Test
    void theListenerSeesEachGrowthAndCanVetoIt() {
        List<String> seen = new ArrayList<>();
        var budget = new MemoryBudget(MemoryBudget.UNLIMITED, (oldBytes, newBytes, engine) -> {
            seen.add(oldBytes + "->" + newBytes + "@" + engine);
            return newBytes <= 20;
        });
        assertTrue(budget.tryReserve(0, 10));
        assertFalse(budget.tryReserve(10, 30));
        assertEquals(List.of("0->10@0", "10->30@10"), seen);
        assertEquals(10, budget.committed(), "a vetoed growth reserves nothing");
    }

    @Test
    void nonsensicalAmountsAreRejected() {
        var budget = MemoryBudget.unlimited();
        assertThrows(IllegalArgumentException.class, () -> budget.tryReserve(10, 5));
        assertThrows(IllegalArgumentException.class, () -> budget.release(-1));
        assertThrows(IllegalArgumentException.class, () -> new MemoryBudget(-1, null));
    }
}
