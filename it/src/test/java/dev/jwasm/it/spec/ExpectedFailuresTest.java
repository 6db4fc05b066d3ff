package dev.jwasm.it.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExpectedFailuresTest {
    private final ExpectedFailures list = ExpectedFailures.parse("""
            # comments and blank lines are ignored

            i31.wast | 2 | two assertions fail for a diagnosed reason
            simd/simd_lane.wast:120 | lane index parsing bug
            """, "test");

    @Test
    void singleLinesAndCountedFilesAreMatched() {
        assertEquals(
                "two assertions fail for a diagnosed reason",
                list.lookup("i31.wast", 77).orElseThrow().reason());
        assertEquals(4, list.lookup("simd/simd_lane.wast", 120).orElseThrow().listLine());
    }

    @Test
    void nothingElseIsMatched() {
        assertTrue(list.lookup("simd/simd_lane.wast", 121).isEmpty());
        assertTrue(list.lookup("i32.wast", 1).isEmpty());
        assertTrue(list.lookup("i31.wast.bak", 1).isEmpty());
    }

    @Test
    void aFailurePastTheCountIsNotExpected() {
        assertTrue(list.expect("interp/heap", "i31.wast", 10).isPresent());
        assertTrue(list.expect("interp/heap", "i31.wast", 20).isPresent());
        assertTrue(list.expect("interp/heap", "i31.wast", 30).isEmpty(), "the third failure must fail the build");
        // Counted per combination.
        assertTrue(list.expect("jit/mmap", "i31.wast", 10).isPresent());
    }

    @Test
    void aFileWithFewerFailuresThanItsCountIsReported() {
        list.expect("interp/heap", "i31.wast", 10);
        var stale = list.checkCount("interp/heap", "i31.wast");
        assertTrue(stale.orElseThrow().contains("expects 2 failures in i31.wast but 1 failed"), stale.get());
        list.expect("interp/heap", "i31.wast", 11);
        assertTrue(list.checkCount("interp/heap", "i31.wast").isEmpty());
        assertTrue(list.checkCount("interp/heap", "i32.wast").isEmpty());
    }

    @Test
    void aWholeFileWithoutACountIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> ExpectedFailures.parse("i31.wast | GC\n", "list"));
        assertTrue(e.getMessage().startsWith("list:1: a whole file needs its exact failure count"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ExpectedFailures.parse("proposals/threads/ | x\n", "l"));
        assertThrows(IllegalArgumentException.class, () -> ExpectedFailures.parse("i31.wast | many | x\n", "l"));
    }

    @Test
    void anEntryWithoutAReasonIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> ExpectedFailures.parse("i32.wast:3 |  \n", "list"));
        assertTrue(e.getMessage().startsWith("list:1: expected 'FILE:LINE | REASON'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ExpectedFailures.parse("i32.wast\n", "list"));
    }
}
