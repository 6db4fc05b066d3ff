package dev.jwasm.cli;

import static dev.jwasm.cli.MainTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jwasm run}: exit codes, --invoke, and bad input. */
class RunCommandTest {
    @TempDir
    Path dir;

    private Path module(String text) throws IOException {
        return Files.writeString(dir.resolve("m.wat"), text);
    }

    @Test
    void procExitCodeBecomesTheExitCode() throws IOException {
        Path m = module("""
                (module
                  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
                  (memory (export "memory") 1)
                  (func (export "_start") (call $exit (i32.const 3))))
                """);
        assertEquals(3, run("run", m.toString()).exitCode());
    }

    @Test
    void aTrapIsExitCode1WithTheSpecMessage() throws IOException {
        Path m = module("(module (func (export \"_start\") unreachable))");
        var result = run("run", m.toString());
        assertEquals(1, result.exitCode());
        assertEquals("jwasm: unreachable", result.err().strip());
    }

    @Test
    void anUncaughtWasmExceptionIsExitCode1() throws IOException {
        Path m = module("(module (tag $e (param i32)) (func (export \"_start\") (throw $e (i32.const 7))))");
        var result = run("run", m.toString());
        assertEquals(1, result.exitCode());
        assertTrue(result.err().startsWith("jwasm: uncaught Wasm exception"), result.err());
    }

    @Test
    void invokeParsesArgumentsByTypeAndPrintsResults() throws IOException {
        Path m = module("""
                (module
                  (func (export "add") (param i32 i64) (result i64)
                    (i64.add (i64.extend_i32_s (local.get 0)) (local.get 1)))
                  (func (export "half") (param f64) (result f64) (f64.div (local.get 0) (f64.const 2))))
                """);
        var add = run("run", "--invoke", "add", m.toString(), "-5", "12");
        assertEquals(0, add.exitCode(), add.err());
        assertEquals("7", add.out().strip());
        assertEquals(
                "1.25",
                run("run", "--invoke", "half", m.toString(), "2.5").out().strip());
    }

    @Test
    void invokeRejectsWrongArgumentsClearly() throws IOException {
        Path m = module("(module (func (export \"f\") (param i32) (result i32) (local.get 0)))");
        var count = run("run", "--invoke", "f", m.toString());
        assertEquals(2, count.exitCode());
        assertEquals("jwasm: f takes 1 arguments [i32], not 0", count.err().strip());
        var value = run("run", "--invoke", "f", m.toString(), "ten");
        assertEquals(2, value.exitCode());
        assertEquals("jwasm: argument 1 'ten' is not a valid i32", value.err().strip());
        var range = run("run", "--invoke", "f", m.toString(), "5000000000");
        assertEquals(2, range.exitCode());
        var missing = run("run", "--invoke", "g", m.toString());
        assertEquals(2, missing.exitCode());
        assertEquals(
                "jwasm: " + m + " exports no \"g\"; its exports: f",
                missing.err().strip());
    }

    @Test
    void anUnsatisfiedImportIsExitCode4NamingIt() throws IOException {
        Path m = module("(module (import \"env\" \"missing\" (func)) (func (export \"_start\")))");
        var result = run("run", m.toString());
        assertEquals(4, result.exitCode());
        assertTrue(result.err().contains("unknown import"), result.err());
        assertTrue(result.err().contains("missing"), result.err());
    }

    @Test
    void aTimeoutStopsAnEndlessLoop() throws IOException {
        Path m = module("(module (func (export \"_start\") (loop $l (br $l))))");
        var result = run("run", "--timeout", "200ms", m.toString());
        assertEquals(1, result.exitCode());
        assertEquals("jwasm: interrupted", result.err().strip());
    }

    @Test
    void aDirThatDoesNotExistIsAUsageError() throws IOException {
        Path m = module("(module (func (export \"_start\")))");
        var result = run("run", "--dir", dir.resolve("nope").toString(), m.toString());
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("is not a directory"), result.err());
    }
}
