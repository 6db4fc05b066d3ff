package dev.jwasm.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * path_symlink and path_link whose new name ends in a slash: POSIX creates no link there, and the
 * errno is wasmtime's on unix (its path_symlink_trailing_slashes and path_link tests): nothing at
 * the name is ENOENT, a directory EEXIST, a regular file ENOTDIR. Found by the sandbox property
 * test: both used to create the link and return success.
 */
class LinkTrailingSlashTest {
    @TempDir
    Path box;

    private Guest g;

    @BeforeEach
    void setUp() throws IOException {
        Files.writeString(box.resolve("file"), "data");
        Files.createDirectory(box.resolve("dir"));
        g = new Guest(
                new WasiPreview1(WasiConfig.builder().preopen(box, ".", false).build()));
    }

    @Test
    void symlinkAtANewNameWithATrailingSlashIsNoent() {
        assertEquals(Errno.NOENT, g.symlink("source", 3, "target/"));
        assertFalse(Files.exists(box.resolve("target"), LinkOption.NOFOLLOW_LINKS));
        assertEquals(Errno.SUCCESS, g.symlink("source", 3, "target"));
        assertTrue(Files.isSymbolicLink(box.resolve("target")));
    }

    @Test
    void symlinkOverAnExistingNameWithATrailingSlash() {
        assertEquals(Errno.EXIST, g.symlink("source", 3, "dir/"));
        assertEquals(Errno.NOTDIR, g.symlink("source", 3, "file/"));
        assertEquals(Errno.EXIST, g.symlink("source", 3, "file"));
        assertTrue(Files.isRegularFile(box.resolve("file"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void linkAtANewNameWithATrailingSlashIsNoent() {
        assertEquals(Errno.NOENT, g.link(3, "file", 3, "link/"));
        assertFalse(Files.exists(box.resolve("link"), LinkOption.NOFOLLOW_LINKS));
        assertEquals(Errno.SUCCESS, g.link(3, "file", 3, "link"));
    }

    @Test
    void linkOverAnExistingNameWithATrailingSlash() {
        assertEquals(Errno.EXIST, g.link(3, "file", 3, "dir/"));
        assertEquals(Errno.NOTDIR, g.link(3, "file", 3, "file/"));
    }

    @Test
    void linkFromARegularFileNamedWithATrailingSlashIsNotdir() {
        assertEquals(Errno.NOTDIR, g.link(3, "file/", 3, "link"));
        assertFalse(Files.exists(box.resolve("link"), LinkOption.NOFOLLOW_LINKS));
    }
}
