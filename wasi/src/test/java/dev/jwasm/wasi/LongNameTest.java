package dev.jwasm.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A path component over 255 bytes is ENAMETOOLONG wherever it appears, as the host's own lookup
 * reports it and wasmtime passes it on. Found by the sandbox property test: a too-long
 * intermediate component was ENOENT.
 */
class LongNameTest {
    @TempDir
    Path box;

    @Test
    void aComponentOver255BytesIsNametoolong() throws IOException {
        Files.createDirectory(box.resolve("sub"));
        var g = new Guest(
                new WasiPreview1(WasiConfig.builder().preopen(box, ".", false).build()));
        String tooLong = "n".repeat(256);
        assertEquals(Errno.NAMETOOLONG, g.filestat(3, 0, tooLong + "/x", 1000));
        assertEquals(Errno.NAMETOOLONG, g.pathOp("mkdir", 3, "sub/" + tooLong));
        assertEquals(Errno.NAMETOOLONG, g.pathOp("unlink", 3, tooLong + "/../sub"));
        // 255 bytes is still a name: it just does not exist.
        assertEquals(Errno.NOENT, g.filestat(3, 0, "n".repeat(255), 1000));
        assertEquals(Errno.SUCCESS, g.pathOp("mkdir", 3, "sub/" + "n".repeat(255)));
    }
}
