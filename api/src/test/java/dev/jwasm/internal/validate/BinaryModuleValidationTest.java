package dev.jwasm.internal.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jwasm.api.InvalidModuleException;
import dev.jwasm.api.WasmModule;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/**
 * End to end through the decoder: module binaries written byte by byte (spec chapter 5), then
 * validated. Each expected message is the spec testsuite's wording for the rule.
 */
class BinaryModuleValidationTest {
    private static final int TYPE = 1;
    private static final int FUNCTION = 3;
    private static final int MEMORY = 5;
    private static final int GLOBAL = 6;
    private static final int EXPORT = 7;
    private static final int CODE = 10;

    /** Builds a module from sections given as raw content bytes. */
    private static final class Binary {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Binary() {
            out.writeBytes(new byte[] {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00});
        }

        Binary section(int id, int... content) {
            out.write(id);
            out.write(content.length); // every test section is shorter than 128 bytes: a one-byte LEB128
            for (int b : content) {
                out.write(b);
            }
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** Type 0 = [] -> [i32], type 1 = [] -> []. */
    private static Binary types() {
        return new Binary().section(TYPE, 2, 0x60, 0, 1, 0x7F, 0x60, 0, 0);
    }

    /** One function of type {@code type} with no locals and the given code (without the final end). */
    private static Binary oneFunction(int type, int... code) {
        var body = new int[code.length + 3];
        body[0] = code.length + 2; // body size: locals vector + code + end
        body[1] = 0; // no local declarations
        System.arraycopy(code, 0, body, 2, code.length);
        body[body.length - 1] = 0x0B;
        var section = new int[body.length + 1];
        section[0] = 1;
        System.arraycopy(body, 0, section, 1, body.length);
        return types().section(FUNCTION, 1, type).section(CODE, section);
    }

    private static InvalidModuleException invalid(Binary binary) {
        var module = WasmModule.decode(binary.bytes());
        return assertThrows(InvalidModuleException.class, module::validate);
    }

    @Test
    void aValidModuleValidates() {
        var module = WasmModule.decode(oneFunction(0, 0x41, 42).bytes());
        assertEquals(module, module.validate());
    }

    @Test
    void aBodyLeavingTheWrongTypeIsATypeMismatchAtItsEnd() {
        // Header 8 bytes, type section 2+8, function section 2+2, code section id+size+count = 3,
        // body size and locals 2: i64.const at offset 27, its end at 29.
        var e = invalid(oneFunction(0, 0x42, 0));
        assertEquals("type mismatch: instruction requires [i32] but stack has [i64]", e.reason());
        assertEquals(0, e.functionIndex());
        assertEquals(29, e.offset());
    }

    @Test
    void unknownLocal() {
        assertEquals("unknown local 0", invalid(oneFunction(0, 0x20, 0)).reason());
    }

    @Test
    void alignmentMustNotBeLargerThanNatural() {
        var binary = types().section(FUNCTION, 1, 0)
                .section(MEMORY, 1, 0x00, 1)
                .section(CODE, 1, 7, 0, 0x41, 0, 0x28, 3, 0, 0x0B);
        assertEquals(
                "alignment must not be larger than natural", invalid(binary).reason());
    }

    @Test
    void immutableGlobal() {
        var binary = types().section(FUNCTION, 1, 1)
                .section(GLOBAL, 1, 0x7F, 0x00, 0x41, 0, 0x0B)
                .section(CODE, 1, 6, 0, 0x41, 1, 0x24, 0, 0x0B);
        assertEquals("immutable global", invalid(binary).reason());
    }

    @Test
    void undeclaredFunctionReference() {
        assertEquals(
                "undeclared function reference",
                invalid(oneFunction(1, 0xD2, 0, 0x1A)).reason());
    }

    @Test
    void duplicateExportName() {
        // The export section precedes the code section (spec 5.5.2, section order).
        var binary = types().section(FUNCTION, 1, 1)
                .section(EXPORT, 2, 1, 'f', 0, 0, 1, 'f', 0, 0)
                .section(CODE, 1, 2, 0, 0x0B);
        assertEquals("duplicate export name", invalid(binary).reason());
    }

    @Test
    void memorySizeMustBeAtMostFourGibibytes() {
        // Limits flag 0, minimum 65537 = LEB128 0x81 0x80 0x04.
        var binary = new Binary().section(MEMORY, 1, 0x00, 0x81, 0x80, 0x04);
        assertEquals(
                "memory size must be at most 65536 pages (4GiB)",
                invalid(binary).reason());
    }
}
