package dev.jwasm.it.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExpectedFailuresTest {
    private final ExpectedFailures list = ExpectedFailures.parse("""
            # comments and blank lines are ignored

            proposals/threads/ | threads proposal not implemented yet
            i31.wast | GC objects come with the GC issue
            simd/simd_lane.wast:120 | lane index parsing bug
            """, "test");

    @Test
    void foldersFilesAndSingleLinesAreMatched() {
        assertEquals(
                "threads proposal not implemented yet",
                list.lookup("proposals/threads/atomic.wast", 5).orElseThrow().reason());
        assertEquals(
                "GC objects come with the GC issue",
                list.lookup("i31.wast", 77).orElseThrow().reason());
        assertEquals(5, list.lookup("simd/simd_lane.wast", 120).orElseThrow().listLine());
    }

    @Test
    void nothingElseIsMatched() {
        assertTrue(list.lookup("simd/simd_lane.wast", 121).isEmpty());
        assertTrue(list.lookup("i32.wast", 1).isEmpty());
        assertTrue(list.lookup("proposals/threadsX/a.wast", 1).isEmpty());
    }

    @Test
    void anEntryWithoutAReasonIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> ExpectedFailures.parse("i32.wast |  \n", "list"));
        assertTrue(e.getMessage().startsWith("list:1: expected 'PATTERN | REASON'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ExpectedFailures.parse("i32.wast\n", "list"));
    }
}
