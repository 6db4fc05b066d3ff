package dev.jwasm.it.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.it.spec.Combination;
import dev.jwasm.it.wasi.JwasmProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * wasi-threads programs through the real {@code jwasm run -S threads}, as a child process: the
 * spawn-and-join program prints its deterministic total on every executor and memory backend, and
 * a thread's {@code proc_exit} or trap becomes the process's exit status.
 */
class WasiThreadsCliTest {
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

    private static JwasmProcess.Result run(String wat, String... options) throws IOException, InterruptedException {
        Path program = Files.writeString(Files.createTempFile(work, "threads", ".wat"), wat);
        var args = new ArrayList<>(List.of("run"));
        args.addAll(List.of(options));
        args.add(program.toString());
        return jwasm.run(args, work, TIMEOUT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jwasm.it.threads.Threads#combinations")
    void spawnJoinPrintsItsTotal(Combination combination) throws IOException, InterruptedException {
        var result = run(
                WasiThreadsPrograms.SPAWN_JOIN,
                "-S",
                "threads",
                "--engine",
                combination.executor(),
                "--memory",
                combination.memory());
        assertEquals(new JwasmProcess.Result(0, WasiThreadsPrograms.SPAWN_JOIN_OUTPUT, ""), result);
    }

    @Test
    void aThreadsProcExitIsTheExitCode() throws IOException, InterruptedException {
        var result = run(WasiThreadsPrograms.THREAD_EXITS, "--wasi-threads");
        assertEquals(new JwasmProcess.Result(7, "", ""), result);
    }

    @Test
    void aThreadsTrapIsReportedAndExitsWithOne() throws IOException, InterruptedException {
        var result = run(WasiThreadsPrograms.THREAD_TRAPS, "-S", "threads");
        assertEquals(1, result.exitCode(), result.stderr());
        assertTrue(result.stderr().startsWith("jwasm: trap: unreachable"), result.stderr());
    }
}
