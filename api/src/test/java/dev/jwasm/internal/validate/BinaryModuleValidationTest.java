package dev.jwasm.internal.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jwasm.api.Features;
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
    private static final int TABLE = 4;
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

    // Every feature on: these tests are about validation rules, including the proposals'.
    private static InvalidModuleException invalid(Binary binary) {
        var module = WasmModule.decode(binary.bytes(), Features.all());
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

    private static void valid(Binary binary) {
        var module = WasmModule.decode(binary.bytes(), Features.all());
        assertEquals(module, module.validate());
    }

    @Test
    void customPageSizesAreOneByteOr64KiB() {
        // Memory flags 0x08: custom page size follows the limits, as its log2.
        valid(new Binary().section(MEMORY, 1, 0x08, 0, 0));
        valid(new Binary().section(MEMORY, 1, 0x08, 0, 16));
        assertEquals(
                "invalid custom page size",
                invalid(new Binary().section(MEMORY, 1, 0x08, 0, 1)).reason());
        assertEquals(
                "invalid custom page size",
                invalid(new Binary().section(MEMORY, 1, 0x08, 0, 15)).reason());
    }

    @Test
    void memoryPageCountsAreBoundedByTheLargestAddress() {
        // i32, 1-byte pages: 2^32-1 pages fit (LEB128 ff ff ff ff 0f), 2^32 (80 80 80 80 10) do not.
        valid(new Binary().section(MEMORY, 1, 0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0));
        assertEquals(
                "memory size must be at most 4294967295 pages",
                invalid(new Binary().section(MEMORY, 1, 0x08, 0x80, 0x80, 0x80, 0x80, 0x10, 0))
                        .reason());
        // i64 (flags 0x0c), 1-byte pages: even 2^64-1 pages are valid.
        valid(new Binary().section(MEMORY, 1, 0x0C, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0));
        // i64 (flags 0x04), 64 KiB pages: at most 2^48 pages; 2^48+1 is 81 80 80 80 80 80 40.
        assertEquals(
                "memory size must be at most 281474976710656 pages",
                invalid(new Binary().section(MEMORY, 1, 0x04, 0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40))
                        .reason());
    }

    @Test
    void i64TablesTakeAnyU64Limits() {
        // funcref (0x70), flags 0x04 = i64 without maximum, minimum 2^64-1; then 0x05 = 0 to 2^64-1.
        valid(new Binary().section(TABLE, 1, 0x70, 0x04, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01));
        valid(new Binary()
                .section(TABLE, 1, 0x70, 0x05, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01));
    }

    @Test
    void wideArithmeticOperatorsTakeAndLeaveI64Pairs() {
        // i64.add128 = fc 13 and i64.sub128 = fc 14: [i64 i64 i64 i64] -> [i64 i64].
        valid(oneFunction(1, 0x42, 1, 0x42, 2, 0x42, 3, 0x42, 4, 0xFC, 0x13, 0x1A, 0x1A));
        valid(oneFunction(1, 0x42, 1, 0x42, 2, 0x42, 3, 0x42, 4, 0xFC, 0x14, 0x1A, 0x1A));
        // i64.mul_wide_s = fc 15 and i64.mul_wide_u = fc 16: [i64 i64] -> [i64 i64].
        valid(oneFunction(1, 0x42, 1, 0x42, 2, 0xFC, 0x15, 0x1A, 0x1A));
        valid(oneFunction(1, 0x42, 1, 0x42, 2, 0xFC, 0x16, 0x1A, 0x1A));

        var operand = invalid(oneFunction(1, 0x42, 1, 0x42, 2, 0x42, 3, 0x41, 4, 0xFC, 0x13, 0x1A, 0x1A));
        assertEquals("type mismatch: instruction requires [i64] but stack has [i32]", operand.reason());
        // Two results left where the function returns one i32.
        var results = invalid(oneFunction(0, 0x42, 1, 0x42, 2, 0xFC, 0x16));
        assertEquals("type mismatch: block requires [i32] but stack has [i64 i64]", results.reason());
    }
}
