package dev.jwasm.cli;

import static dev.jwasm.cli.MainTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jwasm run -S threads} / {@code --wasi-threads}: wasi-threads is opt-in. */
class WasiThreadsOptionTest {
    /** Its one spawned thread exits with 5 while the main thread waits on a word nothing changes. */
    private static final String THREAD_EXITS = """
            (module
              (import "wasi" "thread-spawn" (func $spawn (param i32) (result i32)))
              (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
              (import "env" "memory" (memory 1 1 shared))
              (func (export "wasi_thread_start") (param $tid i32) (param $arg i32)
                (call $proc_exit (local.get $arg)))
              (func (export "_start")
                (drop (call $spawn (i32.const 5)))
                (drop (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const -1)))))
            """;

    @TempDir
    Path dir;

    private String program() throws IOException {
        return Files.writeString(dir.resolve("threads.wat"), THREAD_EXITS).toString();
    }

    @Test
    void bothSpellingsEnableThreads() throws IOException {
        assertEquals(5, run("run", "-S", "threads", program()).exitCode());
        assertEquals(5, run("run", "--wasi-threads", program()).exitCode());
        assertEquals(5, run("run", "-S", "threads=y", program()).exitCode());
    }

    @Test
    void withoutThemThreadSpawnDoesNotLink() throws IOException {
        for (var result : new MainTest.Result[] {run("run", program()), run("run", "-S", "threads=n", program())}) {
            assertEquals(4, result.exitCode(), result.err());
            assertTrue(result.err().contains("thread-spawn"), result.err());
        }
    }

    @Test
    void anUnknownSettingIsABadCommandLine() throws IOException {
        var result = run("run", "-S", "sockets", program());
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("unknown WASI setting -S sockets"), result.err());
    }

    @Test
    void helpDocumentsTheSetting() {
        var help = run("run", "--help").out();
        assertTrue(help.contains("-S=SETTING") && help.contains("--wasi-threads"), help);
    }
}
