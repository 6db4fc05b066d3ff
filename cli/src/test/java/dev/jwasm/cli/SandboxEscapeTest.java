package dev.jwasm.cli;

import static dev.jwasm.cli.MainTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code jwasm run --dir}: a program that calls {@code path_open} on its preopened directory and
 * exits with the errno it got. Every way out of the directory, through {@code ..} or through a
 * symlink, must fail with {@code EPERM} (63) and leave everything outside as it was. {@code EPERM}
 * is what wasmtime returns for these, and the WASI filesystem's path-resolution rules name
 * "not-permitted" for a path that leads outside its base directory; preview1 itself does not say.
 */
class SandboxEscapeTest {
    private static final int EPERM = 63;
    private static final int ELOOP = 32;
    private static final int LOOKUP_SYMLINK_FOLLOW = 1;
    private static final int OFLAGS_CREAT = 1;
    private static final int OFLAGS_TRUNC = 8;
    private static final long RIGHT_FD_READ = 1L << 1;
    private static final long RIGHT_FD_WRITE = 1L << 6;
    private static final String SECRET = "outside the sandbox\n";

    @TempDir
    Path tmp;

    private Path sandbox;
    private Path outside;

    /**
     * {@code tmp/outside/secret.txt} beside the preopened {@code tmp/sandbox}, which holds a
     * relative symlink to the secret, an absolute one, a symlink to the outside directory and an
     * ordinary subdirectory.
     */
    @BeforeEach
    void layOut() throws IOException {
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), SECRET);
        sandbox = Files.createDirectories(tmp.resolve("sandbox"));
        Files.createDirectories(sandbox.resolve("sub"));
        Files.createSymbolicLink(sandbox.resolve("up"), Path.of("..", "outside", "secret.txt"));
        Files.createSymbolicLink(
                sandbox.resolve("abs"), outside.resolve("secret.txt").toAbsolutePath());
        Files.createSymbolicLink(sandbox.resolve("updir"), Path.of("..", "outside"));
    }

    /** Runs {@code path_open(3, follow symlinks, path, oflags, rights)} and returns the exit code: its errno. */
    private int open(String path, int oflags, long rights) throws IOException {
        return open("--dir", LOOKUP_SYMLINK_FOLLOW, path, oflags, rights);
    }

    /** The same through {@code dirOption} ({@code --dir} or {@code --dir-ro}) with these lookup flags. */
    private int open(String dirOption, int lookupFlags, String path, int oflags, long rights) throws IOException {
        Path program = openProgram(lookupFlags, path, oflags, rights);
        var result = run("run", dirOption, sandbox + "::sandbox", program.toString());
        assertEquals("", result.err(), "no jwasm error, only the program's errno");
        return result.exitCode();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "../outside/secret.txt",
        "sub/../../outside/secret.txt",
        "up",
        "abs",
        "updir/secret.txt",
        "/etc/passwd",
    })
    void readingOutsideIsNotPermitted(String path) throws IOException {
        assertEquals(EPERM, open(path, 0, RIGHT_FD_READ));
        assertUntouchedOutside();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"../outside/new.txt", "updir/new.txt", "sub/../../outside/new.txt"})
    void creatingOutsideIsNotPermittedAndCreatesNothing(String path) throws IOException {
        assertEquals(EPERM, open(path, OFLAGS_CREAT, RIGHT_FD_WRITE));
        assertUntouchedOutside();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"up", "updir/secret.txt", "../outside/secret.txt"})
    void truncatingOutsideIsNotPermittedAndTheFileKeepsItsContent(String path) throws IOException {
        assertEquals(EPERM, open(path, OFLAGS_TRUNC, RIGHT_FD_WRITE));
        assertUntouchedOutside();
    }

    @Test
    void notFollowingTheLastSymlinkIsEloopAsWithONofollow() throws IOException {
        assertEquals(ELOOP, open("--dir", 0, "up", 0, RIGHT_FD_READ));
        assertUntouchedOutside();
    }

    @Test
    void aReadOnlyDirectoryRefusesCreationWithEperm() throws IOException {
        assertEquals(EPERM, open("--dir-ro", LOOKUP_SYMLINK_FOLLOW, "inside.txt", OFLAGS_CREAT, RIGHT_FD_WRITE));
        assertFalse(Files.exists(sandbox.resolve("inside.txt")));
        assertEquals(0, open("--dir-ro", LOOKUP_SYMLINK_FOLLOW, "sub", 0, RIGHT_FD_READ), "reading is allowed");
    }

    @Test
    void theSameProgramMayCreateInsideItsDirectory() throws IOException {
        assertEquals(0, open("sub/../inside.txt", OFLAGS_CREAT, RIGHT_FD_WRITE));
        assertTrue(Files.isRegularFile(sandbox.resolve("inside.txt")));
        assertUntouchedOutside();
    }

    @Test
    void withoutADirectoryTheProgramHasNoDescriptor3() throws IOException {
        Path program = openProgram(0, "x", 1, 64);
        assertEquals(8, run("run", program.toString()).exitCode(), "EBADF: deny by default");
    }

    /**
     * A program that exits with the errno of {@code path_open(3, lookupFlags, path, oflags,
     * rights)}, the path in memory at 16 and the new descriptor written at 8.
     */
    private Path openProgram(int lookupFlags, String path, int oflags, long rights) throws IOException {
        return Files.writeString(tmp.resolve("open.wat"), """
                (module
                  (import "wasi_snapshot_preview1" "path_open"
                    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
                  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
                  (memory (export "memory") 1)
                  (data (i32.const 16) "%s")
                  (func (export "_start")
                    (call $proc_exit
                      (call $path_open (i32.const 3) (i32.const %d) (i32.const 16) (i32.const %d)
                        (i32.const %d) (i64.const %d) (i64.const 0) (i32.const 0) (i32.const 8)))))
                """.formatted(
                        path, lookupFlags, path.getBytes(StandardCharsets.UTF_8).length, oflags, rights));
    }

    private void assertUntouchedOutside() throws IOException {
        try (Stream<Path> files = Files.list(outside)) {
            assertEquals(List.of(outside.resolve("secret.txt")), files.toList());
        }
        assertEquals(SECRET, Files.readString(outside.resolve("secret.txt")));
        assertFalse(Files.exists(tmp.resolve("new.txt")));
    }
}
