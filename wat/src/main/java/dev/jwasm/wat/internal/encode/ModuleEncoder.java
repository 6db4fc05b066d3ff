package dev.jwasm.wat.internal.encode;

import dev.jwasm.api.Feature;
import dev.jwasm.api.Features;
import dev.jwasm.wat.WatException;
import dev.jwasm.wat.internal.lex.Lexer;
import dev.jwasm.wat.internal.lex.NumberLiterals;
import dev.jwasm.wat.internal.lex.Token;
import dev.jwasm.wat.internal.sexpr.SExpr;
import dev.jwasm.wat.internal.sexpr.SExprReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Encodes one text-format module (spec 6.6) to the binary format (spec 5.5). A first pass binds
 * every identifier to its index (imports first in each space, spec 6.6.1), a second pass encodes.
 */
public final class ModuleEncoder {
    final Space types = new Space("type");
    final Space funcs = new Space("func");
    final Space tables = new Space("table");
    final Space memories = new Space("memory");
    final Space globals = new Space("global");
    final Space tags = new Space("tag");
    final Space elems = new Space("elem");
    final Space datas = new Space("data");
    /** Field names per type index, for struct.get and friends. */
    final Map<Integer, Space> fieldNames = new HashMap<>();
    /** Encoded func type (0x60 ...) to index, for types usable by implicit type uses (spec 6.6.3). */
    private final Map<String, Integer> plainFuncTypes = new HashMap<>();
    /** Parameter count of each func type, for local indexing. */
    final Map<Integer, Integer> paramCounts = new HashMap<>();
    /** Encoded func types by index, to check a type use's inline signature against (spec 6.6.3). */
    final Map<Integer, byte[]> funcTypeBytes = new HashMap<>();

    private final List<byte[]> implicitTypes = new ArrayList<>();
    /** Set when code uses a data index (memory.init, data.drop, array.new_data, ...). */
    boolean usesDataIndex;

    final TypeEncoder typeEncoder = new TypeEncoder(this);

    private final Bytes typeSec = new Bytes();
    private int typeCount;
    private final Bytes importSec = new Bytes();
    private int importCount;
    private final Bytes funcSec = new Bytes();
    private int funcCount;
    private final Bytes tableSec = new Bytes();
    private int tableCount;
    private final Bytes memSec = new Bytes();
    private int memCount;
    private final Bytes tagSec = new Bytes();
    private int tagCount;
    private final Bytes globalSec = new Bytes();
    private int globalCount;
    private final Bytes exportSec = new Bytes();
    private int exportCount;
    private Bytes startSec;
    private final Bytes codeSec = new Bytes();
    private int codeCount;

    private final SegmentEncoder segments = new SegmentEncoder(this);

    private final Features features;
    /** The module's custom-section annotations; set before the fields are encoded. */
    Annotations annotations;
    /** The index of the function whose body is being encoded. */
    int currentFunc;

    private ModuleEncoder(Features features) {
        this.features = features;
    }

    /** Encodes {@code source}: one {@code (module ...)} or a bare sequence of module fields. */
    public static byte[] encode(String source) {
        return encode(source, Features.defaults());
    }

    /**
     * Encodes {@code source} as a parser for {@code features} does: without memory64, a memory's
     * limits are u32 in the text, as they were before it.
     */
    public static byte[] encode(String source, Features features) {
        var lexed = Lexer.lex(source);
        rejectReservedTokens(lexed.tokens());
        var top = SExprReader.read(source);
        List<SExpr> fields;
        SExpr owner;
        if (top.size() == 1 && top.getFirst() instanceof SExpr.SList m && "module".equals(m.head())) {
            var in = In.of(m, 1);
            // A script's (module definition ...) is encoded like a plain module.
            in.keyword("definition");
            in.optId();
            if (in.peekKeyword("binary") || in.peekKeyword("quote")) {
                throw new WatException(m.pos(), "unexpected token: script module form in a .wat file");
            }
            fields = m.items().subList(in.i, m.items().size());
            owner = m;
        } else {
            fields = top;
            owner = top.isEmpty() ? null : top.getFirst();
        }
        var enc = new ModuleEncoder(features);
        var lists = new ArrayList<SExpr.SList>();
        for (var f : fields) {
            if (!(f instanceof SExpr.SList l) || l.head() == null) {
                throw new WatException(f.pos(), "unexpected token");
            }
            lists.add(l);
        }
        enc.annotations = new Annotations(lexed.annotations(), lexed.tokens(), lists);
        enc.bind(lists);
        enc.emit(lists);
        enc.annotations.checkNamesClaimed();
        return enc.assemble(owner);
    }

    /**
     * The reference lexer turns every token that is not a known keyword, number, string, id or
     * parenthesis into "unknown operator", so a reserved token anywhere makes the module malformed.
     */
    private static void rejectReservedTokens(List<Token> tokens) {
        for (var t : tokens) {
            if (t.is(Token.Kind.RESERVED)) {
                throw new WatException(t.pos(), t.text().equals("$") ? "empty identifier" : "unknown operator");
            }
            if (t.is(Token.Kind.KEYWORD)
                    && (t.text().startsWith("offset=") || t.text().startsWith("align="))) {
                String value = t.text().substring(t.text().indexOf('=') + 1);
                if (!NumberLiterals.isUnsignedInt(value)) {
                    throw new WatException(t.pos(), "unknown operator");
                }
            }
        }
    }

    /** The first token of a list, which must be a keyword such as {@code func}. */
    static Token headToken(SExpr.SList l) {
        if (!l.items().isEmpty() && l.items().getFirst() instanceof SExpr.Atom(var t)) {
            return t;
        }
        throw new WatException(l.pos(), "unexpected token");
    }

    static WatException err(SExpr at, String reason) {
        return new WatException(at.pos(), reason);
    }

    private static boolean isImport(SExpr.SList l) {
        if ("import".equals(l.head())) {
            return true;
        }
        var in = In.of(l, 1);
        in.optId();
        while (in.peekList("export")) {
            in.next();
        }
        return in.peekList("import");
    }

    // ---- pass 1: bind identifiers -------------------------------------------------------------

    private void bind(List<SExpr.SList> fields) {
        for (var f : fields) {
            switch (f.head()) {
                case "type" -> bindType(f);
                case "rec" -> {
                    var in = In.of(f, 1);
                    while (!in.atEnd()) {
                        bindType(in.list());
                    }
                }
                default -> {}
            }
        }
        // Imports take the lowest indices of each space (spec 6.6.1, text order within).
        String definedKind = null;
        for (var f : fields) {
            if (isImport(f)) {
                if (definedKind != null) {
                    // Imports precede definitions in the text format too (spec 6.6.13).
                    throw err(f, "import after " + definedKind);
                }
                bindEntity(f);
            } else {
                definedKind = switch (f.head()) {
                    case "func" -> "function";
                    case "table", "memory", "global", "tag" -> f.head();
                    default -> definedKind;
                };
            }
        }
        for (var f : fields) {
            if (!isImport(f)) {
                bindEntity(f);
            }
        }
    }

    private void bindType(SExpr.SList t) {
        if (!"type".equals(t.head())) {
            throw err(t, "unexpected token");
        }
        var in = In.of(t, 1);
        var idTok = in.peekToken();
        String id = in.optId();
        int index = types.add(id, idTok != null ? idTok : headToken(t));
        var fields = new Space("field");
        fieldNames.put(index, fields);
        var def = in.list();
        var comp = def;
        if ("sub".equals(def.head())) {
            var s = In.of(def, 1);
            s.keyword("final");
            while (Space.isIndex(s.peekToken())) {
                s.next();
            }
            comp = s.list();
        }
        if ("struct".equals(comp.head())) {
            var s = In.of(comp, 1);
            while (!s.atEnd()) {
                var field = s.list();
                var fin = In.of(field, 1);
                var at = fin.peekToken();
                String fid = fin.optId();
                if (fid != null) {
                    fields.add(fid, at);
                } else {
                    while (!fin.atEnd()) {
                        fin.next();
                        fields.add(null, null);
                    }
                }
            }
        }
    }

    private void bindEntity(SExpr.SList f) {
        String head = f.head();
        SExpr.SList target = f;
        In in;
        if ("import".equals(head)) {
            in = In.of(f, 1);
            in.token();
            in.token();
            target = in.list();
            head = target.head();
        }
        in = In.of(target, 1);
        var at = in.peekToken() != null ? in.peekToken() : headToken(target);
        String id = in.optId();
        switch (head == null ? "" : head) {
            case "func" -> funcs.add(id, at);
            case "table" -> tables.add(id, at);
            case "memory" -> memories.add(id, at);
            case "global" -> globals.add(id, at);
            case "tag" -> tags.add(id, at);
            case "elem" -> elems.add(id, at);
            case "data" -> datas.add(id, at);
            case "type", "rec", "export", "start" -> {}
            default -> throw err(target, "unexpected token: unknown module field " + head);
        }
        if ("table".equals(head) && containsList(target, "elem")) {
            elems.add(null, at); // the segment of an inline (elem ...) abbreviation (spec 6.6.8)
        }
        if ("memory".equals(head) && containsList(target, "data")) {
            datas.add(null, at);
        }
    }

    private static boolean containsList(SExpr.SList l, String head) {
        return l.items().stream().anyMatch(e -> e instanceof SExpr.SList s && head.equals(s.head()));
    }

    // ---- pass 2: encode -----------------------------------------------------------------------

    private void emit(List<SExpr.SList> fields) {
        int funcIndex = 0;
        int tableIndex = 0;
        int memIndex = 0;
        int globalIndex = 0;
        int tagIndex = 0;
        int typeIndex = 0;
        for (var f : fields) {
            if (f.head().equals("type")) {
                typeSec.raw(typeEncoder.subType(f, typeIndex, true));
                typeIndex++;
                typeCount++;
            } else if (f.head().equals("rec")) {
                var in = In.of(f, 1);
                var group = new Bytes();
                int n = 0;
                while (!in.atEnd()) {
                    group.raw(typeEncoder.subType(in.list(), typeIndex++, false));
                    n++;
                }
                typeSec.b(0x4E).u32(n).vec(group);
                typeCount++;
            }
        }
        // Imports first, mirroring the index assignment of pass 1.
        for (var f : fields) {
            if (isImport(f)) {
                switch (importKind(f)) {
                    case "func" -> emitFunc(f, funcIndex++);
                    case "table" -> emitTable(f, tableIndex++);
                    case "memory" -> emitMemory(f, memIndex++);
                    case "global" -> emitGlobal(f, globalIndex++);
                    case "tag" -> emitTag(f, tagIndex++);
                    default -> throw err(f, "unexpected token");
                }
            }
        }
        for (var f : fields) {
            if (isImport(f)) {
                continue;
            }
            switch (f.head()) {
                case "func" -> emitFunc(f, funcIndex++);
                case "table" -> emitTable(f, tableIndex++);
                case "memory" -> emitMemory(f, memIndex++);
                case "global" -> emitGlobal(f, globalIndex++);
                case "tag" -> emitTag(f, tagIndex++);
                case "export" -> emitExport(f);
                case "start" -> {
                    if (startSec != null) {
                        throw err(f, "multiple start sections");
                    }
                    var in = In.of(f, 1);
                    startSec = new Bytes().u32(funcs.resolve(in.token()));
                    in.end();
                }
                case "elem" -> segments.emitElem(f);
                case "data" -> segments.emitData(f);
                default -> {}
            }
        }
    }

    private static String importKind(SExpr.SList f) {
        if ("import".equals(f.head())) {
            var in = In.of(f, 3);
            String head = in.list().head();
            return head == null ? "" : head;
        }
        return f.head();
    }

    /** For an import field {@code (import "m" "n" (kind ...))} returns the inner list and writes the names. */
    private SExpr.SList importHeader(SExpr.SList f, int kind) {
        if ("import".equals(f.head())) {
            var in = In.of(f, 1);
            importSec.nameBytes(name(in.token())).nameBytes(name(in.token()));
            var desc = in.list();
            in.end();
            importSec.b(kind);
            importCount++;
            return desc;
        }
        return null;
    }

    /** A name (import, export): a string that must be valid UTF-8 (spec 6.3.4). */
    static byte[] name(Token t) {
        byte[] bytes = string(t);
        Lexer.checkUtf8(bytes, t.pos());
        return bytes;
    }

    static byte[] string(Token t) {
        if (!t.is(Token.Kind.STRING)) {
            throw new WatException(t.pos(), "unexpected token: expected a string");
        }
        return t.bytes();
    }

    /** Reads inline {@code (export "n")*} and an inline {@code (import "m" "n")}; true if imported. */
    private boolean inlineExportsImport(In in, int kind, int index) {
        return inlineExportsImport(in, kind, index, kind);
    }

    /** As above, with the import kind byte given apart (an exact function import is 0x20). */
    private boolean inlineExportsImport(In in, int kind, int index, int importKind) {
        while (in.peekList("export")) {
            var e = In.of(in.list(), 1);
            exportSec.nameBytes(name(e.token())).b(kind).u32(index);
            exportCount++;
            e.end();
        }
        if (in.peekList("import")) {
            var im = In.of(in.list(), 1);
            importSec.nameBytes(name(im.token())).nameBytes(name(im.token())).b(importKind);
            importCount++;
            im.end();
            return true;
        }
        return false;
    }

    private void emitFunc(SExpr.SList f, int index) {
        // Custom descriptors: an imported function's type use may be wrapped in (exact ...).
        boolean exact = "import".equals(f.head())
                ? f.items().size() > 3 && f.items().get(3) instanceof SExpr.SList d && containsList(d, "exact")
                : containsList(f, "exact");
        int importKind = exact ? 0x20 : 0;
        var desc = importHeader(f, importKind);
        annotations.entity(Annotations.FUNC_NAMES, desc != null ? desc : f, index);
        currentFunc = index;
        var in = In.of(desc != null ? desc : f, 1);
        in.optId();
        boolean imported = desc != null || inlineExportsImport(in, 0, index, importKind);
        var locals = new Space("local");
        int type;
        if (imported && in.peekList("exact")) {
            var use = In.of(in.list(), 1);
            type = typeEncoder.typeUse(use, locals, true);
            use.end();
        } else {
            type = typeEncoder.typeUse(in, locals, true);
        }
        if (imported) {
            importSec.u32(type);
            in.end();
            return;
        }
        funcSec.u32(type);
        funcCount++;
        localNames(desc != null ? desc : f, index, locals.count());
        var localTypes = new ArrayList<byte[]>();
        while (in.peekList("local")) {
            var l = In.of(in.list(), 1);
            var at = l.peekToken();
            String id = l.optId();
            if (id != null) {
                locals.add(id, at);
                localTypes.add(typeEncoder.valType(l.next()));
                l.end();
            } else {
                while (!l.atEnd()) {
                    locals.add(null, null);
                    localTypes.add(typeEncoder.valType(l.next()));
                }
            }
        }
        var body = new Bytes();
        // Runs of equal local types compress to (count, type) pairs (spec 5.5.13).
        var runs = new Bytes();
        int runCount = 0;
        for (int i = 0; i < localTypes.size(); ) {
            int j = i;
            while (j < localTypes.size() && Arrays.equals(localTypes.get(j), localTypes.get(i))) {
                j++;
            }
            runs.u32(j - i).raw(localTypes.get(i));
            runCount++;
            i = j;
        }
        body.u32(runCount).vec(runs);
        new CodeEncoder(this, locals).instructions(in, body);
        body.b(0x0B);
        codeSec.u32(body.size()).vec(body);
        codeCount++;
    }

    /**
     * Claims the {@code @name} annotations of {@code (param $x? ...)} and {@code (local $x? ...)}
     * declarations of one local each; a list of several types declares one local per type.
     */
    private void localNames(SExpr.SList func, int funcIndex, int params) {
        int param = 0;
        int local = params;
        for (var item : func.items()) {
            if (item instanceof SExpr.SList l && ("param".equals(l.head()) || "local".equals(l.head()))) {
                boolean isParam = "param".equals(l.head());
                boolean named =
                        l.items().size() > 1 && l.items().get(1) instanceof SExpr.Atom(var t) && t.is(Token.Kind.ID);
                int count = named ? 1 : l.items().size() - 1;
                if (count == 1) {
                    annotations.local(l, funcIndex, isParam ? param : local);
                }
                if (isParam) {
                    param += count;
                } else {
                    local += count;
                }
            }
        }
    }

    private void emitTable(SExpr.SList f, int index) {
        var desc = importHeader(f, 1);
        annotations.entity(Annotations.TABLE_NAMES, desc != null ? desc : f, index);
        var in = In.of(desc != null ? desc : f, 1);
        in.optId();
        boolean imported = desc != null || inlineExportsImport(in, 1, index);
        if (imported) {
            importSec.raw(tableType(in));
            in.end();
            return;
        }
        tableCount++;
        int save = in.i;
        boolean is64 = in.keyword("i64");
        if (!is64) {
            in.keyword("i32");
        }
        if (!in.peekKind(Token.Kind.NUMBER)) {
            // (table addr? reftype (elem ...)): size from the element count (spec 6.6.6 abbreviation).
            byte[] ref = typeEncoder.refType(in.next());
            var elemList = in.list();
            if (!"elem".equals(elemList.head())) {
                throw err(elemList, "unexpected token");
            }
            in.end();
            var items = In.of(elemList, 1);
            var seg = new Bytes();
            int n = segments.elemItems(items, seg, ref, true);
            tableSec.raw(ref).b(is64 ? 0x05 : 0x01).u64(n).u64(n);
            // Active segment, explicit table, expressions (flag 6).
            segments.elemSec
                    .b(0x06)
                    .u32(index)
                    .raw(SegmentEncoder.constExpr(is64 ? "i64" : "i32"))
                    .raw(ref)
                    .u32(n)
                    .vec(seg);
            segments.elemCount++;
            return;
        }
        in.i = save;
        byte[] tt = tableType(in);
        if (!in.atEnd()) {
            var init = new Bytes();
            new CodeEncoder(this, new Space("local")).instructions(in, init);
            init.b(0x0B);
            tableSec.b(0x40).b(0x00).raw(tt).vec(init);
        } else {
            tableSec.raw(tt);
        }
    }

    private byte[] tableType(In in) {
        boolean is64 = in.keyword("i64");
        if (!is64) {
            in.keyword("i32");
        }
        var limits = limits(in, is64, false);
        byte[] ref = typeEncoder.refType(in.next());
        return new Bytes().raw(ref).raw(limits).toArray();
    }

    /** Limits (spec 5.3.7): flags bit 0 max, bit 1 shared, bit 2 64-bit, bit 3 custom page size. */
    private byte[] limits(In in, boolean is64, boolean memory) {
        boolean u32 = memory && !is64 && !features.has(Feature.MEMORY64);
        long min = limit(in.token(), u32);
        Long max = null;
        if (in.peekKind(Token.Kind.NUMBER)) {
            max = limit(in.token(), u32);
        }
        boolean shared = memory && in.keyword("shared");
        if (memory && !shared) {
            in.keyword("unshared");
        }
        Integer pageLog2 = null;
        if (memory && in.peekList("pagesize")) {
            var p = In.of(in.list(), 1);
            pageLog2 = Long.numberOfTrailingZeros(pageSize(p.token()));
        }
        int flags = (max != null ? 1 : 0) | (shared ? 2 : 0) | (is64 ? 4 : 0) | (pageLog2 != null ? 8 : 0);
        var b = new Bytes().b(flags).u64(min);
        if (max != null) {
            b.u64(max);
        }
        if (pageLog2 != null) {
            b.u32(pageLog2);
        }
        return b.toArray();
    }

    /** A custom page size (custom-page-sizes proposal): a power of two. */
    private static long pageSize(Token t) {
        long size = NumberLiterals.parseUnsigned(t.text(), 64)
                .orElseThrow(() -> new WatException(t.pos(), "constant out of range"));
        if (Long.bitCount(size) != 1) {
            throw new WatException(t.pos(), "invalid custom page size");
        }
        return size;
    }

    private static long limit(Token t, boolean u32) {
        if (!t.is(Token.Kind.NUMBER)) {
            throw new WatException(t.pos(), "unexpected token");
        }
        if (u32) {
            return NumberLiterals.parseUnsigned(t.text(), 32)
                    .orElseThrow(() -> new WatException(t.pos(), "i32 constant out of range"));
        }
        // Sizes beyond the address type are a validation error (spec 3.2.4), not a syntax error.
        return NumberLiterals.parseUnsigned(t.text(), 64)
                .orElseThrow(() -> new WatException(t.pos(), "i64 constant out of range"));
    }

    private void emitMemory(SExpr.SList f, int index) {
        var desc = importHeader(f, 2);
        var in = In.of(desc != null ? desc : f, 1);
        in.optId();
        boolean imported = desc != null || inlineExportsImport(in, 2, index);
        boolean is64 = in.keyword("i64");
        if (!is64) {
            in.keyword("i32");
        }
        int save = in.i;
        long pageSize = 65536;
        boolean customPage = false;
        if (!imported && in.peekList("pagesize")) {
            var p = In.of(in.list(), 1);
            pageSize = pageSize(p.token());
            customPage = true;
        }
        if (!imported && in.peekList("data")) {
            // (memory addr? (data str*)): min = max = pages needed (spec 6.6.7 abbreviation).
            var data = In.of(in.list(), 1);
            in.end();
            var bytes = new Bytes();
            while (!data.atEnd()) {
                bytes.raw(string(data.token()));
            }
            long pages = (bytes.size() + pageSize - 1) / pageSize;
            memSec.b((is64 ? 0x05 : 0x01) | (customPage ? 0x08 : 0)).u64(pages).u64(pages);
            if (customPage) {
                memSec.u32(Long.numberOfTrailingZeros(pageSize));
            }
            memCount++;
            // The inline segment belongs to this memory: flag 0 only names memory 0, any other
            // index needs flag 2 with an explicit memidx (spec 5.5.12).
            if (index == 0) {
                segments.dataSec.b(0x00);
            } else {
                segments.dataSec.b(0x02).u32(index);
            }
            segments.dataSec
                    .raw(SegmentEncoder.constExpr(is64 ? "i64" : "i32"))
                    .u32(bytes.size())
                    .vec(bytes);
            segments.dataCount++;
            return;
        }
        in.i = save;
        byte[] lim = limits(in, is64, true);
        in.end();
        if (imported) {
            importSec.raw(lim);
        } else {
            memSec.raw(lim);
            memCount++;
        }
    }

    private void emitGlobal(SExpr.SList f, int index) {
        var desc = importHeader(f, 3);
        annotations.entity(Annotations.GLOBAL_NAMES, desc != null ? desc : f, index);
        var in = In.of(desc != null ? desc : f, 1);
        in.optId();
        boolean imported = desc != null || inlineExportsImport(in, 3, index);
        var gt = new Bytes();
        if (in.peekList("mut")) {
            var m = In.of(in.list(), 1);
            gt.raw(typeEncoder.valType(m.next())).b(1);
            m.end();
        } else {
            gt.raw(typeEncoder.valType(in.next())).b(0);
        }
        if (imported) {
            importSec.vec(gt);
            in.end();
            return;
        }
        globalSec.vec(gt);
        new CodeEncoder(this, new Space("local")).instructions(in, globalSec);
        globalSec.b(0x0B);
        globalCount++;
    }

    private void emitTag(SExpr.SList f, int index) {
        var desc = importHeader(f, 4);
        annotations.entity(Annotations.TAG_NAMES, desc != null ? desc : f, index);
        var in = In.of(desc != null ? desc : f, 1);
        in.optId();
        boolean imported = desc != null || inlineExportsImport(in, 4, index);
        int type = typeEncoder.typeUse(in, new Space("local"), false);
        in.end();
        (imported ? importSec : tagSec).b(0x00).u32(type);
        if (!imported) {
            tagCount++;
        }
    }

    private void emitExport(SExpr.SList f) {
        var in = In.of(f, 1);
        byte[] name = name(in.token());
        var desc = In.of(in.list(), 1);
        in.end();
        var d = (SExpr.SList) desc.owner;
        int kind;
        Space space;
        switch (d.head() == null ? "" : d.head()) {
            case "func" -> {
                kind = 0;
                space = funcs;
            }
            case "table" -> {
                kind = 1;
                space = tables;
            }
            case "memory" -> {
                kind = 2;
                space = memories;
            }
            case "global" -> {
                kind = 3;
                space = globals;
            }
            case "tag" -> {
                kind = 4;
                space = tags;
            }
            default -> throw err(d, "unexpected token");
        }
        exportSec.nameBytes(name).b(kind).u32(space.resolve(desc.token()));
        desc.end();
        exportCount++;
    }

    /** The type index for an implicit or explicit function type, adding one if needed (spec 6.6.3). */
    int funcTypeIndex(byte[] encodedFuncType, int params) {
        String key = HexFormat.of().formatHex(encodedFuncType);
        Integer found = plainFuncTypes.get(key);
        if (found != null) {
            return found;
        }
        int index = types.count() + implicitTypes.size();
        implicitTypes.add(encodedFuncType);
        plainFuncTypes.put(key, index);
        paramCounts.put(index, params);
        return index;
    }

    /** Records a defined type that implicit type uses may reuse: a final func type alone in its group. */
    void registerPlainFuncType(int index, byte[] encoded) {
        plainFuncTypes.putIfAbsent(HexFormat.of().formatHex(encoded), index);
    }

    private byte[] assemble(SExpr owner) {
        for (var t : implicitTypes) {
            typeSec.raw(t);
            typeCount++;
        }
        var out = new Bytes().raw(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        annotations.customs(out, true, 0);
        section(out, 1, typeCount, typeSec);
        section(out, 2, importCount, importSec);
        section(out, 3, funcCount, funcSec);
        section(out, 4, tableCount, tableSec);
        section(out, 5, memCount, memSec);
        section(out, 13, tagCount, tagSec);
        section(out, 6, globalCount, globalSec);
        section(out, 7, exportCount, exportSec);
        if (startSec != null) {
            placed(out, 8, () -> out.b(8).u32(startSec.size()).vec(startSec));
        } else {
            placed(out, 8, () -> {});
        }
        section(out, 9, segments.elemCount, segments.elemSec);
        // The data count section lets code refer to data segments before the data section (5.5.15).
        boolean dataCount = segments.dataCount > 0 || usesDataIndex;
        placed(out, 12, () -> {
            if (dataCount) {
                var dc = new Bytes().u32(segments.dataCount);
                out.b(12).u32(dc.size()).vec(dc);
            }
        });
        // Branch hints precede the code they describe (branch-hinting proposal).
        annotations.branchHintSection(out);
        section(out, 10, codeCount, codeSec);
        section(out, 11, segments.dataCount, segments.dataSec);
        annotations.nameSection(out);
        annotations.customs(out, false, 0);
        return out.toArray();
    }

    /** Writes a section with the custom sections annotated to go before and after it. */
    private void placed(Bytes out, int id, Runnable section) {
        annotations.customs(out, true, id);
        section.run();
        annotations.customs(out, false, id);
    }

    private void section(Bytes out, int id, int count, Bytes body) {
        placed(out, id, () -> {
            if (count > 0) {
                var content = new Bytes().u32(count).vec(body);
                out.b(id).u32(content.size()).vec(content);
            }
        });
    }
}
