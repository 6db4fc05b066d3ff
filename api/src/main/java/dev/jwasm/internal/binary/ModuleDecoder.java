package dev.jwasm.internal.binary;

import dev.jwasm.api.Feature;
import dev.jwasm.api.Features;
import dev.jwasm.api.model.CustomSection;
import dev.jwasm.api.model.DataSegment;
import dev.jwasm.api.model.ElementSegment;
import dev.jwasm.api.model.Export;
import dev.jwasm.api.model.Expr;
import dev.jwasm.api.model.ExternKind;
import dev.jwasm.api.model.ExternType;
import dev.jwasm.api.model.FunctionBody;
import dev.jwasm.api.model.Global;
import dev.jwasm.api.model.HeapType;
import dev.jwasm.api.model.Import;
import dev.jwasm.api.model.LocalGroup;
import dev.jwasm.api.model.MemoryType;
import dev.jwasm.api.model.ModuleInfo;
import dev.jwasm.api.model.RecGroup;
import dev.jwasm.api.model.RefType;
import dev.jwasm.api.model.SegmentMode;
import dev.jwasm.api.model.Table;
import dev.jwasm.api.model.TagType;
import dev.jwasm.api.model.ValType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes a module binary (spec 5.5) into a {@link ModuleInfo}: header, sections in their
 * required order, each section's contents and size. Function bodies and constant expressions are
 * read once here with {@link InstructionReader} so that every malformed input is reported by
 * decoding, before validation starts.
 */
public final class ModuleDecoder {
    /** The most locals (parameters not included) one function may declare. */
    public static final int MAX_LOCALS = 50_000;

    private static final int MAGIC = 0x6D736100; // "\0asm" read little-endian
    private static final int VERSION = 1;

    // Section ids (spec 5.5.2) and the order they must come in: tag sits between memory and
    // global, data count between element and code.
    private static final int CUSTOM = 0;
    private static final int TYPE = 1;
    private static final int IMPORT = 2;
    private static final int FUNCTION = 3;
    private static final int TABLE = 4;
    private static final int MEMORY = 5;
    private static final int GLOBAL = 6;
    private static final int EXPORT = 7;
    private static final int START = 8;
    private static final int ELEMENT = 9;
    private static final int CODE = 10;
    private static final int DATA = 11;
    private static final int DATA_COUNT = 12;
    private static final int TAG = 13;
    private static final int[] ORDER = {0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 12, 13, 11, 6};

    private final ByteBuffer bytes;
    private final ByteReader in;
    private final TypeDecoder typeDecoder;
    private final InstructionReader instructions;
    /** Exact function imports (import kind 0x20) belong to the custom descriptors proposal. */
    private final boolean customDescriptors;

    private static final NoOpVisitor NO_OP = new NoOpVisitor();

    private final DataUseScanner dataUse = new DataUseScanner();

    private final List<RecGroup> recGroups = new ArrayList<>();
    private final List<Import> imports = new ArrayList<>();
    private final List<Integer> functions = new ArrayList<>();
    private final List<Table> tables = new ArrayList<>();
    private final List<MemoryType> memories = new ArrayList<>();
    private final List<Global> globals = new ArrayList<>();
    private final List<Export> exports = new ArrayList<>();
    private int start = -1;
    private final List<ElementSegment> elements = new ArrayList<>();
    private int dataCount = -1;
    private final List<FunctionBody> code = new ArrayList<>();
    private final List<DataSegment> datas = new ArrayList<>();
    private final List<TagType> tags = new ArrayList<>();
    private final List<CustomSection> customs = new ArrayList<>();
    private final Map<Integer, String> functionNames = new HashMap<>();

    private ModuleDecoder(byte[] binary, Features features) {
        this.bytes = ByteBuffer.wrap(binary.clone()).asReadOnlyBuffer();
        this.in = new ByteReader(bytes, 0, binary.length);
        this.typeDecoder = new TypeDecoder(in, features);
        this.customDescriptors = features.has(Feature.CUSTOM_DESCRIPTORS);
        this.instructions = new InstructionReader(in, features);
    }

    /** Decodes {@code binary} (copied first) with the default features. */
    public static ModuleInfo decode(byte[] binary) {
        return decode(binary, Features.defaults());
    }

    /** Decodes {@code binary} (copied first), accepting only the encodings {@code features} enable. */
    public static ModuleInfo decode(byte[] binary, Features features) {
        return new ModuleDecoder(binary, features).module();
    }

    private ModuleInfo module() {
        header();
        int lastRank = 0;
        while (!in.atEnd()) {
            int sectionStart = in.position();
            int id = in.u8();
            if (id >= ORDER.length) {
                throw ByteReader.errorAt("malformed section id", sectionStart);
            }
            if (id != CUSTOM) {
                if (ORDER[id] <= lastRank) {
                    throw ByteReader.errorAt("unexpected content after last section", sectionStart);
                }
                lastRank = ORDER[id];
            }
            int size = in.length();
            int contentStart = in.position();
            section(id, contentStart + size);
            if (in.position() != contentStart + size) {
                throw ByteReader.errorAt("section size mismatch", contentStart);
            }
        }
        if (functions.size() != code.size()) {
            throw ByteReader.errorAt("function and code section have inconsistent lengths", in.position());
        }
        if (dataCount >= 0 && dataCount != datas.size()) {
            throw ByteReader.errorAt("data count and data section have inconsistent lengths", in.position());
        }
        // Spec 5.5.16: data.drop and memory.init (and the GC array data instructions) in function
        // bodies need the data count section, so that a single pass can validate them. Checked
        // last, in the reference interpreter's order.
        if (dataUse.usedAt >= 0 && dataCount < 0) {
            throw ByteReader.errorAt("data count section required", dataUse.usedAt);
        }
        return new ModuleInfo(
                bytes,
                recGroups,
                imports,
                functions,
                tables,
                memories,
                globals,
                exports,
                start,
                elements,
                dataCount,
                code,
                datas,
                tags,
                customs,
                functionNames);
    }

    private void header() {
        if (in.remaining() < 4) {
            throw ByteReader.errorAt("unexpected end", in.limit());
        }
        if (in.f32Bits() != MAGIC) {
            throw ByteReader.errorAt("magic header not detected", 0);
        }
        if (in.remaining() < 4) {
            throw ByteReader.errorAt("unexpected end", in.limit());
        }
        if (in.f32Bits() != VERSION) {
            throw ByteReader.errorAt("unknown binary version", 4);
        }
    }

    private void section(int id, int end) {
        switch (id) {
            case CUSTOM -> custom(end);
            case TYPE -> vector(() -> recGroups.add(typeDecoder.recGroup()));
            case IMPORT -> vector(this::importEntry);
            case FUNCTION -> vector(() -> functions.add(in.index()));
            case TABLE -> vector(this::table);
            case MEMORY -> vector(() -> memories.add(typeDecoder.memoryType()));
            case GLOBAL ->
                vector(() -> {
                    var type = typeDecoder.globalType();
                    globals.add(new Global(type, expr()));
                });
            case EXPORT -> vector(this::export);
            case START -> start = in.index();
            case ELEMENT -> vector(this::element);
            case DATA_COUNT -> dataCount = in.index();
            case CODE -> vector(this::body);
            case DATA -> vector(this::data);
            case TAG -> vector(() -> tags.add(tagType()));
            default -> throw new IllegalStateException("section id checked by caller: " + id);
        }
    }

    private void vector(Runnable entry) {
        int n = in.count();
        for (int i = 0; i < n; i++) {
            entry.run();
        }
    }

    private void custom(int end) {
        int nameStart = in.position();
        String name = in.name();
        if (in.position() > end) {
            throw ByteReader.errorAt(ByteReader.UNEXPECTED_END, nameStart);
        }
        var section = new CustomSection(name, in.position(), end - in.position());
        customs.add(section);
        if (name.equals("name")) {
            NameSection.readFunctionNames(bytes, section.dataOffset(), end, functionNames);
        }
        in.position(end);
    }

    private TagType tagType() {
        int attributeStart = in.position();
        // Spec 5.5.18: attribute 0, the only one, means "exception".
        if (in.u8() != 0) {
            throw ByteReader.errorAt("zero byte expected", attributeStart);
        }
        return new TagType(in.index());
    }

    private void importEntry() {
        String module = in.name();
        String name = in.name();
        int kindStart = in.position();
        ExternType type =
                switch (in.u8()) {
                    case 0 -> new ExternType.Func(in.index());
                    case 1 -> typeDecoder.tableType();
                    case 2 -> typeDecoder.memoryType();
                    case 3 -> typeDecoder.globalType();
                    case 4 -> tagType();
                    // Custom descriptors proposal: an exact function import.
                    case 0x20 -> {
                        if (!customDescriptors) {
                            throw ByteReader.errorAt("malformed import kind", kindStart);
                        }
                        yield new ExternType.Func(in.index(), true);
                    }
                    default -> throw ByteReader.errorAt("malformed import kind", kindStart);
                };
        imports.add(new Import(module, name, type));
    }

    private void table() {
        // Spec 5.5.7: 0x40 0x00 introduces a table with an initializer expression.
        if (in.peek() == 0x40) {
            in.u8();
            int reserved = in.position();
            if (in.u8() != 0) {
                throw ByteReader.errorAt("zero byte expected", reserved);
            }
            var type = typeDecoder.tableType();
            tables.add(new Table(type, expr()));
        } else {
            tables.add(new Table(typeDecoder.tableType(), null));
        }
    }

    private void export() {
        String name = in.name();
        int kindStart = in.position();
        ExternKind kind = ExternKind.fromCode(in.u8());
        if (kind == null) {
            throw ByteReader.errorAt("malformed export kind", kindStart);
        }
        exports.add(new Export(name, kind, in.index()));
    }

    private Expr expr() {
        int exprStart = in.position();
        int end = instructions.readExpression(exprStart, NO_OP);
        return new Expr(exprStart, end);
    }

    private void element() {
        int flagsStart = in.position();
        int flags = in.u32();
        if (flags < 0 || flags > 7) {
            throw ByteReader.errorAt("malformed elements segment kind", flagsStart);
        }
        // Spec 5.5.12: bit 0 = passive or declarative, bit 1 = explicit table (active) or
        // declarative, bit 2 = items are expressions rather than function indexes.
        boolean passiveOrDeclarative = (flags & 1) != 0;
        boolean explicitTable = (flags & 2) != 0;
        boolean expressions = (flags & 4) != 0;
        SegmentMode mode = !passiveOrDeclarative
                ? SegmentMode.ACTIVE
                : explicitTable ? SegmentMode.DECLARATIVE : SegmentMode.PASSIVE;
        int table = 0;
        Expr offset = null;
        if (mode == SegmentMode.ACTIVE) {
            if (explicitTable) {
                table = in.index();
            }
            offset = expr();
        }
        RefType type;
        if (flags == 0) {
            type = RefType.of(HeapType.Abstract.FUNC);
        } else if (flags == 4) {
            type = RefType.FUNCREF;
        } else if (expressions) {
            type = typeDecoder.refType();
        } else {
            int kindStart = in.position();
            if (in.u8() != 0) {
                throw ByteReader.errorAt("malformed element kind", kindStart);
            }
            type = RefType.of(HeapType.Abstract.FUNC);
        }
        ElementSegment.Items items;
        int n = in.count();
        if (expressions) {
            var exprs = new ArrayList<Expr>(ByteReader.initialCapacity(n));
            for (int i = 0; i < n; i++) {
                exprs.add(expr());
            }
            items = new ElementSegment.Expressions(exprs);
        } else {
            var indexes = new ArrayList<Integer>(ByteReader.initialCapacity(n));
            for (int i = 0; i < n; i++) {
                indexes.add(in.index());
            }
            items = new ElementSegment.Functions(indexes);
        }
        elements.add(new ElementSegment(mode, table, offset, type, items));
    }

    private void body() {
        int size = in.length();
        int bodyStart = in.position();
        int end = bodyStart + size;
        int groupCount = in.count();
        var groups = new ArrayList<LocalGroup>(ByteReader.initialCapacity(groupCount));
        long total = 0;
        for (int i = 0; i < groupCount; i++) {
            int countStart = in.position();
            long count = Integer.toUnsignedLong(in.u32());
            total += count;
            if (total > MAX_LOCALS) {
                throw ByteReader.errorAt("too many locals", countStart);
            }
            ValType type = typeDecoder.valType();
            groups.add(new LocalGroup((int) count, type));
        }
        int codeStart = in.position();
        int codeEnd = instructions.readExpression(codeStart, dataUse);
        if (codeEnd != end) {
            throw ByteReader.errorAt("section size mismatch", codeEnd);
        }
        code.add(new FunctionBody(groups, (int) total, codeStart, codeEnd));
    }

    private void data() {
        int flagsStart = in.position();
        int flags = in.u32();
        SegmentMode mode;
        int memory = 0;
        Expr offset = null;
        switch (flags) {
            case 0 -> {
                mode = SegmentMode.ACTIVE;
                offset = expr();
            }
            case 1 -> mode = SegmentMode.PASSIVE;
            case 2 -> {
                mode = SegmentMode.ACTIVE;
                memory = in.index();
                offset = expr();
            }
            default -> throw ByteReader.errorAt("malformed data segment kind", flagsStart);
        }
        // Unlike names, the bytes' length is not checked up front: running past the end is an
        // "unexpected end", as the testsuite expects.
        long length = Integer.toUnsignedLong(in.u32());
        int dataStart = in.position();
        if (length > in.remaining()) {
            throw ByteReader.errorAt(ByteReader.UNEXPECTED_END, in.limit());
        }
        in.skip((int) length);
        datas.add(new DataSegment(mode, memory, offset, dataStart, (int) length));
    }
}
