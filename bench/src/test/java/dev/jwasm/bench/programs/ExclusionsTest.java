package dev.jwasm.bench.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExclusionsTest {
    @AfterEach
    void clear() {
        System.clearProperty("jwasm.bench.exclusions");
    }

    @Test
    void findsTheReasonOfAnExcludedPairAndHonoursWildcards(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("exclusions.tsv");
        Files.writeString(file, """
                # a comment
                chicory-interp\tswitch\ttoo slow here
                *\tsightglass/gcc-loops\tnobody has all day
                """);
        System.setProperty("jwasm.bench.exclusions", file.toString());
        assertEquals("too slow here", Exclusions.reason("chicory-interp", "switch"));
        assertEquals("nobody has all day", Exclusions.reason("jwasm-jit-mmap", "sightglass/gcc-loops"));
        assertNull(Exclusions.reason("chicory-compiler", "switch"));
    }

    @Test
    void noFileExcludesNothing() {
        assertNull(Exclusions.reason("chicory-interp", "switch"));
    }

    @Test
    void theNotMeasuredMessageCarriesTheMarkerTheReportReads() {
        var e = Exclusions.notMeasured("chicory-interp", "switch", "too slow");
        assertTrue(e.getMessage().startsWith(Exclusions.MARKER + " chicory-interp switch: too slow"), e.getMessage());
    }
}
