package dev.jwasm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class MainTest {
    record Result(int exitCode, String out, String err) {}

    static Result run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void versionNamesTheRuntimeAndTheChosenBackends() {
        var result = run("version");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().startsWith("jwasm "), result.out());
        assertTrue(result.out().contains("backends: Engine[memory="), result.out());
    }

    @Test
    void anUnknownSubcommandIsAUsageErrorWithExitCode2() {
        var result = run("frobnicate");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("frobnicate"), result.err());
    }

    @Test
    void aProgramFileAloneIsShortForRun() throws IOException {
        var dir = Files.createTempDirectory("jwasm-main");
        var program = Files.writeString(dir.resolve("exit7.wat"), """
                (module
                  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
                  (func (export "_start") (call $exit (i32.const 7))))
                """);
        var direct = run(program.toString());
        assertEquals(7, direct.exitCode(), direct.err());
        assertEquals(7, run("--env", "A=B", program.toString()).exitCode());
        // A missing program is the run command's I/O error, not an unknown subcommand.
        var missing = run(dir.resolve("absent.wasm").toString());
        assertEquals(5, missing.exitCode());
        assertTrue(missing.err().contains("absent.wasm"), missing.err());
    }

    @Test
    void aWordThatIsNoPathIsAnUnknownSubcommand() {
        // A NUL byte makes Path.of throw; the shorthand check must not let that escape.
        var result = run("bad\0name");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().startsWith("jwasm: "), result.err());
    }

    @Test
    void noSubcommandIsAUsageError() {
        assertEquals(2, run().exitCode());
    }

    @Test
    void backendOptionsChooseTheEngine() {
        var result = run("version", "--memory", "heap", "--engine", "interp");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("Engine[memory=heap, executor=interp"), result.out());
    }

    @Test
    void anUnknownBackendIsAOneLineUsageErrorNamingTheAvailableOnes() {
        var result = run("version", "--memory", "ramdisk");
        assertEquals(2, result.exitCode());
        assertEquals(
                "jwasm: unknown memory backend 'ramdisk'; available: heap, mmap",
                result.err().strip());
    }

    @Test
    void aMalformedSizeIsRejectedWithTheOptionName() {
        var result = run("version", "--max-memory", "lots");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("--max-memory"), result.err());
        assertTrue(result.err().contains("'lots' is not a size"), result.err());
    }
}
