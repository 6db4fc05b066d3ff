package dev.jwasm.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.model.ExternKind;
import dev.jwasm.api.model.ExternType;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WasmModuleTest {
    // (module (import "env" "f" (func)) (export "f" (func 0)) (@custom "meta" "hi"))
    private static final byte[] MODULE = {
        0x00,
        0x61,
        0x73,
        0x6D,
        0x01,
        0x00,
        0x00,
        0x00, // header
        0x01,
        0x04,
        0x01,
        0x60,
        0x00,
        0x00, // type section: [] -> []
        0x02,
        0x09,
        0x01,
        0x03,
        'e',
        'n',
        'v',
        0x01,
        'f',
        0x00,
        0x00, // import env.f: func type 0
        0x07,
        0x05,
        0x01,
        0x01,
        'f',
        0x00,
        0x00, // export "f" func 0
        0x00,
        0x07,
        0x04,
        'm',
        'e',
        't',
        'a',
        'h',
        'i' // custom section "meta"
    };

    @Test
    void decodeExposesImportsExportsAndCustomSections() {
        WasmModule module = WasmModule.decode(MODULE);
        assertEquals(1, module.imports().size());
        assertEquals("env", module.imports().getFirst().module());
        assertEquals(new ExternType.Func(0), module.imports().getFirst().type());
        assertEquals(ExternKind.FUNC, module.exports().getFirst().kind());
        assertEquals("meta", module.customSections().getFirst().name());
        assertArrayEquals(new byte[] {'h', 'i'}, module.customSection("meta").orElseThrow());
        assertTrue(module.customSection("absent").isEmpty());
    }

    @Test
    void malformedBytesGiveTheSpecMessageAndOffset() {
        // Cut right after the type section id: its size is missing.
        byte[] truncated = Arrays.copyOf(MODULE, 9);
        var e = assertThrows(MalformedModuleException.class, () -> WasmModule.decode(truncated));
        assertEquals("unexpected end of section or function", e.reason());
        assertEquals(9, e.offset());
        assertTrue(e.getMessage().contains("offset 9"), e.getMessage());
    }

    @Test
    void nullIsRejectedClearly() {
        assertThrows(NullPointerException.class, () -> WasmModule.decode(null));
    }
}
