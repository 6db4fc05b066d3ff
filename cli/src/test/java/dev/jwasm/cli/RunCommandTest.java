package dev.jwasm.cli;

import static dev.jwasm.cli.MainTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        assertEquals("jwasm: trap: unreachable\n  at func[0]", result.err().strip());
    }

    @Test
    void aTrapPrintsTheWasmStackInnermostFirst() throws IOException {
        Path m = module("""
                (module
                  (func $inner (param i32) (drop (i32.div_u (i32.const 1) (local.get 0))))
                  (func $middle (call $inner (i32.const 0)))
                  (func (export "_start") (call $middle)))
                """);
        var result = run("run", m.toString());
        assertEquals(1, result.exitCode());
        assertEquals(
                List.of(
                        "jwasm: trap: integer divide by zero",
                        // .wat identifiers become names; the export has none.
                        "  at inner (func[0])",
                        "  at middle (func[1])",
                        "  at func[2]"),
                result.err().strip().lines().toList());
    }

    @Test
    void aTrapNamesFunctionsFromTheNameSection() throws IOException {
        // func 0 "inner" traps, func 1 "middle" calls it, func 2 (unnamed) calls 1 and is _start.
        byte[] wasm = bytes(
                0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // type 0: [] -> []
                0x03, 0x04, 0x03, 0x00, 0x00, 0x00, // three functions of type 0
                0x07, 0x0A, 0x01, 0x06, '_', 's', 't', 'a', 'r', 't', 0x00, 0x02, // export _start = func 2
                0x0A, 0x0F, 0x03, 0x03, 0x00, 0x00, 0x0B, 0x04, 0x00, 0x10, 0x00, 0x0B, 0x04, 0x00, 0x10, 0x01, 0x0B,
                0x00, 0x17, 0x04, 'n', 'a', 'm', 'e', 0x01, 0x10, 0x02, // name section, function names
                0x00, 0x05, 'i', 'n', 'n', 'e', 'r', 0x01, 0x06, 'm', 'i', 'd', 'd', 'l', 'e');
        Path m = Files.write(dir.resolve("named.wasm"), wasm);
        var result = run("run", m.toString());
        assertEquals(1, result.exitCode());
        assertEquals(
                List.of("jwasm: trap: unreachable", "  at inner (func[0])", "  at middle (func[1])", "  at func[2]"),
                result.err().strip().lines().toList());
    }

    @Test
    void verboseAddsTheJvmSideOfATrap() throws IOException {
        Path m = module("(module (func (export \"_start\") unreachable))");
        var result = run("run", "--verbose", m.toString());
        assertEquals(1, result.exitCode());
        var lines = result.err().strip().lines().toList();
        assertEquals(List.of("jwasm: trap: unreachable", "  at func[0]"), lines.subList(0, 2));
        assertEquals("dev.jwasm.api.Trap: unreachable", lines.get(2));
    }

    @Test
    void deepRecursionPrintsACutStack() throws IOException {
        Path m = module("(module (func $f (export \"_start\") (call $f)))");
        var result = run("run", m.toString());
        assertEquals(1, result.exitCode());
        var lines = result.err().strip().lines().toList();
        assertEquals("jwasm: trap: call stack exhausted", lines.getFirst());
        assertEquals(2 + TrapReport.MAX_FRAMES, lines.size());
        assertTrue(lines.getLast().matches("  \\.\\.\\. \\d+ more frames"), lines.getLast());
    }

    @Test
    void fuelStopsALoopAndEnoughFuelLetsAProgramFinish() throws IOException {
        Path endless = module("(module (func (export \"_start\") (loop $l (br $l))))");
        var out = run("run", "--fuel", "1000", endless.toString());
        assertEquals(1, out.exitCode());
        assertEquals(
                "jwasm: trap: all fuel consumed",
                out.err().strip().lines().findFirst().orElseThrow());
        // 1 entry + 5 back-edges = 6 units: 6 is enough, 5 is not.
        Path five = Files.writeString(dir.resolve("five.wat"), """
                (module
                  (func (export "_start") (local $i i32)
                    (block $done
                      (loop $l
                        (br_if $done (i32.ge_u (local.get $i) (i32.const 5)))
                        (local.set $i (i32.add (local.get $i) (i32.const 1)))
                        (br $l)))))
                """);
        assertEquals(0, run("run", "--fuel", "6", five.toString()).exitCode());
        assertEquals(1, run("run", "--fuel", "5", five.toString()).exitCode());
        var negative = run("run", "--fuel", "-1", five.toString());
        assertEquals(2, negative.exitCode());
        assertEquals(
                "jwasm: --fuel must not be negative, not -1", negative.err().strip());
    }

    @Test
    void helpDocumentsFuelAndTimeout() {
        var help = run("run", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("--fuel=N"), help.out());
        assertTrue(help.out().contains("all fuel consumed"), help.out());
        assertTrue(help.out().contains("deadline exceeded"), help.out());
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
    void invokePrintsAV128ResultAsOneValue() throws IOException {
        Path m = module("""
                (module
                  (func (export "v") (result i32 v128 i32)
                    (i32.const 1) (v128.const i32x4 0x10 0x20 0x30 0x40) (i32.const 2)))
                """);
        var v = run("run", "--invoke", "v", m.toString());
        assertEquals(0, v.exitCode(), v.err());
        // Lane 3 is the most significant: it comes first.
        assertEquals(
                "1\nv128 0x00000040000000300000002000000010\n2", v.out().strip().replace("\r", ""));
    }

    @Test
    void invokePrintsGcResultsReadably() throws IOException {
        Path m = module("""
                (module
                  (type $pair (struct (field i32) (field (ref null $pair))))
                  (type $bytes (array i8))
                  (func (export "pair") (result (ref $pair) anyref (ref null $pair))
                    (struct.new $pair (i32.const 1) (struct.new $pair (i32.const -2) (ref.null $pair)))
                    (ref.i31 (i32.const 7))
                    (ref.null $pair))
                  (func (export "bytes") (result (ref $bytes))
                    (array.new $bytes (i32.const 255) (i32.const 20))))
                """);
        var pair = run("run", "--invoke", "pair", m.toString());
        assertEquals(0, pair.exitCode(), pair.err());
        assertEquals(
                "(struct $0 1 (struct $0 -2 null))\n(i31 7)\nnull",
                pair.out().strip().replace("\r", ""));
        var bytes = run("run", "--invoke", "bytes", m.toString());
        assertEquals("(array $1 [20]" + " -1".repeat(16) + " …)", bytes.out().strip());
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
        assertEquals(
                List.of("jwasm: trap: deadline exceeded", "  at func[0]"),
                result.err().strip().lines().toList());
    }

    @Test
    void aDirThatDoesNotExistIsAUsageError() throws IOException {
        Path m = module("(module (func (export \"_start\")))");
        var result = run("run", "--dir", dir.resolve("nope").toString(), m.toString());
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("is not a directory"), result.err());
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
