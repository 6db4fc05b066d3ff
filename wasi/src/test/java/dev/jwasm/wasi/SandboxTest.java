package dev.jwasm.wasi;

import static dev.jwasm.wasi.Guest.CREAT;
import static dev.jwasm.wasi.Guest.DIRECTORY;
import static dev.jwasm.wasi.Guest.FD_READ;
import static dev.jwasm.wasi.Guest.FD_WRITE;
import static dev.jwasm.wasi.Guest.FOLLOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No guest path may reach outside its directory descriptor. Escapes are EPERM, as wasmtime
 * (cap-std) reports them. Each test also checks that nothing outside was created, changed or
 * removed.
 */
class SandboxTest {
    @TempDir
    Path tmp;

    private Path box;
    private Path outside;
    private Guest g;

    @BeforeEach
    void setUp() throws IOException {
        box = Files.createDirectory(tmp.resolve("box"));
        outside = Files.createDirectory(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.writeString(box.resolve("inside.txt"), "inside");
        Files.createDirectory(box.resolve("sub"));
        Files.createSymbolicLink(box.resolve("up"), Path.of("../outside"));
        Files.createSymbolicLink(box.resolve("abs"), outside);
        Files.createSymbolicLink(box.resolve("sub/back"), Path.of("../inside.txt"));
        g = new Guest(
                new WasiPreview1(WasiConfig.builder().preopen(box, ".", false).build()));
    }

    @AfterEach
    void outsideIsUntouched() throws IOException {
        try (var s = Files.list(outside)) {
            assertEquals(
                    List.of("secret.txt"),
                    s.map(p -> p.getFileName().toString()).toList());
        }
        assertEquals("secret", Files.readString(outside.resolve("secret.txt")));
        try (var s = Files.list(tmp)) {
            assertEquals(2, s.count(), "nothing new next to the preopen");
        }
    }

    @Test
    void dotDotPastTheRootIsDenied() {
        assertEquals(Errno.PERM, g.open(3, 0, "../outside/secret.txt", 0, FD_READ, 0));
        assertEquals(Errno.PERM, g.open(3, 0, "sub/../../outside/secret.txt", 0, FD_READ, 0));
        assertEquals(Errno.PERM, g.open(3, 0, "..", DIRECTORY, FD_READ, 0));
        assertEquals(Errno.PERM, g.open(3, 0, "../outside/new.txt", CREAT, FD_WRITE, 0));
        assertEquals(Errno.PERM, g.pathOp("mkdir", 3, "../outside/newdir"));
        assertEquals(Errno.PERM, g.pathOp("unlink", 3, "../outside/secret.txt"));
        assertEquals(Errno.PERM, g.rename(3, "inside.txt", 3, "../outside/inside.txt"));
        assertTrue(Files.exists(box.resolve("inside.txt")));
    }

    @Test
    void dotDotThatStaysInsideIsFine() {
        int fd = g.openOk(3, "sub/../inside.txt", 0, FD_READ);
        assertEquals("inside", g.read(fd, 100));
    }

    @Test
    void absolutePathsAreDenied() {
        String secret = outside.resolve("secret.txt").toString();
        assertEquals(Errno.PERM, g.open(3, 0, secret, 0, FD_READ, 0));
        assertEquals(Errno.PERM, g.open(3, 0, "/", DIRECTORY, FD_READ, 0));
        assertEquals(Errno.PERM, g.pathOp("unlink", 3, secret));
        assertEquals(Errno.PERM, g.filestat(3, 0, secret, 600));
    }

    @Test
    void relativeSymlinkLeavingThePreopenIsDenied() {
        assertEquals(Errno.PERM, g.open(3, 0, "up/secret.txt", 0, FD_READ, 0));
        assertEquals(Errno.PERM, g.open(3, FOLLOW, "up", DIRECTORY, FD_READ, 0));
        assertEquals(Errno.PERM, g.open(3, 0, "up/new.txt", CREAT, FD_WRITE, 0));
        assertEquals(Errno.PERM, g.pathOp("unlink", 3, "up/secret.txt"));
        assertEquals(Errno.PERM, g.filestat(3, FOLLOW, "up", 600));
    }

    @Test
    void absoluteSymlinkIsDenied() {
        assertEquals(Errno.PERM, g.open(3, 0, "abs/secret.txt", 0, FD_READ, 0));
        assertEquals(Errno.PERM, g.pathOp("mkdir", 3, "abs/x"));
    }

    @Test
    void symlinksThemselvesCanBeInspectedAndRemovedWithoutFollowing() {
        assertEquals(Errno.SUCCESS, g.filestat(3, 0, "up", 600));
        assertEquals(7, g.mem.readI8(600 + 16), "symbolic_link, not the directory it names");
        assertEquals(Errno.SUCCESS, g.pathOp("unlink", 3, "up"));
        assertFalse(Files.exists(box.resolve("up"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void symlinkWithDotDotInsideThePreopenIsFollowed() {
        // "sub/back" -> "../inside.txt": its ".." pops "sub", staying inside.
        assertEquals(Errno.LOOP, g.open(3, 0, "sub/back", 0, FD_READ, 0), "nofollow on the final symlink");
        assertEquals(Errno.SUCCESS, g.open(3, FOLLOW, "sub/back", 0, FD_READ, 0));
        assertEquals("inside", g.read(g.openedFd(), 100));
    }

    @Test
    void anOpenedSubdirectoryIsItsOwnSandbox() {
        long pathOpenRight = 1L << 13;
        int sub = g.openOk(3, "sub", DIRECTORY, FD_READ | pathOpenRight);
        assertEquals(Errno.PERM, g.open(sub, 0, "../inside.txt", 0, FD_READ, 0));
        assertEquals(Errno.PERM, g.open(sub, FOLLOW, "back", 0, FD_READ, 0));
    }

    @Test
    void symlinkLoopsEndInEloop() throws IOException {
        Files.createSymbolicLink(box.resolve("a"), Path.of("b"));
        Files.createSymbolicLink(box.resolve("b"), Path.of("a"));
        assertEquals(Errno.LOOP, g.open(3, FOLLOW, "a", 0, FD_READ, 0));
        assertEquals(Errno.LOOP, g.open(3, 0, "a/x", 0, FD_READ, 0));
    }

    @Test
    void creatingAbsoluteSymlinksIsDenied() {
        assertEquals(Errno.PERM, g.symlink(outside.toString(), 3, "mine"));
        assertFalse(Files.exists(box.resolve("mine"), LinkOption.NOFOLLOW_LINKS));
        // A relative one may be created, but following it out is still denied.
        assertEquals(Errno.SUCCESS, g.symlink("../outside/secret.txt", 3, "mine"));
        assertEquals(Errno.PERM, g.open(3, FOLLOW, "mine", 0, FD_READ, 0));
    }

    @Test
    void hardLinksCannotReachOutEither() {
        int l1 = TestMemory.putString(g.mem, Guest.PATH, "../outside/secret.txt");
        int l2 = TestMemory.putString(g.mem, Guest.PATH2, "stolen");
        assertEquals(Errno.PERM, g.wasi.pathLink(g.mem, 3, 0, Guest.PATH, l1, 3, Guest.PATH2, l2));
        assertFalse(Files.exists(box.resolve("stolen")));
    }

    @Test
    void emptyAndInvalidPaths() {
        assertEquals(Errno.NOENT, g.open(3, 0, "", 0, FD_READ, 0));
        g.mem.write(Guest.PATH, new byte[] {(byte) 0xFF, 'a'}, 0, 2);
        assertEquals(
                Errno.ILSEQ, g.wasi.pathOpen(g.mem, 3, 0, Guest.PATH, 2, 0, FD_READ, 0, 0, Guest.FD_OUT), "not UTF-8");
        assertEquals(Errno.NOTDIR, g.open(1, 0, "inside.txt", 0, FD_READ, 0), "stdout is no directory");
        assertEquals(Errno.BADF, g.open(9, 0, "inside.txt", 0, FD_READ, 0));
    }
}
