package dev.jwasm.internal.binary;

import static dev.jwasm.internal.binary.Bin.b;
import static dev.jwasm.internal.binary.Bin.body;
import static dev.jwasm.internal.binary.Bin.cat;
import static dev.jwasm.internal.binary.Bin.module;
import static dev.jwasm.internal.binary.Bin.name;
import static dev.jwasm.internal.binary.Bin.section;
import static dev.jwasm.internal.binary.Bin.vec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.Feature;
import dev.jwasm.api.Features;
import dev.jwasm.api.InvalidModuleException;
import dev.jwasm.api.MalformedModuleException;
import dev.jwasm.api.model.AddressType;
import dev.jwasm.api.model.ArrayType;
import dev.jwasm.api.model.DataSegment;
import dev.jwasm.api.model.ElementSegment;
import dev.jwasm.api.model.Export;
import dev.jwasm.api.model.ExternKind;
import dev.jwasm.api.model.ExternType;
import dev.jwasm.api.model.FieldType;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.GlobalType;
import dev.jwasm.api.model.HeapType;
import dev.jwasm.api.model.Limits;
import dev.jwasm.api.model.LocalGroup;
import dev.jwasm.api.model.MemoryType;
import dev.jwasm.api.model.ModuleInfo;
import dev.jwasm.api.model.PackedType;
import dev.jwasm.api.model.RefType;
import dev.jwasm.api.model.SegmentMode;
import dev.jwasm.api.model.StructType;
import dev.jwasm.api.model.SubType;
import dev.jwasm.api.model.TableType;
import dev.jwasm.api.model.TagType;
import dev.jwasm.api.model.ValType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

// Byte layouts follow the spec's binary format, chapter 5.5; each test builds one by hand.
class ModuleDecoderTest {
    private static String malformed(byte[] binary) {
        return assertThrows(MalformedModuleException.class, () -> ModuleDecoder.decode(binary))
                .reason();
    }

    @Test
    void emptyModule() {
        ModuleInfo m = ModuleDecoder.decode(module());
        assertTrue(m.types().isEmpty());
        assertEquals(-1, m.start());
        assertEquals(-1, m.dataCount());
    }

    @Test
    void header() {
        assertEquals("unexpected end", malformed(b(0x00, 0x61, 0x73)));
        assertEquals("magic header not detected", malformed(b(0x00, 0x61, 0x73, 0x6E, 1, 0, 0, 0)));
        assertEquals("unexpected end", malformed(b(0x00, 0x61, 0x73, 0x6D, 1, 0)));
        assertEquals("unknown binary version", malformed(b(0x00, 0x61, 0x73, 0x6D, 0x0D, 0, 1, 0)));
    }

    @Test
    void typeSectionWithRecGroupsAndSubtypes() {
        byte[] func = b(0x60, 2, 0x7F, 0x7E, 1, 0x7D); // (i32 i64) -> f32
        byte[] struct = b(0x5F, 2, 0x78, 1, 0x63, 0x00, 0); // (mut i8), (ref null 0)
        byte[] subArray = b(0x50, 1, 1, 0x5E, 0x7C, 1); // sub (super 1) (array (mut f64))
        byte[] finalSub = b(0x4F, 0, 0x60, 0, 0);
        ModuleInfo m =
                ModuleDecoder.decode(module(section(1, vec(func, cat(b(0x4E), vec(struct, subArray)), finalSub))));

        assertEquals(3, m.recGroups().size());
        List<SubType> types = m.types();
        assertEquals(4, types.size());
        assertEquals(SubType.of(new FuncType(List.of(ValType.I32, ValType.I64), List.of(ValType.F32))), types.get(0));
        assertEquals(
                new StructType(List.of(
                        new FieldType(PackedType.I8, true),
                        new FieldType(RefType.nullable(new HeapType.Concrete(0)), false))),
                types.get(1).composite());
        assertEquals(new SubType(false, List.of(1), new ArrayType(new FieldType(ValType.F64, true))), types.get(2));
        assertTrue(types.get(3).isFinal());
        assertEquals(2, m.recGroups().get(1).types().size());
        assertEquals(1, m.recGroupOf(2));
        assertEquals(3, m.recGroupStart(2));
    }

    @Test
    void malformedTypes() {
        assertEquals("malformed definition type", malformed(module(section(1, vec(b(0x61, 0, 0))))));
        assertEquals("malformed value type", malformed(module(section(1, vec(b(0x60, 1, 0x40, 0))))));
        assertEquals("malformed storage type", malformed(module(section(1, vec(b(0x5E, 0x76, 0))))));
        assertEquals("malformed mutability", malformed(module(section(1, vec(b(0x5E, 0x7F, 2))))));
        assertEquals("integer representation too long", malformed(module(section(1, vec(b(0xE0, 0x7F, 0, 0))))));
    }

    @Test
    void importsOfEveryKind() {
        byte[] imports = vec(
                cat(name("m"), name("f"), b(0x00, 0)),
                cat(name("m"), name("t"), b(0x01, 0x70, 0x01, 1, 10)),
                cat(name("m"), name("mem"), b(0x02, 0x03, 1, 2)),
                cat(name("m"), name("g"), b(0x03, 0x7E, 1)),
                cat(name("m"), name("e"), b(0x04, 0, 0)));
        ModuleInfo m = ModuleDecoder.decode(module(section(1, vec(b(0x60, 0, 0))), section(2, imports)));
        assertEquals(new ExternType.Func(0), m.imports().get(0).type());
        assertEquals(
                new TableType(RefType.FUNCREF, new Limits(1, 10), AddressType.I32),
                m.imports().get(1).type());
        assertEquals(
                new MemoryType(new Limits(1, 2), AddressType.I32, true, 16),
                m.imports().get(2).type());
        assertEquals(new GlobalType(ValType.I64, true), m.imports().get(3).type());
        assertEquals(new TagType(0), m.imports().get(4).type());
        assertEquals("mem", m.imports(ExternKind.MEMORY).getFirst().name());
        assertEquals(1, m.importCount(ExternKind.TAG));
        assertEquals("malformed import kind", malformed(module(section(2, vec(cat(name("m"), name("x"), b(5, 0)))))));
    }

    @Test
    void functionIndexSpaceStartsWithImports() {
        ModuleInfo m = ModuleDecoder.decode(module(
                section(1, vec(b(0x60, 0, 0), b(0x60, 0, 1, 0x7F))),
                section(2, vec(cat(name("m"), name("g"), b(0x03, 0x7F, 0)), cat(name("m"), name("f"), b(0x00, 1)))),
                section(3, vec(b(0))),
                section(10, vec(body(vec(), b(0x0B))))));
        assertEquals(2, m.functionCount());
        assertEquals(1, m.functionTypeIndex(0), "the imported function");
        assertEquals(0, m.functionTypeIndex(1), "the defined function");
        assertThrows(IndexOutOfBoundsException.class, () -> m.functionTypeIndex(2));
        assertEquals(1, m.importCount(ExternKind.GLOBAL));
    }

    @Test
    void tablesMemoriesAndLimitFlags() {
        byte[] tables = vec(b(0x6F, 0x00, 3), b(0x40, 0x00, 0x70, 0x05, 1, 2, 0xD0, 0x70, 0x0B));
        byte[] memories = vec(b(0x00, 1), b(0x05, 0, 0x80, 0x80, 0x04));
        ModuleInfo m = ModuleDecoder.decode(module(section(4, tables), section(5, memories)));
        assertEquals(
                new TableType(RefType.EXTERNREF, Limits.of(3), AddressType.I32),
                m.tables().get(0).type());
        assertNull(m.tables().get(0).init());
        assertEquals(AddressType.I64, m.tables().get(1).type().addressType());
        assertEquals(new Limits(1, 2), m.tables().get(1).type().limits());
        assertTrue(m.tables().get(1).init() != null);
        assertEquals(MemoryType.of(1, Limits.UNBOUNDED), m.memories().get(0));
        assertEquals(
                new MemoryType(new Limits(0, 65536), AddressType.I64, false, 16),
                m.memories().get(1));

        assertEquals("malformed limits flags", malformed(module(section(4, vec(b(0x70, 0x02, 0))))));
        assertEquals("malformed limits flags", malformed(module(section(5, vec(b(0x10, 0))))));
        var inverted = assertThrows(
                InvalidModuleException.class, () -> ModuleDecoder.decode(module(section(5, vec(b(0x01, 2, 1))))));
        assertEquals("size minimum must not be greater than maximum", inverted.reason());
    }

    @Test
    void customPageSizesOffByDefaultAndOnWithTheFeature() {
        // memory section: one memory, flags 0x08 (page size follows), min 1, page size 2^0.
        byte[] binary = module(section(5, vec(b(0x08, 1, 0))));
        ModuleInfo m = ModuleDecoder.decode(binary, Features.defaults().with(Feature.CUSTOM_PAGE_SIZES));
        assertEquals(0, m.memories().getFirst().pageSizeLog2());
        var strict = assertThrows(MalformedModuleException.class, () -> ModuleDecoder.decode(binary));
        assertEquals("malformed limits flags", strict.reason());
    }

    @Test
    void customPageSizeTooLargeToRepresent() {
        // 2^65-byte pages: no such size exists (malformed); 2^17: a size, but not a valid one.
        var pageSizes = Features.defaults().with(Feature.CUSTOM_PAGE_SIZES);
        var malformed = assertThrows(
                MalformedModuleException.class,
                () -> ModuleDecoder.decode(module(section(5, vec(b(0x08, 0, 0x41)))), pageSizes));
        assertEquals("invalid custom page size", malformed.reason());
        var invalid = assertThrows(
                InvalidModuleException.class,
                () -> ModuleDecoder.decode(module(section(5, vec(b(0x08, 0, 17)))), pageSizes));
        assertEquals("invalid custom page size", invalid.reason());
    }

    @Test
    void u64LimitsOfI64TablesAndMemoriesAreKeptSaturated() {
        // table i64 with min 2^64-1 (flags 0x04), and with min 0, max 2^64-1 (flags 0x05).
        byte[] u64Max = b(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01);
        byte[] tables = vec(cat(b(0x70, 0x04), u64Max), cat(b(0x70, 0x05, 0), u64Max));
        // memory i64 with 1-byte pages (flags 0x0C), min 2^63 = 0x80.. LEB128, page size 2^0.
        byte[] twoTo63 = b(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01);
        byte[] memories = vec(cat(b(0x0C), twoTo63, b(0)));
        ModuleInfo m = ModuleDecoder.decode(
                module(section(4, tables), section(5, memories)),
                Features.defaults().with(Feature.CUSTOM_PAGE_SIZES));
        assertEquals(Limits.of(Long.MAX_VALUE), m.tables().get(0).type().limits());
        assertEquals(new Limits(0, Long.MAX_VALUE), m.tables().get(1).type().limits());
        assertTrue(m.tables().get(1).type().limits().hasMax());
        assertEquals(Limits.of(Long.MAX_VALUE), m.memories().getFirst().limits());

        // Maximum below minimum compares as unsigned: 2^64-1 then 1.
        var inverted = assertThrows(
                InvalidModuleException.class,
                () -> ModuleDecoder.decode(module(section(4, vec(cat(b(0x70, 0x05), u64Max, b(1)))))));
        assertEquals("size minimum must not be greater than maximum", inverted.reason());
    }

    @Test
    void globalsExportsStartAndTags() {
        ModuleInfo m = ModuleDecoder.decode(module(
                section(1, vec(b(0x60, 0, 0), b(0x60, 1, 0x7F, 0))),
                section(3, vec(b(0))),
                section(13, vec(b(0, 1))),
                section(6, vec(b(0x7F, 0, 0x41, 0x2A, 0x0B))),
                section(7, vec(cat(name("run"), b(0, 0)), cat(name("g"), b(3, 0)), cat(name("e"), b(4, 0)))),
                section(8, b(0)),
                section(10, vec(body(vec(), b(0x0B))))));
        assertEquals(new GlobalType(ValType.I32, false), m.globals().getFirst().type());
        assertEquals(
                3,
                m.globals().getFirst().init().end()
                        - m.globals().getFirst().init().offset());
        assertEquals(
                List.of(
                        new Export("run", ExternKind.FUNC, 0),
                        new Export("g", ExternKind.GLOBAL, 0),
                        new Export("e", ExternKind.TAG, 0)),
                m.exports());
        assertEquals(0, m.start());
        assertEquals(List.of(new TagType(1)), m.tags());
        assertEquals(1, m.functionCount());
        assertEquals(0, m.functionTypeIndex(0));
        assertEquals("malformed export kind", malformed(module(section(7, vec(cat(name("x"), b(5, 0)))))));
    }

    @Test
    void elementSegmentForms() {
        byte[] offset = b(0x41, 0, 0x0B);
        byte[] elements = vec(
                cat(b(0), offset, vec(b(0), b(1))), // active, table 0, function indexes
                cat(b(1, 0), vec(b(2))), // passive, elemkind, indexes
                cat(b(2, 1), offset, b(0), vec(b(0))), // active, table 1
                cat(b(3, 0), vec(b(0))), // declarative
                cat(b(5, 0x6F), vec(b(0xD0, 0x6F, 0x0B))), // passive, externref expressions
                cat(b(6, 2), offset, b(0x70), vec(b(0xD2, 0, 0x0B))), // active, table 2, exprs
                cat(b(7, 0x70), vec(b(0xD2, 0, 0x0B)))); // declarative exprs
        ModuleInfo m = ModuleDecoder.decode(module(section(9, elements)));
        List<ElementSegment> es = m.elements();
        assertEquals(SegmentMode.ACTIVE, es.get(0).mode());
        assertEquals(new ElementSegment.Functions(List.of(0, 1)), es.get(0).items());
        assertEquals(RefType.of(HeapType.Abstract.FUNC), es.get(0).type());
        assertEquals(SegmentMode.PASSIVE, es.get(1).mode());
        assertNull(es.get(1).offset());
        assertEquals(1, es.get(2).tableIndex());
        assertEquals(SegmentMode.DECLARATIVE, es.get(3).mode());
        assertEquals(RefType.EXTERNREF, es.get(4).type());
        assertEquals(1, es.get(4).items().size());
        assertTrue(es.get(4).items() instanceof ElementSegment.Expressions);
        assertEquals(2, es.get(5).tableIndex());
        assertEquals(SegmentMode.DECLARATIVE, es.get(6).mode());

        assertEquals("malformed reference type", malformed(module(section(9, vec(cat(b(5, 0x7F), vec()))))));
        assertEquals("malformed elements segment kind", malformed(module(section(9, vec(b(8))))));
    }

    @Test
    void codeSectionLocals() {
        ModuleInfo m = ModuleDecoder.decode(module(
                section(1, vec(b(0x60, 0, 0))),
                section(3, vec(b(0))),
                section(10, vec(body(vec(b(2, 0x7F), b(1, 0x7B)), b(0x0B))))));
        var body = m.code().getFirst();
        assertEquals(List.of(new LocalGroup(2, ValType.I32), new LocalGroup(1, ValType.V128)), body.localGroups());
        assertEquals(3, body.localCount());
        assertEquals(ValType.V128, body.localType(2));
        assertEquals(body.codeOffset() + 1, body.end());
    }

    @Test
    void localsAreLimited() {
        byte[] tooMany = module(
                section(1, vec(b(0x60, 0, 0))),
                section(3, vec(b(0))),
                section(10, vec(body(vec(cat(Bin.u32(50_000), b(0x7F)), b(1, 0x7E)), b(0x0B)))));
        assertEquals("too many locals", malformed(tooMany));
    }

    @Test
    void functionAndCodeCountsMustAgree() {
        assertEquals(
                "function and code section have inconsistent lengths",
                malformed(module(section(1, vec(b(0x60, 0, 0))), section(3, vec(b(0))))));
    }

    @Test
    void dataSegmentsAndDataCount() {
        byte[] datas = vec(
                cat(b(0), b(0x41, 8, 0x0B), vec(b(1), b(2))),
                cat(b(1), vec(b(3))),
                cat(b(2, 1), b(0x41, 0, 0x0B), vec()));
        ModuleInfo m = ModuleDecoder.decode(module(section(12, b(3)), section(11, datas)));
        assertEquals(3, m.dataCount());
        List<DataSegment> ds = m.datas();
        assertEquals(SegmentMode.ACTIVE, ds.get(0).mode());
        assertArrayEquals(b(1, 2), m.data(ds.get(0)));
        assertEquals(SegmentMode.PASSIVE, ds.get(1).mode());
        assertArrayEquals(b(3), m.data(ds.get(1)));
        assertEquals(1, ds.get(2).memoryIndex());

        assertEquals(
                "data count and data section have inconsistent lengths",
                malformed(module(section(12, b(2)), section(11, vec(cat(b(1), vec()))))));
    }

    @Test
    void dataInstructionsNeedTheDataCountSection() {
        byte[] dataDrop = b(0xFC, 9, 0, 0x0B);
        byte[] withoutCount = module(
                section(1, vec(b(0x60, 0, 0))),
                section(3, vec(b(0))),
                section(10, vec(body(vec(), dataDrop))),
                section(11, vec(cat(b(1), vec()))));
        assertEquals("data count section required", malformed(withoutCount));
        assertEquals(1, ModuleDecoder.decode(Bin.oneFunction(dataDrop)).code().size());
        // Reported after the other end-of-module checks, as the reference interpreter does.
        byte[] alsoInconsistent = module(
                section(1, vec(b(0x60, 0, 0))), section(3, vec(b(0), b(0))), section(10, vec(body(vec(), dataDrop))));
        assertEquals("function and code section have inconsistent lengths", malformed(alsoInconsistent));
    }

    @Test
    void sectionOrderAndSizes() {
        assertEquals("unexpected content after last section", malformed(module(section(3, vec()), section(1, vec()))));
        assertEquals("unexpected content after last section", malformed(module(section(1, vec()), section(1, vec()))));
        assertEquals("malformed section id", malformed(module(b(14, 0))));
        assertEquals("section size mismatch", malformed(module(b(1, 2, 0, 0))));
        assertEquals("length out of bounds", malformed(module(b(1, 5, 0))));
        // Tag (13) goes between memory and global; data count (12) between element and code.
        ModuleDecoder.decode(module(section(5, vec()), section(13, vec()), section(6, vec())));
        ModuleDecoder.decode(module(section(9, vec()), section(12, b(0)), section(10, vec()), section(11, vec())));
    }

    @Test
    void customSectionsAnywhereAndFunctionNames() {
        byte[] names = cat(name("name"), section(1, vec(cat(b(0), name("main")))));
        ModuleInfo m = ModuleDecoder.decode(module(
                section(0, name("first"), b(1, 2, 3)),
                section(1, vec(b(0x60, 0, 0))),
                section(3, vec(b(0))),
                section(10, vec(body(vec(), b(0x0B)))),
                section(0, names)));
        assertEquals("first", m.customs().get(0).name());
        assertArrayEquals(b(1, 2, 3), m.customData(m.customs().get(0)));
        assertEquals(Map.of(0, "main"), m.functionNames());
    }

    @Test
    void aBrokenNameSectionIsIgnored() {
        byte[] badNames = cat(name("name"), b(1, 3, 1, 0, 9)); // name length 9 runs past the section
        ModuleInfo m = ModuleDecoder.decode(module(section(0, badNames)));
        assertTrue(m.functionNames().isEmpty());
        assertEquals(1, m.customs().size());
    }

    @Test
    void theInputIsCopied() {
        byte[] binary = module(section(0, name("x")));
        ModuleInfo m = ModuleDecoder.decode(binary);
        binary[binary.length - 1] = 'y';
        assertEquals("x", m.customs().getFirst().name());
        assertFalse(m.bytes().hasArray(), "the module's bytes are read-only");
    }
}
