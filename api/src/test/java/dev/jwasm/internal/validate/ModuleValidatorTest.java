package dev.jwasm.internal.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jwasm.api.InvalidModuleException;
import dev.jwasm.api.code.BlockType;
import dev.jwasm.api.code.Catch;
import dev.jwasm.api.code.InstructionVisitor;
import dev.jwasm.api.code.Opcode;
import dev.jwasm.api.model.AddressType;
import dev.jwasm.api.model.DataSegment;
import dev.jwasm.api.model.ElementSegment;
import dev.jwasm.api.model.Export;
import dev.jwasm.api.model.Expr;
import dev.jwasm.api.model.ExternKind;
import dev.jwasm.api.model.ExternType;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.FunctionBody;
import dev.jwasm.api.model.Global;
import dev.jwasm.api.model.GlobalType;
import dev.jwasm.api.model.HeapType;
import dev.jwasm.api.model.Import;
import dev.jwasm.api.model.Limits;
import dev.jwasm.api.model.MemoryType;
import dev.jwasm.api.model.ModuleInfo;
import dev.jwasm.api.model.RecGroup;
import dev.jwasm.api.model.RefType;
import dev.jwasm.api.model.SegmentMode;
import dev.jwasm.api.model.SubType;
import dev.jwasm.api.model.Table;
import dev.jwasm.api.model.TableType;
import dev.jwasm.api.model.TagType;
import dev.jwasm.api.model.ValType;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Module-level rules on hand-built modules. Expressions are written as raw instruction bytes
 * (spec 5.4) into the module's byte buffer, since bodies and constant expressions are ranges of it.
 */
class ModuleValidatorTest {
    private static final int I32_CONST = 0x41;
    private static final int I64_CONST = 0x42;
    private static final int END = 0x0B;
    private static final int DROP = 0x1A;
    private static final int REF_FUNC = 0xD2;
    private static final int GLOBAL_GET = 0x23;
    private static final int I32_ADD = 0x6A;
    private static final int I32_DIV_S = 0x6D;

    /** Types: 0 = [] -> [], 1 = [] -> [i32], 2 = [i32] -> []. */
    private static final List<RecGroup> TYPES = List.of(
            group(FuncType.of(List.of(), List.of())),
            group(FuncType.of(List.of(), List.of(ValType.I32))),
            group(FuncType.of(List.of(ValType.I32), List.of())));

    private static RecGroup group(FuncType type) {
        return new RecGroup(List.of(SubType.of(type)));
    }

    /** A mutable module under construction; {@link #build()} makes the immutable model. */
    private static final class Module {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<Import> imports = new ArrayList<>();
        final List<Integer> functions = new ArrayList<>();
        final List<FunctionBody> code = new ArrayList<>();
        final List<Table> tables = new ArrayList<>();
        final List<MemoryType> memories = new ArrayList<>();
        final List<Global> globals = new ArrayList<>();
        final List<Export> exports = new ArrayList<>();
        final List<ElementSegment> elements = new ArrayList<>();
        final List<DataSegment> datas = new ArrayList<>();
        final List<TagType> tags = new ArrayList<>();
        int start = -1;

        /** Appends instruction bytes and returns their range. */
        Expr expr(int... instructionBytes) {
            int offset = bytes.size();
            for (int b : instructionBytes) {
                bytes.write(b);
            }
            return new Expr(offset, bytes.size());
        }

        Module function(int typeIndex, int... body) {
            var e = expr(body);
            functions.add(typeIndex);
            code.add(new FunctionBody(List.of(), 0, e.offset(), e.end()));
            return this;
        }

        ModuleInfo build() {
            return new ModuleInfo(
                    ByteBuffer.wrap(bytes.toByteArray()),
                    TYPES,
                    imports,
                    functions,
                    tables,
                    memories,
                    globals,
                    exports,
                    start,
                    elements,
                    -1,
                    code,
                    datas,
                    tags,
                    List.of(),
                    Map.of());
        }
    }

    private static InvalidModuleException invalid(Module m) {
        return assertThrows(InvalidModuleException.class, () -> ModuleValidator.validate(m.build()));
    }

    @Test
    void aValidModuleStreamsItsBodiesDownstream() {
        var m = new Module().function(1, I32_CONST, 42, END);
        var seen = new ArrayList<String>();
        ModuleValidator.validate(m.build(), (funcIndex, state) -> new Recorder(seen, funcIndex, state));
        assertEquals(List.of("f0 i32.const 42 height 1", "f0 end height 0"), seen);
    }

    @Test
    void bodyErrorsCarryTheFunctionIndexAndInstructionOffset() {
        var m = new Module();
        m.imports.add(new Import("env", "f", new ExternType.Func(0)));
        m.function(0, END);
        m.function(1, I64_CONST, 0, END);
        var e = invalid(m);
        assertEquals("type mismatch: instruction requires [i32] but stack has [i64]", e.reason());
        assertEquals(2, e.functionIndex(), "imports count in the function index space");
        assertEquals(3, e.offset(), "the end of the second body: bytes 0 (first body), 1-2 i64.const, 3 end");
    }

    @Test
    void exportNamesAreUniqueAndNameExistingItems() {
        var m = new Module().function(0, END);
        m.exports.add(new Export("a", ExternKind.FUNC, 0));
        m.exports.add(new Export("a", ExternKind.FUNC, 0));
        assertEquals("duplicate export name", invalid(m).reason());
        var n = new Module().function(0, END);
        n.exports.add(new Export("g", ExternKind.GLOBAL, 0));
        assertEquals("unknown global 0", invalid(n).reason());
    }

    @Test
    void theStartFunctionTakesAndReturnsNothing() {
        var m = new Module().function(2, END);
        m.start = 0;
        assertEquals("start function must have type [] -> []", invalid(m).reason());
        var n = new Module();
        n.start = 0;
        assertEquals("unknown function 0", invalid(n).reason());
    }

    @Test
    void memoryAndTableLimits() {
        var m = new Module();
        m.memories.add(MemoryType.of(0, 65_537));
        assertEquals(
                "memory size must be at most 65536 pages (4GiB)", invalid(m).reason());
        var shared = new Module();
        shared.memories.add(new MemoryType(Limits.of(1), AddressType.I32, true, 16));
        assertEquals("shared memory must have maximum", invalid(shared).reason());
        var table = new Module();
        table.tables.add(new Table(new TableType(RefType.FUNCREF, Limits.of(1L << 32), AddressType.I32), null));
        assertEquals("table size must be at most 2^32-1", invalid(table).reason());
        var ok = new Module();
        ok.memories.add(MemoryType.of(0, 65_536));
        ok.memories.add(new MemoryType(Limits.of(1L << 40), AddressType.I64, false, 16));
        ModuleValidator.validate(ok.build());
    }

    @Test
    void constantExpressionsAllowOnlyConstantInstructions() {
        var m = new Module();
        m.globals.add(
                new Global(new GlobalType(ValType.I32, false), m.expr(I32_CONST, 1, I32_CONST, 2, I32_DIV_S, END)));
        assertEquals("constant expression required", invalid(m).reason());

        var extended = new Module();
        extended.globals.add(new Global(
                new GlobalType(ValType.I32, false), extended.expr(I32_CONST, 1, I32_CONST, 2, I32_ADD, END)));
        ModuleValidator.validate(extended.build());

        var typed = new Module();
        typed.globals.add(new Global(new GlobalType(ValType.I32, false), typed.expr(I64_CONST, 1, END)));
        assertEquals(
                "type mismatch: instruction requires [i32] but stack has [i64]",
                invalid(typed).reason());
    }

    @Test
    void globalInitializersReadOnlyEarlierImmutableGlobals() {
        var later = new Module();
        later.globals.add(new Global(new GlobalType(ValType.I32, false), later.expr(GLOBAL_GET, 1, END)));
        later.globals.add(new Global(new GlobalType(ValType.I32, false), later.expr(I32_CONST, 0, END)));
        assertEquals("unknown global 1", invalid(later).reason());

        var mutable = new Module();
        mutable.imports.add(new Import("env", "g", new GlobalType(ValType.I32, true)));
        mutable.globals.add(new Global(new GlobalType(ValType.I32, false), mutable.expr(GLOBAL_GET, 0, END)));
        assertEquals("constant expression required", invalid(mutable).reason());

        var earlier = new Module();
        earlier.globals.add(new Global(new GlobalType(ValType.I32, false), earlier.expr(I32_CONST, 0, END)));
        earlier.globals.add(new Global(new GlobalType(ValType.I32, false), earlier.expr(GLOBAL_GET, 0, END)));
        ModuleValidator.validate(earlier.build());
    }

    @Test
    void tableInitializersSeeOnlyImportedGlobals() {
        // The table section precedes the global section, so a defined global is not yet visible.
        var m = new Module();
        m.globals.add(new Global(new GlobalType(RefType.FUNCREF, false), m.expr(0xD0, 0x70, END)));
        m.tables.add(
                new Table(new TableType(RefType.FUNCREF, Limits.of(1), AddressType.I32), m.expr(GLOBAL_GET, 0, END)));
        assertEquals("unknown global 0", invalid(m).reason());
    }

    @Test
    void refFuncInABodyNeedsADeclarationOutsideBodies() {
        var undeclared = new Module().function(0, REF_FUNC, 0, DROP, END);
        var e = invalid(undeclared);
        assertEquals("undeclared function reference", e.reason());
        assertEquals(0, e.functionIndex());

        var declared = new Module().function(0, REF_FUNC, 0, DROP, END);
        declared.elements.add(new ElementSegment(
                SegmentMode.DECLARATIVE, 0, null, RefType.FUNCREF, new ElementSegment.Functions(List.of(0))));
        ModuleValidator.validate(declared.build());

        var exported = new Module().function(0, REF_FUNC, 0, DROP, END);
        exported.exports.add(new Export("f", ExternKind.FUNC, 0));
        ModuleValidator.validate(exported.build());
    }

    @Test
    void activeSegmentsMustFitTheirTableOrMemory() {
        var m = new Module();
        m.tables.add(new Table(new TableType(RefType.FUNCREF, Limits.of(1), AddressType.I32), null));
        m.elements.add(new ElementSegment(
                SegmentMode.ACTIVE,
                0,
                m.expr(I32_CONST, 0, END),
                RefType.EXTERNREF,
                new ElementSegment.Expressions(List.of())));
        assertEquals(
                "type mismatch: segment of (ref null extern) for a table of (ref null func)",
                invalid(m).reason());

        var d = new Module();
        d.datas.add(new DataSegment(SegmentMode.ACTIVE, 0, d.expr(I32_CONST, 0, END), 0, 0));
        assertEquals("unknown memory 0", invalid(d).reason());
    }

    @Test
    void tablesOfNonNullableReferencesNeedAnInitializer() {
        var m = new Module();
        var nonNull = RefType.of(HeapType.Abstract.FUNC);
        m.tables.add(new Table(new TableType(nonNull, Limits.of(1), AddressType.I32), null));
        assertEquals(
                "type mismatch: a table of (ref func) needs an initializer",
                invalid(m).reason());
    }

    @Test
    void tagsHaveNoResults() {
        var m = new Module();
        m.tags.add(new TagType(1));
        assertEquals("non-empty tag result type", invalid(m).reason());
    }

    @Test
    void functionsMustNameFunctionTypes() {
        var m = new Module().function(7, END);
        assertEquals("unknown type 7", invalid(m).reason());
    }

    /** Records what reaches the downstream, with the stack height the validator reports. */
    private record Recorder(List<String> seen, int funcIndex, FunctionState state) implements InstructionVisitor {
        private void add(String text) {
            seen.add("f" + funcIndex + " " + text + " height " + state.stackHeight());
        }

        @Override
        public void visitSimple(Opcode op) {
            add(op.mnemonic());
        }

        @Override
        public void visitI32Const(int value) {
            add("i32.const " + value);
        }

        @Override
        public void visitBlock(Opcode op, BlockType type) {}

        @Override
        public void visitTryTable(BlockType type, List<Catch> catches) {}

        @Override
        public void visitLabel(Opcode op, int depth) {}

        @Override
        public void visitBrTable(int[] depths, int defaultDepth) {}

        @Override
        public void visitFunction(Opcode op, int funcIndex) {}

        @Override
        public void visitCallIndirect(Opcode op, int typeIndex, int tableIndex) {}

        @Override
        public void visitType(Opcode op, int typeIndex) {}

        @Override
        public void visitTag(Opcode op, int tagIndex) {}

        @Override
        public void visitLocal(Opcode op, int localIndex) {}

        @Override
        public void visitGlobal(Opcode op, int globalIndex) {}

        @Override
        public void visitTable(Opcode op, int tableIndex) {}

        @Override
        public void visitTableCopy(int dstTable, int srcTable) {}

        @Override
        public void visitTableInit(int elemIndex, int tableIndex) {}

        @Override
        public void visitElem(Opcode op, int elemIndex) {}

        @Override
        public void visitMemoryIndex(Opcode op, int memIndex) {}

        @Override
        public void visitMemoryCopy(int dstMemory, int srcMemory) {}

        @Override
        public void visitMemoryInit(int dataIndex, int memIndex) {}

        @Override
        public void visitData(Opcode op, int dataIndex) {}

        @Override
        public void visitMemory(Opcode op, int memIndex, int alignLog2, long offset) {}

        @Override
        public void visitMemoryLane(Opcode op, int memIndex, int alignLog2, long offset, int lane) {}

        @Override
        public void visitLane(Opcode op, int lane) {}

        @Override
        public void visitShuffle(byte[] lanes) {}

        @Override
        public void visitI64Const(long value) {}

        @Override
        public void visitF32Const(int bits) {}

        @Override
        public void visitF64Const(long bits) {}

        @Override
        public void visitV128Const(long low, long high) {}

        @Override
        public void visitHeapType(Opcode op, HeapType type) {}

        @Override
        public void visitRefType(Opcode op, RefType type) {}

        @Override
        public void visitSelect(List<ValType> types) {}

        @Override
        public void visitField(Opcode op, int typeIndex, int fieldIndex) {}

        @Override
        public void visitArrayCopy(int dstType, int srcType) {}

        @Override
        public void visitArrayNewFixed(int typeIndex, int length) {}

        @Override
        public void visitArrayData(Opcode op, int typeIndex, int dataIndex) {}

        @Override
        public void visitArrayElem(Opcode op, int typeIndex, int elemIndex) {}

        @Override
        public void visitBrOnCast(Opcode op, int depth, RefType from, RefType to) {}
    }
}
