package dev.jwasm.wasi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.wasi.Errno;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathResolverTest {
    @TempDir
    Path root;

    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectories(root.resolve("a/b"));
        Files.writeString(root.resolve("a/f"), "");
        Files.createSymbolicLink(root.resolve("toB"), Path.of("a/b"));
        Files.createSymbolicLink(root.resolve("a/up"), Path.of(".."));
    }

    private static int errno(Path root, String path, boolean follow) {
        return assertThrows(WasiError.class, () -> PathResolver.resolve(root, path, follow))
                .errno();
    }

    @Test
    void plainPathSplitsIntoParentAndName() throws WasiError {
        var r = PathResolver.resolve(root, "a/./b", false);
        assertEquals(root.resolve("a/b"), r.host());
        assertEquals(root.resolve("a"), r.parent());
        assertEquals("b", r.name());
        assertFalse(r.mustBeDirectory());
    }

    @Test
    void trailingSlashMeansDirectory() throws WasiError {
        assertTrue(PathResolver.resolve(root, "a/b/", false).mustBeDirectory());
    }

    @Test
    void pathsNamingTheRootItselfHaveNoName() throws WasiError {
        for (var p : new String[] {".", "a/..", "./a/b/../.."}) {
            var r = PathResolver.resolve(root, p, false);
            assertEquals(root, r.host(), p);
            assertNull(r.name(), p);
        }
    }

    @Test
    void intermediateSymlinksAreAlwaysFollowedTheLastOnlyOnRequest() throws WasiError {
        assertEquals(
                root.resolve("a/b/x"),
                PathResolver.resolve(root, "toB/x", false).host());
        assertEquals(
                root.resolve("toB"), PathResolver.resolve(root, "toB", false).host());
        assertEquals(
                root.resolve("a/b"), PathResolver.resolve(root, "toB", true).host());
        // a/up -> "..": back at the root, which is allowed; one more ".." is not.
        assertEquals(
                root.resolve("a/f"),
                PathResolver.resolve(root, "a/up/a/f", false).host());
        assertEquals(Errno.PERM, errno(root, "a/up/..", false));
    }

    @Test
    void errorsFollowPosix() {
        assertEquals(Errno.NOENT, errno(root, "", false));
        assertEquals(Errno.NOENT, errno(root, "missing/x", false));
        assertEquals(Errno.NOTDIR, errno(root, "a/f/x", false));
        assertEquals(Errno.PERM, errno(root, "/a", false));
        assertEquals(Errno.PERM, errno(root, "..", false));
        assertEquals(Errno.INVAL, errno(root, "a\0b", false));
    }

    @Test
    void tooManySymlinksIsEloop() throws IOException {
        // A chain one longer than the limit, each link pointing at the next.
        int n = PathResolver.MAX_SYMLINKS + 1;
        for (int i = 0; i < n; i++) {
            Files.createSymbolicLink(root.resolve("l" + i), Path.of(i + 1 < n ? "l" + (i + 1) : "a"));
        }
        assertEquals(Errno.LOOP, errno(root, "l0/f", false));
        assertEquals(root.resolve("a/f"), assertDoesNotThrowResolve("l1/f"));
    }

    private Path assertDoesNotThrowResolve(String path) {
        try {
            return PathResolver.resolve(root, path, false).host();
        } catch (WasiError e) {
            throw new AssertionError(path + ": " + Errno.name(e.errno()));
        }
    }
}
