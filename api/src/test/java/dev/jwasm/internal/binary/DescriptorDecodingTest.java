package dev.jwasm.internal.binary;

import static dev.jwasm.internal.binary.Bin.b;
import static dev.jwasm.internal.binary.Bin.body;
import static dev.jwasm.internal.binary.Bin.cat;
import static dev.jwasm.internal.binary.Bin.module;
import static dev.jwasm.internal.binary.Bin.name;
import static dev.jwasm.internal.binary.Bin.section;
import static dev.jwasm.internal.binary.Bin.vec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jwasm.api.Feature;
import dev.jwasm.api.Features;
import dev.jwasm.api.MalformedModuleException;
import dev.jwasm.api.code.Opcode;
import dev.jwasm.api.model.ExternType;
import dev.jwasm.api.model.FieldType;
import dev.jwasm.api.model.HeapType;
import dev.jwasm.api.model.RefType;
import dev.jwasm.api.model.StructType;
import dev.jwasm.api.model.SubType;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The custom descriptors proposal's binary forms, bytes written by hand from its overview
 * ("Binary Format"): exact heap types {@code 0x62 u32}, {@code 0x4C x} (describes) and {@code 0x4D
 * y} (descriptor) before a composite type, exact function imports {@code 0x20}, and the
 * instructions {@code 0xFB 0x20..0x26}.
 */
class DescriptorDecodingTest {
    private static final Features DESCRIPTORS = Features.defaults().with(Feature.CUSTOM_DESCRIPTORS);

    @Test
    void theProposalsEncodingsAreMalformedWhenItIsOff() {
        // (struct (field (ref (exact 0)))): 0x62 is no heap type without the proposal.
        byte[] exact = module(section(1, vec(b(0x5F, 1, 0x64, 0x62, 0, 0))));
        assertThrows(MalformedModuleException.class, () -> ModuleDecoder.decode(exact));
        // (type (describes 0) (struct)): the clause byte stands where a composite type must.
        byte[] describes = module(section(1, vec(b(0x4C, 0, 0x5F, 0))));
        assertThrows(MalformedModuleException.class, () -> ModuleDecoder.decode(describes));
        // An exact function import, kind 0x20.
        byte[] imports = vec(cat(name("m"), name("f"), b(0x20, 0)));
        byte[] exactImport = module(section(1, vec(b(0x60, 0, 0))), section(2, imports));
        assertEquals(
                "malformed import kind",
                assertThrows(MalformedModuleException.class, () -> ModuleDecoder.decode(exactImport))
                        .reason());
        assertEquals(1, ModuleDecoder.decode(exactImport, DESCRIPTORS).imports().size());
    }

    private static String malformed(byte[] binary) {
        return assertThrows(MalformedModuleException.class, () -> ModuleDecoder.decode(binary, DESCRIPTORS))
                .reason();
    }

    @Test
    void exactHeapTypesInFields() {
        // (struct (field (ref (exact 0))) (field (ref null (exact 0))))
        byte[] struct = b(0x5F, 2, 0x64, 0x62, 0, 0, 0x63, 0x62, 0, 1);
        var types = ModuleDecoder.decode(module(section(1, vec(struct))), DESCRIPTORS)
                .types();
        assertEquals(
                new StructType(List.of(
                        new FieldType(RefType.of(new HeapType.Concrete(0, true)), false),
                        new FieldType(RefType.nullable(new HeapType.Concrete(0, true)), true))),
                types.getFirst().composite());
    }

    @Test
    void exactNeedsARefPrefixAndOneTypeIndex() {
        // 0x62 alone is not a value type; 0x62 0x62 reads a negative s32 as the index.
        assertEquals("malformed storage type", malformed(module(section(1, vec(b(0x5F, 1, 0x62, 0, 0))))));
        assertEquals("malformed storage type", malformed(module(section(1, vec(b(0x5F, 1, 0x64, 0x62, 0x62, 0, 0))))));
    }

    @Test
    void describesAndDescriptorClauses() {
        // rec { (descriptor 1) (struct) ; (describes 0) (descriptor 2) (struct) ; sub (describes 1) (struct) }
        byte[] group = cat(b(0x4E, 3), b(0x4D, 1, 0x5F, 0), b(0x4C, 0, 0x4D, 2, 0x5F, 0), b(0x50, 0, 0x4C, 1, 0x5F, 0));
        var types = ModuleDecoder.decode(module(section(1, vec(group))), DESCRIPTORS)
                .types();
        var empty = new StructType(List.of());
        assertEquals(new SubType(true, List.of(), empty, SubType.NONE, 1), types.get(0));
        assertEquals(new SubType(true, List.of(), empty, 0, 2), types.get(1));
        assertEquals(new SubType(false, List.of(), empty, 1, SubType.NONE), types.get(2));
    }

    @Test
    void clausesInTheWrongOrderOrRepeatedAreMalformed() {
        assertEquals(
                "malformed definition type",
                malformed(module(section(1, vec(cat(b(0x4E, 2), b(0x4D, 1, 0x4D, 1, 0x5F, 0), b(0x4C, 0, 0x5F, 0)))))));
        assertEquals(
                "malformed definition type",
                malformed(module(section(1, vec(cat(b(0x4E, 2), b(0x4D, 1, 0x5F, 0), b(0x4D, 0, 0x4C, 0, 0x5F, 0)))))));
    }

    @Test
    void exactFunctionImport() {
        byte[] imports = vec(cat(name("m"), name("f"), b(0x20, 0)), cat(name("m"), name("g"), b(0x00, 0)));
        var m = ModuleDecoder.decode(module(section(1, vec(b(0x60, 0, 0))), section(2, imports)), DESCRIPTORS);
        assertEquals(new ExternType.Func(0, true), m.imports().get(0).type());
        assertEquals(new ExternType.Func(0, false), m.imports().get(1).type());
    }

    @Test
    void exactIsNotAnExportKind() {
        byte[] exports = vec(cat(name("f"), b(0x20, 0)));
        assertEquals(
                "malformed export kind",
                malformed(module(
                        section(1, vec(b(0x60, 0, 0))),
                        section(3, vec(b(0))),
                        section(7, exports),
                        section(10, vec(body(b(0), b(0x0B)))))));
    }

    @Test
    void descriptorInstructionsDecodeWithTheirImmediates() {
        var visitor = new RecordingVisitor();
        byte[] code = b(
                0xFB, 0x20, 3, // struct.new_desc 3
                0xFB, 0x21, 3, // struct.new_default_desc 3
                0xFB, 0x22, 4, // ref.get_desc 4
                0xFB, 0x23, 0x62, 3, // ref.cast_desc_eq (ref (exact 3))
                0xFB, 0x24, 3, // ref.cast_desc_eq (ref null 3)
                0xFB, 0x25, 0x01, 0, 0x6E, 0x62, 3, // br_on_cast_desc_eq 0 anyref (ref (exact 3))
                0xFB, 0x26, 0x03, 1, 0x6E, 3, // br_on_cast_desc_eq_fail 1 anyref (ref null 3)
                0xD0, 0x62, 2, // ref.null (exact 2)
                0x0B);
        var reader =
                new InstructionReader(ByteBuffer.wrap(code), Features.defaults().with(Feature.CUSTOM_DESCRIPTORS));
        assertEquals(code.length, reader.readExpression(0, visitor));
        assertEquals(
                List.of(
                        "visitType struct.new_desc 3",
                        "visitType struct.new_default_desc 3",
                        "visitType ref.get_desc 4",
                        "visitRefType ref.cast_desc_eq (ref (exact 3))",
                        "visitRefType ref.cast_desc_eq (ref null 3)",
                        "visitBrOnCast br_on_cast_desc_eq 0 (ref null any) (ref (exact 3))",
                        "visitBrOnCast br_on_cast_desc_eq_fail 1 (ref null any) (ref null 3)",
                        "visitHeapType ref.null (exact 2)",
                        "visitSimple end"),
                visitor.events);
    }

    @Test
    void descriptorInstructionsAreInTheGcSpace() {
        assertEquals(Opcode.STRUCT_NEW_DESC, Opcode.forCode(0xFB, 0x20));
        assertEquals(Opcode.STRUCT_NEW_DEFAULT_DESC, Opcode.forCode(0xFB, 0x21));
        assertEquals(Opcode.REF_GET_DESC, Opcode.forCode(0xFB, 0x22));
        assertEquals(Opcode.REF_CAST_DESC_EQ, Opcode.forCode(0xFB, 0x23));
        assertEquals(Opcode.REF_CAST_DESC_EQ_NULL, Opcode.forCode(0xFB, 0x24));
        assertEquals(Opcode.BR_ON_CAST_DESC_EQ, Opcode.forCode(0xFB, 0x25));
        assertEquals(Opcode.BR_ON_CAST_DESC_EQ_FAIL, Opcode.forCode(0xFB, 0x26));
        assertEquals(null, Opcode.forCode(0xFB, 0x27));
        assertEquals(Opcode.REF_CAST_DESC_EQ, Opcode.forMnemonic("ref.cast_desc_eq"));
    }
}
