package dev.jwasm.wat.internal.encode;

import dev.jwasm.api.code.Opcode;
import dev.jwasm.wat.WatException;
import dev.jwasm.wat.internal.lex.NumberLiterals;
import dev.jwasm.wat.internal.lex.Token;
import dev.jwasm.wat.internal.sexpr.SExpr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Encodes instruction sequences (spec 6.5), plain and folded, to binary code (spec 5.4). Mnemonics
 * and immediate shapes come from the shared {@link Opcode} table.
 */
final class CodeEncoder {
    /**
     * Nesting of blocks and folded operands the encoder accepts. The encoder recurses once per
     * level, so a bound keeps absurd input from exhausting the JVM stack (DESIGN: no raw
     * StackOverflowError); real modules stay far below it.
     */
    static final int MAX_DEPTH = 1_000;

    private int depth;

    private final ModuleEncoder m;
    private final Space locals;
    /** Enclosing block labels, innermost last; null for unnamed blocks. */
    private final List<String> labels = new ArrayList<>();

    CodeEncoder(ModuleEncoder module, Space locals) {
        this.m = module;
        this.locals = locals;
    }

    /** Encodes all remaining items of {@code in}. */
    void instructions(In in, Bytes out) {
        sequence(in, out);
        if (!in.atEnd()) {
            throw new WatException(in.peek().pos(), "unexpected token");
        }
    }

    private static boolean isTerminator(Token t) {
        return t != null
                && t.is(Token.Kind.KEYWORD)
                && switch (t.text()) {
                    case "end", "else", "catch", "catch_all", "delegate" -> true;
                    default -> false;
                };
    }

    /** Encodes instructions until the end of {@code in} or a block terminator keyword. */
    private void sequence(In in, Bytes out) {
        while (!in.atEnd() && !isTerminator(in.peekToken())) {
            var e = in.next();
            if (e instanceof SExpr.SList l) {
                folded(l, out);
            } else {
                plain(((SExpr.Atom) e).token(), in, out);
            }
        }
    }

    /** Keywords of the module syntax that are not instructions: misplaced, they are unexpected. */
    private static final Set<String> STRUCTURAL = Set.of(
            "param", "result", "local", "type", "export", "import", "then", "do", "mut", "func", "table", "memory",
            "global", "elem", "data", "offset", "item", "declare", "start", "module", "rec", "sub", "final", "field",
            "struct", "array", "ref", "null", "tag");

    private static Opcode opcode(Token t) {
        if (!t.is(Token.Kind.KEYWORD) || STRUCTURAL.contains(t.text())) {
            throw new WatException(t.pos(), "unexpected token");
        }
        var op = Opcode.forMnemonic(t.text());
        if (op == null) {
            throw new WatException(t.pos(), "unknown operator " + t.text());
        }
        return op;
    }

    private void pushLabel(In in) {
        addLabel(in.optId(), in);
    }

    private void addLabel(String label, In in) {
        if (labels.size() >= MAX_DEPTH) {
            throw new WatException(in.here().pos(), "nesting too deep");
        }
        labels.add(label);
    }

    private void popLabel() {
        labels.removeLast();
    }

    private void plain(Token t, In in, Bytes out) {
        var op = opcode(t);
        // A plain instruction's opcode comes first: this is where a code annotation points.
        m.annotations.branch(t, m.currentFunc, out.size());
        switch (op) {
            case BLOCK, LOOP, IF -> {
                out.raw(opBytes(op));
                pushLabel(in);
                blockType(in, out);
                sequence(in, out);
                if (op == Opcode.IF && in.keyword("else")) {
                    checkEndLabel(in);
                    out.b(0x05);
                    sequence(in, out);
                }
                closeBlock(in, t);
                out.b(0x0B);
            }
            case TRY_TABLE -> {
                out.raw(opBytes(op));
                var label = in.optId();
                blockType(in, out);
                catches(in, out);
                addLabel(label, in);
                sequence(in, out);
                closeBlock(in, t);
                out.b(0x0B);
            }
            case TRY -> {
                out.raw(opBytes(op));
                pushLabel(in);
                blockType(in, out);
                sequence(in, out);
                boolean sawCatch = false;
                boolean sawCatchAll = false;
                while (in.peekKeyword("catch") || in.peekKeyword("catch_all")) {
                    if (sawCatchAll) {
                        throw new WatException(in.peek().pos(), "unexpected token: handler after catch_all");
                    }
                    sawCatch = true;
                    var c = opcode(in.token());
                    sawCatchAll = c == Opcode.CATCH_ALL;
                    out.raw(opBytes(c));
                    if (c == Opcode.CATCH) {
                        out.u32(m.tags.resolve(in.token()));
                    }
                    sequence(in, out);
                }
                if (sawCatch && in.peekKeyword("delegate")) {
                    throw new WatException(in.peek().pos(), "unexpected token: delegate after a handler");
                }
                if (in.keyword("delegate")) {
                    popLabel();
                    out.b(0x18).u32(label(in.token()));
                    return;
                }
                closeBlock(in, t);
                out.b(0x0B);
            }
            default -> out.raw(instruction(op, in, t));
        }
    }

    private void closeBlock(In in, Token opener) {
        if (!in.keyword("end")) {
            throw new WatException(in.here().pos(), "unexpected token: missing end of " + opener.text());
        }
        checkEndLabel(in);
        popLabel();
    }

    /** A label after {@code end} or {@code else} must repeat the block's own label (spec 6.5.2). */
    private void checkEndLabel(In in) {
        var t = in.peekToken();
        String id = in.optId();
        if (id != null && !id.equals(labels.getLast())) {
            throw new WatException(t.pos(), "mismatching label");
        }
    }

    private void folded(SExpr.SList l, Bytes out) {
        if (++depth > MAX_DEPTH) {
            throw new WatException(l.pos(), "nesting too deep");
        }
        try {
            foldedBody(l, out);
        } finally {
            depth--;
        }
    }

    private void foldedBody(SExpr.SList l, Bytes out) {
        var in = In.of(l, 0);
        var t = in.token();
        var op = opcode(t);
        switch (op) {
            case END, ELSE, CATCH, CATCH_ALL, DELEGATE -> throw new WatException(t.pos(), "unexpected token");
            case BLOCK, LOOP -> {
                m.annotations.branch(t, m.currentFunc, out.size());
                out.raw(opBytes(op));
                pushLabel(in);
                blockType(in, out);
                instructions(in, out);
                popLabel();
                out.b(0x0B);
            }
            case IF -> {
                var label = in.optId();
                var bt = new Bytes();
                blockType(in, bt);
                while (!in.atEnd() && !in.peekList("then")) {
                    var cond = in.next();
                    if (!(cond instanceof SExpr.SList c)) {
                        throw new WatException(cond.pos(), "unexpected token");
                    }
                    folded(c, out);
                }
                m.annotations.branch(t, m.currentFunc, out.size());
                out.raw(opBytes(op)).vec(bt);
                addLabel(label, in);
                if (!in.peekList("then")) {
                    throw new WatException(in.here().pos(), "unexpected token: expected (then ...)");
                }
                instructions(In.of(in.list(), 1), out);
                if (in.peekList("else")) {
                    out.b(0x05);
                    instructions(In.of(in.list(), 1), out);
                }
                in.end();
                popLabel();
                out.b(0x0B);
            }
            case TRY_TABLE -> {
                m.annotations.branch(t, m.currentFunc, out.size());
                out.raw(opBytes(op));
                var label = in.optId();
                blockType(in, out);
                catches(in, out);
                addLabel(label, in);
                instructions(in, out);
                popLabel();
                out.b(0x0B);
            }
            case TRY -> {
                m.annotations.branch(t, m.currentFunc, out.size());
                out.raw(opBytes(op));
                pushLabel(in);
                blockType(in, out);
                if (in.peekList("do")) {
                    instructions(In.of(in.list(), 1), out);
                }
                boolean sawCatch = false;
                boolean sawCatchAll = false;
                while (in.peekList("catch") || in.peekList("catch_all")) {
                    if (sawCatchAll) {
                        throw new WatException(in.peek().pos(), "unexpected token: handler after catch_all");
                    }
                    sawCatch = true;
                    var c = in.list();
                    sawCatchAll = "catch_all".equals(c.head());
                    var ci = In.of(c, 1);
                    if ("catch".equals(c.head())) {
                        out.b(0x07).u32(m.tags.resolve(ci.token()));
                    } else {
                        out.b(0x19);
                    }
                    instructions(ci, out);
                }
                if (in.peekList("delegate")) {
                    if (sawCatch) {
                        throw new WatException(in.peek().pos(), "unexpected token: delegate after a handler");
                    }
                    var d = In.of(in.list(), 1);
                    popLabel();
                    out.b(0x18).u32(label(d.token()));
                    d.end();
                    in.end();
                    return;
                }
                in.end();
                popLabel();
                out.b(0x0B);
            }
            default -> {
                byte[] self = instruction(op, in, t);
                while (!in.atEnd()) {
                    var operand = in.next();
                    if (!(operand instanceof SExpr.SList ol)) {
                        throw new WatException(operand.pos(), "unexpected token");
                    }
                    folded(ol, out);
                }
                m.annotations.branch(t, m.currentFunc, out.size());
                out.raw(self);
            }
        }
    }

    /** try_table catch clauses; their labels resolve outside the try_table (spec 3.3.8). */
    private void catches(In in, Bytes out) {
        var clauses = new Bytes();
        int n = 0;
        while (in.peek() instanceof SExpr.SList l
                && l.head() != null
                && l.head().startsWith("catch")) {
            in.next();
            var c = In.of(l, 1);
            switch (l.head()) {
                case "catch" -> clauses.b(0).u32(m.tags.resolve(c.token())).u32(label(c.token()));
                case "catch_ref" -> clauses.b(1).u32(m.tags.resolve(c.token())).u32(label(c.token()));
                case "catch_all" -> clauses.b(2).u32(label(c.token()));
                case "catch_all_ref" -> clauses.b(3).u32(label(c.token()));
                default -> throw new WatException(l.pos(), "unexpected token");
            }
            c.end();
            n++;
        }
        out.u32(n).vec(clauses);
    }

    private static byte[] opBytes(Opcode op) {
        var b = new Bytes();
        if (op.prefix() == 0) {
            b.b(op.code());
        } else {
            b.b(op.prefix()).u32(op.code());
        }
        return b.toArray();
    }

    /** A block type (spec 6.5.2): empty, one result, or a type use encoded as an s33 index. */
    private void blockType(In in, Bytes out) {
        if (!in.peekList("type") && !in.peekList("param")) {
            int save = in.i;
            int results = 0;
            byte[] single = null;
            while (in.peekList("result")) {
                var r = In.of(in.list(), 1);
                while (!r.atEnd()) {
                    single = m.typeEncoder.valType(r.next());
                    results++;
                }
            }
            if (results == 0) {
                out.b(0x40);
                return;
            }
            if (results == 1) {
                out.raw(single);
                return;
            }
            in.i = save;
        }
        out.s64(m.typeEncoder.typeUse(in, null, false, false));
    }

    private int label(Token t) {
        if (t.is(Token.Kind.ID)) {
            int idx = labels.lastIndexOf(t.text());
            if (idx < 0) {
                throw new WatException(t.pos(), "unknown label " + t.text());
            }
            return labels.size() - 1 - idx;
        }
        if (t.is(Token.Kind.NUMBER)) {
            return u32(t);
        }
        throw new WatException(t.pos(), "unexpected token");
    }

    private static int u32(Token t) {
        if (!t.is(Token.Kind.NUMBER)) {
            throw new WatException(t.pos(), "unexpected token");
        }
        return NumberLiterals.parseUnsigned(t.text(), 32)
                .map(Long::intValue)
                .orElseThrow(() -> new WatException(t.pos(), "constant out of range"));
    }

    /** {@code table.copy} / {@code memory.copy}: optional destination then source, each 0 by default. */
    private static void destinationAndSource(In in, Bytes imm, Space space) {
        int dst = optIndex(in, space);
        int src = optIndex(in, space);
        imm.u32(dst).u32(src);
    }

    /**
     * {@code table.init} / {@code memory.init}: the text writes the target first when it writes it
     * at all ({@code x? y}), the binary the segment first, then the target (0 by default).
     */
    private static void segmentAndTarget(In in, Bytes imm, Space segments, Space targets) {
        var first = in.token();
        if (nextIsIndex(in)) {
            imm.u32(segments.resolve(in.token())).u32(targets.resolve(first));
        } else {
            imm.u32(segments.resolve(first)).u32(0);
        }
    }

    private static int optIndex(In in, Space space) {
        return Space.isIndex(in.peekToken()) ? space.resolve(in.token()) : 0;
    }

    private static boolean nextIsIndex(In in) {
        return Space.isIndex(in.peekToken());
    }

    /** One non-block instruction: opcode (variant chosen by its immediates) and immediates. */
    private byte[] instruction(Opcode op, In in, Token at) {
        var imm = new Bytes();
        switch (op.immediates()) {
            case MEMORY_INIT, DATA, TYPE_DATA -> m.usesDataIndex = true;
            default -> {}
        }
        switch (op.immediates()) {
            case NONE -> {
                if (op == Opcode.SELECT && in.peekList("result")) {
                    var types = new Bytes();
                    int n = 0;
                    while (in.peekList("result")) {
                        var r = In.of(in.list(), 1);
                        while (!r.atEnd()) {
                            types.raw(m.typeEncoder.valType(r.next()));
                            n++;
                        }
                    }
                    op = Opcode.SELECT_TYPED;
                    imm.u32(n).vec(types);
                }
            }
            case LABEL -> imm.u32(label(in.token()));
            case LABEL_TABLE -> {
                var targets = new ArrayList<Integer>();
                while (nextIsIndex(in)) {
                    targets.add(label(in.token()));
                }
                if (targets.isEmpty()) {
                    throw new WatException(in.here().pos(), "unexpected token: br_table needs a label");
                }
                imm.u32(targets.size() - 1);
                for (int target : targets) {
                    imm.u32(target);
                }
            }
            case FUNC -> imm.u32(m.funcs.resolve(in.token()));
            case CALL_INDIRECT -> {
                int table = optIndex(in, m.tables);
                int type = m.typeEncoder.typeUse(in, null, false, false);
                imm.u32(type).u32(table);
            }
            case TYPE -> imm.u32(m.types.resolve(in.token()));
            case TAG -> imm.u32(m.tags.resolve(in.token()));
            case LOCAL -> imm.u32(locals.resolve(in.token()));
            case GLOBAL -> imm.u32(m.globals.resolve(in.token()));
            case TABLE -> imm.u32(optIndex(in, m.tables));
            case TABLE_TABLE -> destinationAndSource(in, imm, m.tables);
            case TABLE_INIT -> segmentAndTarget(in, imm, m.elems, m.tables);
            case ELEM -> imm.u32(m.elems.resolve(in.token()));
            case MEMORY -> imm.u32(optIndex(in, m.memories));
            case MEMORY_MEMORY -> destinationAndSource(in, imm, m.memories);
            case MEMORY_INIT -> segmentAndTarget(in, imm, m.datas, m.memories);
            case DATA -> imm.u32(m.datas.resolve(in.token()));
            case MEMARG -> memarg(op, in, imm, false);
            case MEMARG_LANE -> memarg(op, in, imm, true);
            case LANE -> imm.b(lane(in.token()));
            case SHUFFLE -> {
                for (int i = 0; i < 16; i++) {
                    if (!in.peekKind(Token.Kind.NUMBER)) {
                        throw new WatException(in.here().pos(), "invalid lane length");
                    }
                    var lt = in.token();
                    if (!NumberLiterals.isUnsignedInt(lt.text())) {
                        throw new WatException(lt.pos(), "i8 constant out of range");
                    }
                    imm.b(lane(lt));
                }
                if (in.peekKind(Token.Kind.NUMBER)) {
                    throw new WatException(in.here().pos(), "invalid lane length");
                }
            }
            case I32 -> imm.s64((int) intLit(in.token(), 32));
            case I64 -> imm.s64(intLit(in.token(), 64));
            case F32 -> imm.le32(f32(in.token()));
            case F64 -> imm.le64(f64(in.token()));
            case V128 -> v128(in, imm);
            case HEAP_TYPE -> imm.raw(m.typeEncoder.heapType(in.next()));
            case REF_TYPE -> {
                byte[] rt = m.typeEncoder.refType(in.next());
                if (TypeEncoder.nullable(rt)) {
                    op = switch (op) {
                        case REF_TEST -> Opcode.REF_TEST_NULL;
                        case REF_CAST_DESC_EQ -> Opcode.REF_CAST_DESC_EQ_NULL;
                        default -> Opcode.REF_CAST_NULL;
                    };
                }
                imm.raw(heapOf(rt));
            }
            case SELECT_TYPES -> throw new WatException(at.pos(), "unknown operator");
            case TYPE_FIELD -> {
                int type = m.types.resolve(in.token());
                var fieldTok = in.token();
                var fields = m.fieldNames.get(type);
                int field = fieldTok.is(Token.Kind.ID) && fields != null ? fields.resolve(fieldTok) : u32(fieldTok);
                imm.u32(type).u32(field);
            }
            case TYPE_TYPE -> imm.u32(m.types.resolve(in.token())).u32(m.types.resolve(in.token()));
            case TYPE_LENGTH -> imm.u32(m.types.resolve(in.token())).u32(u32(in.token()));
            case TYPE_DATA -> imm.u32(m.types.resolve(in.token())).u32(m.datas.resolve(in.token()));
            case TYPE_ELEM -> imm.u32(m.types.resolve(in.token())).u32(m.elems.resolve(in.token()));
            case BR_ON_CAST -> {
                int label = label(in.token());
                byte[] from = m.typeEncoder.refType(in.next());
                byte[] to = m.typeEncoder.refType(in.next());
                int flags = (TypeEncoder.nullable(from) ? 1 : 0) | (TypeEncoder.nullable(to) ? 2 : 0);
                imm.b(flags).u32(label).raw(heapOf(from)).raw(heapOf(to));
            }
            case ATOMIC_FENCE -> imm.b(0);
            case BLOCK_TYPE, TRY_TABLE -> throw new WatException(at.pos(), "unexpected token");
        }
        return new Bytes().raw(opBytes(op)).vec(imm).toArray();
    }

    /** The heap type inside an encoded reference type: shorthands are their own heap type byte. */
    private static byte[] heapOf(byte[] refType) {
        if (refType[0] == 0x63 || refType[0] == 0x64) {
            return Arrays.copyOfRange(refType, 1, refType.length);
        }
        return refType;
    }

    private static int lane(Token t) {
        if (!t.is(Token.Kind.NUMBER) || !NumberLiterals.isUnsignedInt(t.text())) {
            throw new WatException(t.pos(), "unexpected token");
        }
        long v = NumberLiterals.parseUnsigned(t.text(), 8)
                .orElseThrow(() -> new WatException(t.pos(), "i8 constant out of range"));
        return (int) v;
    }

    /** memidx? offset=? align=? (spec 6.5.6); bit 6 of the flags announces a memory index. */
    private void memarg(Opcode op, In in, Bytes imm, boolean lane) {
        int mem = 0;
        var t = in.peekToken();
        if (t != null && t.is(Token.Kind.ID)) {
            mem = m.memories.resolve(in.token());
        } else if (t != null && t.is(Token.Kind.NUMBER) && (!lane || laneFollowsIndex(in))) {
            mem = m.memories.resolve(in.token());
        }
        long offset = 0;
        int alignLog2 = Integer.numberOfTrailingZeros(op.accessBytes());
        if (in.peekToken() != null && in.peekToken().text().startsWith("offset=")) {
            var o = in.token();
            String v = o.text().substring(7);
            // An offset beyond a 32-bit memory's range is a validation error (spec 3.3.7), so read u64.
            offset = NumberLiterals.parseUnsigned(v, 64)
                    .orElseThrow(() -> new WatException(o.pos(), "offset out of range"));
        }
        if (in.peekToken() != null && in.peekToken().text().startsWith("align=")) {
            var a = in.token();
            long align = NumberLiterals.parseUnsigned(a.text().substring(6), 64)
                    .orElseThrow(() -> new WatException(a.pos(), "malformed memop alignment"));
            if (Long.bitCount(align) != 1) {
                throw new WatException(a.pos(), "alignment must be a power of two");
            }
            alignLog2 = Long.numberOfTrailingZeros(align);
        }
        if (mem != 0) {
            imm.u32(alignLog2 | 0x40).u32(mem);
        } else {
            imm.u32(alignLog2);
        }
        imm.u64(offset);
        if (lane) {
            imm.b(lane(in.token()));
        }
    }

    /** For lane memory ops, a leading number is a memory index only if more immediates follow it. */
    private static boolean laneFollowsIndex(In in) {
        if (in.i + 1 >= in.items.size()) {
            return false;
        }
        return in.items.get(in.i + 1) instanceof SExpr.Atom(var next)
                && (next.is(Token.Kind.NUMBER)
                        || next.text().startsWith("offset=")
                        || next.text().startsWith("align="));
    }

    /**
     * A constant's operand must be a number. A keyword there means the constant ended early and
     * the next operator was read as its operand ("unknown operator"); the script-only NaN patterns
     * and anything else are "unexpected token", as the spec tests expect.
     */
    private static void requireNumber(Token t) {
        if (!t.is(Token.Kind.NUMBER)) {
            throw new WatException(
                    t.pos(),
                    t.is(Token.Kind.KEYWORD)
                                    && !t.text().equals("nan:canonical")
                                    && !t.text().equals("nan:arithmetic")
                            ? "unknown operator"
                            : "unexpected token");
        }
    }

    private static long intLit(Token t, int bits) {
        requireNumber(t);
        return NumberLiterals.parseInt(t.text(), bits)
                .orElseThrow(() -> new WatException(t.pos(), "constant out of range"));
    }

    private static int f32(Token t) {
        requireNumber(t);
        return NumberLiterals.parseF32(t.text()).orElseThrow(() -> new WatException(t.pos(), "constant out of range"));
    }

    private static long f64(Token t) {
        requireNumber(t);
        return NumberLiterals.parseF64(t.text()).orElseThrow(() -> new WatException(t.pos(), "constant out of range"));
    }

    /** {@code v128.const shape lane*} (spec 6.5.7) as 16 little-endian bytes. */
    private static void v128(In in, Bytes imm) {
        var shape = in.token();
        int lanes =
                switch (shape.text()) {
                    case "i8x16" -> 16;
                    case "i16x8" -> 8;
                    case "i32x4", "f32x4" -> 4;
                    case "i64x2", "f64x2" -> 2;
                    default ->
                        throw new WatException(shape.pos(), "unexpected token: unknown vector shape " + shape.text());
                };
        int available = 0;
        while (in.i + available < in.items.size()
                && in.items.get(in.i + available) instanceof SExpr.Atom(var lit)
                && (lit.is(Token.Kind.NUMBER) || lit.is(Token.Kind.KEYWORD))) {
            available++;
        }
        if (available != lanes) {
            throw new WatException(shape.pos(), "wrong number of lane literals");
        }
        switch (shape.text()) {
            case "i8x16" -> {
                for (int i = 0; i < 16; i++) {
                    imm.b((int) intLit(in.token(), 8));
                }
            }
            case "i16x8" -> {
                for (int i = 0; i < 8; i++) {
                    long v = intLit(in.token(), 16);
                    imm.b((int) v).b((int) (v >>> 8));
                }
            }
            case "i32x4" -> {
                for (int i = 0; i < 4; i++) {
                    imm.le32((int) intLit(in.token(), 32));
                }
            }
            case "i64x2" -> {
                for (int i = 0; i < 2; i++) {
                    imm.le64(intLit(in.token(), 64));
                }
            }
            case "f32x4" -> {
                for (int i = 0; i < 4; i++) {
                    imm.le32(f32(in.token()));
                }
            }
            case "f64x2" -> {
                for (int i = 0; i < 2; i++) {
                    imm.le64(f64(in.token()));
                }
            }
            default -> throw new WatException(shape.pos(), "unexpected token: unknown vector shape " + shape.text());
        }
    }
}
