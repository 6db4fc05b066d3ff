package dev.jwasm.it.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.wat.WastOutcome.Status;
import org.junit.jupiter.api.Test;

class SpecSummaryTest {
    @Test
    void countsAreKeptPerCombinationAndFileAndWrittenAsSortedJson() {
        var summary = new SpecSummary();
        summary.record("interp+heap", "i32.wast", Status.PASSED);
        summary.record("interp+heap", "i32.wast", Status.PASSED);
        summary.record("interp+heap", "i32.wast", Status.FAILED);
        summary.record("interp+heap", "proposals/threads/atomic.wast", Status.SKIPPED);
        summary.touch("interp+mmap", "i32.wast");
        assertEquals("""
                {
                  "interp+heap": {
                    "i32.wast": {"passed": 2, "failed": 1, "skipped": 0},
                    "proposals/threads/atomic.wast": {"passed": 0, "failed": 0, "skipped": 1}
                  },
                  "interp+mmap": {
                    "i32.wast": {"passed": 0, "failed": 0, "skipped": 0}
                  }
                }
                """, summary.toJson());
        assertEquals(new SpecSummary.Counts(2, 1, 1), summary.total("interp+heap"));
    }

    @Test
    void theTableEndsEachCombinationWithItsTotal() {
        var summary = new SpecSummary();
        summary.record("jit+mmap", "a \"quoted\".wast", Status.PASSED);
        String table = summary.toTable();
        assertTrue(table.contains("== jit+mmap =="), table);
        assertTrue(
                table.lines().anyMatch(l -> l.startsWith("TOTAL jit+mmap") && l.endsWith("1        0        0")),
                table);
        assertTrue(summary.toJson().contains("\"a \\\"quoted\\\".wast\""), summary.toJson());
    }
}
