package dev.jwasm.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WasiConfigTest {
    @TempDir
    Path tmp;

    @Test
    void preopeningAMissingDirectoryIsAConfigurationError() {
        var e = assertThrows(
                ConfigurationException.class, () -> WasiConfig.builder().preopen(tmp.resolve("missing"), "/m", false));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void preopeningAFileIsAConfigurationError() throws IOException {
        Path file = Files.writeString(tmp.resolve("f"), "");
        assertThrows(ConfigurationException.class, () -> WasiConfig.builder().preopen(file, "/f", false));
    }

    @Test
    void preopensGetDescriptorsFromThreeInOrder() throws IOException {
        Path a = Files.createDirectory(tmp.resolve("a"));
        Path b = Files.createDirectory(tmp.resolve("b"));
        var wasi = new WasiPreview1(WasiConfig.builder()
                .preopen(a, "first", false)
                .preopen(b, "second", true)
                .build());
        var mem = TestMemory.onePage();
        assertEquals(Errno.SUCCESS, wasi.fdPrestatDirName(mem, 3, 0, 5));
        assertEquals("first", TestMemory.string(mem, 0, 5));
        assertEquals(Errno.SUCCESS, wasi.fdPrestatDirName(mem, 4, 0, 6));
        assertEquals("second", TestMemory.string(mem, 0, 6));
        assertEquals(Errno.BADF, wasi.fdPrestatGet(mem, 5, 0), "wasi-libc stops scanning at EBADF");
    }

    @Test
    void builtConfigIsImmutable() {
        var config = WasiConfig.builder().args(List.of("p", "q")).env("K", "V").build();
        assertThrows(UnsupportedOperationException.class, () -> config.args().add("r"));
        assertThrows(UnsupportedOperationException.class, () -> config.env().put("X", "Y"));
        assertEquals(List.of("p", "q"), config.args());
    }

    @Test
    void threadsAreOffUnlessAskedFor() {
        assertFalse(WasiConfig.builder().build().threads());
        assertTrue(WasiConfig.builder().threads(true).build().threads());
        assertFalse(new WasiPreview1(WasiConfig.builder().build()).threadsEnabled());
        assertTrue(
                new WasiPreview1(WasiConfig.builder().threads(true).build())
                        .threads()
                        .isEmpty(),
                "no threaded program until one is instantiated");
    }
}
