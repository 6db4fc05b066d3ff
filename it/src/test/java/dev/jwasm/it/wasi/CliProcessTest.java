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
