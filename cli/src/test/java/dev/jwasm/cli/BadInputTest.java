package dev.jwasm.cli;

import static dev.jwasm.cli.MainTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input to each subcommand: every failure is its exit code and exactly one line on stderr
 * starting {@code jwasm: }, with nothing on stdout.
 */
class BadInputTest {
    /** The magic, the version, then a type section (id 1) that announces 5 bytes and holds 1. */
    private static final byte[] TRUNCATED = {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 5, 1};

    @TempDir
    Path dir;

    private static void assertOneLineError(MainTest.Result result, int exitCode, String message) {
        assertEquals(exitCode, result.exitCode(), result.err());
        assertEquals("jwasm: " + message + System.lineSeparator(), result.err());
        assertEquals("", result.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "inspect", "validate", "wat2wasm", "wast"})
    void aMissingFileIsExitCode5(String command) {
        Path absent = dir.resolve("absent.wasm");
        assertOneLineError(run(command, absent.toString()), 5, "cannot read " + absent + ": no such file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "inspect", "validate"})
    void aFileThatIsNotWasmIsExitCode3(String command) throws IOException {
        Path notWasm = Files.writeString(dir.resolve("notes.wasm"), "hello, world\n");
        assertOneLineError(run(command, notWasm.toString()), 3, "magic header not detected (at byte offset 0)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "inspect", "validate"})
    void aTruncatedModuleIsExitCode3(String command) throws IOException {
        Path cut = Files.write(dir.resolve("cut.wasm"), TRUNCATED);
        // The section claims more bytes than the file has left (spec binary.wast wording).
        assertOneLineError(run(command, cut.toString()), 3, "length out of bounds (at byte offset 9)");
    }

    /** Cut between two sections the module is shorter but valid; cut anywhere else, it is malformed. */
    @Test
    void aModuleCutAnywhereIsValidOrAOneLineErrorNeverACrash() throws IOException {
        Path hello = dir.resolve("hello.wasm");
        assertEquals(
                0,
                run("wat2wasm", Path.of("..", "examples", "hello.wat").toString(), "-o", hello.toString())
                        .exitCode());
        byte[] whole = Files.readAllBytes(hello);
        int malformed = 0;
        for (int length = 9; length < whole.length; length++) {
            Path cut = Files.write(dir.resolve("cut.wasm"), Arrays.copyOf(whole, length));
            var result = run("validate", cut.toString());
            if (result.exitCode() == 0) {
                assertEquals(cut + ": valid", result.out().strip());
                continue;
            }
            assertEquals(3, result.exitCode(), "cut at " + length + ": " + result.err());
            assertTrue(result.err().startsWith("jwasm: "), result.err());
            assertEquals(1, result.err().lines().count(), "one line: " + result.err());
            malformed++;
        }
        // hello.wat has seven sections (type, import, function, memory, export, code, data), so at
        // most seven of the cuts fall between two.
        assertTrue(malformed >= whole.length - 9 - 7, malformed + " malformed of " + (whole.length - 9));
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "inspect", "validate", "wat2wasm", "wast", "version"})
    void anUnknownOptionIsOneLineNamingItAndTheHelp(String command) {
        assertOneLineError(
                command.equals("version") ? run(command, "--frobnicate") : run(command, "--frobnicate", "m.wasm"),
                2,
                "Unknown option: '--frobnicate' (see 'jwasm " + command + " --help')");
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "inspect", "validate", "wat2wasm", "wast"})
    void aMissingFileArgumentIsOneLine(String command) {
        var result = run(command);
        assertEquals(2, result.exitCode());
        assertTrue(result.err().startsWith("jwasm: Missing required parameter"), result.err());
        assertEquals(1, result.err().lines().count(), result.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "inspect", "validate", "wat2wasm", "wast", "version"})
    void helpPrintsTheUsageOnStdout(String command) {
        var result = run(command, "--help");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().startsWith("Usage: jwasm " + command), result.out());
        assertEquals("", result.err());
    }

    @Test
    void programArgumentsStartingWithAtAreNotExpandedAsFiles() throws IOException {
        // argc (args_sizes_get) becomes the exit code: the program name and the two arguments.
        Files.writeString(dir.resolve("words"), "one two three four");
        Path program = Files.writeString(dir.resolve("argc.wat"), """
                (module
                  (import "wasi_snapshot_preview1" "args_sizes_get" (func $sizes (param i32 i32) (result i32)))
                  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
                  (memory (export "memory") 1)
                  (func (export "_start")
                    (drop (call $sizes (i32.const 0) (i32.const 4)))
                    (call $exit (i32.load (i32.const 0)))))
                """);
        assertEquals(
                3,
                run("run", program.toString(), "@" + dir.resolve("words"), "--x")
                        .exitCode());
    }

    @Test
    void aTrapIsExitCode1WithItsMessageFirst() throws IOException {
        Path program = Files.writeString(
                dir.resolve("trap.wat"),
                "(module (func (export \"_start\") (drop (i32.div_s (i32.const 1) (i32.const 0)))))");
        var result = run("run", program.toString());
        assertEquals(1, result.exitCode(), result.err());
        // The first line names the trap with its spec message; the Wasm backtrace follows it.
        assertEquals(
                "jwasm: trap: integer divide by zero",
                result.err().lines().findFirst().orElse(""));
        assertEquals("", result.out());
    }

    @Test
    void runningAModuleWithoutStartNamesInvoke() throws IOException {
        Path library = Files.writeString(dir.resolve("lib.wat"), "(module (func (export \"f\")))");
        assertOneLineError(
                run("run", library.toString()), 2, library + " exports no _start function; name one with --invoke");
    }

    @Test
    void aWrongArgumentTypeForInvokeIsOneLine() throws IOException {
        Path m = Files.writeString(dir.resolve("m.wat"), "(module (func (export \"f\") (param f64)))");
        assertOneLineError(
                run("run", "--invoke", "f", m.toString(), "1.5x"), 2, "argument 1 '1.5x' is not a valid f64");
        assertOneLineError(run("run", "--invoke", "f", m.toString(), "1", "2"), 2, "f takes 1 arguments [f64], not 2");
    }
}
