package dev.jwasm.cli;

import static dev.jwasm.cli.MainTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -W}: WebAssembly features on the command line. */
class FeatureOptionTest {
    @TempDir
    Path dir;

    @Test
    void twoMemoriesAreValidByDefaultAndInvalidWithoutMultiMemory() throws IOException {
        Path file = Files.writeString(dir.resolve("two.wat"), "(module (memory 1) (memory 1))");
        assertEquals(0, run("validate", file.toString()).exitCode());
        var result = run("validate", "-W", "-multi-memory", file.toString());
        assertEquals(3, result.exitCode());
        assertTrue(result.err().startsWith("jwasm: multiple memories"), result.err());
    }

    @Test
    void customPageSizesNeedTheFeature() throws IOException {
        Path file = Files.writeString(dir.resolve("pages.wat"), "(module (memory 1 (pagesize 1)))");
        var off = run("inspect", file.toString());
        assertEquals(3, off.exitCode());
        assertTrue(off.err().startsWith("jwasm: malformed limits flags"), off.err());
        var on = run("inspect", "--wasm-features=custom-page-sizes", file.toString());
        assertEquals(0, on.exitCode(), on.err());
    }

    @Test
    void aWastScriptRunsUnderTheGivenFeatures() throws IOException {
        Path file = Files.writeString(
                dir.resolve("t.wast"),
                "(assert_invalid (module (table 0 funcref) (table 0 funcref)) \"multiple tables\")");
        assertEquals(6, run("wast", file.toString()).exitCode());
        var result = run("wast", "-W", "-multi-table", file.toString());
        assertEquals(0, result.exitCode(), result.out() + result.err());
    }

    @Test
    void anUnknownFeatureIsAUsageError() throws IOException {
        Path file = Files.writeString(dir.resolve("m.wat"), "(module)");
        var result = run("validate", "-W", "gc2", file.toString());
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("unknown WebAssembly feature 'gc2'"), result.err());
        assertTrue(run("validate", "--help").out().contains("--wasm-features=LIST"));
    }
}
