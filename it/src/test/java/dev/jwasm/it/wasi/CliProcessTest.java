package dev.jwasm.it.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code jwasm} as a real process: what a program writes reaches the process's stdout, its
 * {@code proc_exit} code becomes the process's, and jwasm's own errors go to stderr.
 */
class CliProcessTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path work;

    private static JwasmProcess jwasm;

    @BeforeAll
    static void findCli() {
        var found = JwasmProcess.find(work.resolve("jwasm-cli.jsa"));
        Assumptions.assumeTrue(found.isPresent(), JwasmProcess::absentMessage);
        jwasm = found.get();
    }

    @Test
    void helloPrintsItsGreetingOnStdout() throws IOException, InterruptedException {
        Path hello = Path.of("..", "examples", "hello.wat").toAbsolutePath();
        var result = jwasm.run(List.of("run", hello.toString()), work, TIMEOUT);
        assertEquals(new JwasmProcess.Result(0, "Hello from jwasm!\n", ""), result);
    }

    /**
     * The CLI runs on the module path, where the JIT sees only what jwasm's modules export to it:
     * in strict mode a module it cannot compile fails the run, and in normal mode a failed
     * compilation is a warning on stderr, so either way the output alone proves it compiled. The
     * program has what every real one has (a loop, a call between its own functions), whose
     * safepoints and call sites the JIT links at run time.
     */
    @ParameterizedTest
    @ValueSource(strings = {"-Djwasm.jit.strict=true", "-Djwasm.jit.threshold=0"})
    void theJitCompilesOnTheModulePathOnBothMemories(String mode) throws IOException, InterruptedException {
        Path program = Files.writeString(work.resolve("loop.wat"), """
                (module
                  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
                  (memory (export "memory") 1)
                  (data (i32.const 0) "\\10\\00\\00\\00\\02\\00\\00\\00")
                  (func $digit (param $n i32) (result i32)
                    (i32.add (i32.const 48) (i32.rem_u (local.get $n) (i32.const 10))))
                  (func (export "_start") (local $i i32) (local $sum i32)
                    (loop $again
                      (local.set $sum (i32.add (local.get $sum) (local.get $i)))
                      (br_if $again (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 1000))))
                    ;; 499500: its last digit, then a newline
                    (i32.store8 (i32.const 16) (call $digit (local.get $sum)))
                    (i32.store8 (i32.const 17) (i32.const 10))
                    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
                """);
        for (String memory : List.of("mmap", "heap")) {
            var result = jwasm.run(
                    List.of(mode),
                    List.of("run", "--engine=jit", "--memory=" + memory, program.toString()),
                    work,
                    TIMEOUT);
            assertEquals(new JwasmProcess.Result(0, "0\n", ""), result, memory);
        }
    }

    @Test
    void procExitBecomesTheProcessExitCodeAfterEarlierOutput() throws IOException, InterruptedException {
        Path program = Files.writeString(work.resolve("exit3.wat"), """
                (module
                  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
                  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
                  (memory (export "memory") 1)
                  (data (i32.const 0) "\\10\\00\\00\\00\\03\\00\\00\\00")
                  (data (i32.const 16) "bye")
                  (func (export "_start")
                    (drop (call $fd_write (i32.const 2) (i32.const 0) (i32.const 1) (i32.const 8)))
                    (call $proc_exit (i32.const 3))
                    unreachable))
                """);
        var result = jwasm.run(List.of("run", program.toString()), work, TIMEOUT);
        assertEquals(new JwasmProcess.Result(3, "", "bye"), result);
    }

    @Test
    void aMissingFileIsExitCode5AndOneLineOnStderr() throws IOException, InterruptedException {
        Path absent = work.resolve("absent.wasm");
        var result = jwasm.run(List.of("validate", absent.toString()), work, TIMEOUT);
        assertEquals(new JwasmProcess.Result(5, "", "jwasm: cannot read " + absent + ": no such file\n"), result);
    }
}
