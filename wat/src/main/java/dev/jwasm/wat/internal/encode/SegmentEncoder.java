package dev.jwasm.wat.internal.encode;

import dev.jwasm.wat.internal.sexpr.SExpr;
import java.util.List;

/** Element and data segments (spec 6.6.8, 6.6.9) and their sections. */
final class SegmentEncoder {
    private final ModuleEncoder m;
    final Bytes elemSec = new Bytes();
    int elemCount;
    final Bytes dataSec = new Bytes();
    int dataCount;

    SegmentEncoder(ModuleEncoder module) {
        this.m = module;
    }

    /** {@code i32.const 0} or {@code i64.const 0} then {@code end}: offset 0 of an abbreviation. */
    static byte[] constExpr(String type) {
        return new byte[] {(byte) (type.equals("i64") ? 0x42 : 0x41), 0x00, 0x0B};
    }

    /** An offset: {@code (offset instr*)} or one folded instruction (spec 6.6.8 abbreviation). */
    private byte[] offset(SExpr.SList l) {
        var out = new Bytes();
        var code = new CodeEncoder(m, new Space("local"));
        if ("offset".equals(l.head())) {
            code.instructions(In.of(l, 1), out);
        } else {
            code.instructions(new In(List.of(l), l, 0), out);
        }
        return out.b(0x0B).toArray();
    }

    void emitElem(SExpr.SList f) {
        var in = In.of(f, 1);
        in.optId();
        elemCount++;
        boolean declare = in.keyword("declare");
        Integer table = null;
        byte[] offset = null;
        if (in.peekList("table")) {
            var t = In.of(in.list(), 1);
            table = m.tables.resolve(t.token());
            t.end();
        }
        if (!declare && in.peek() instanceof SExpr.SList l && !"item".equals(l.head()) && !isRefTypeList(l)) {
            offset = offset(in.list());
            if (table == null) {
                table = 0;
            }
        } else if (!declare && Space.isIndex(in.peekToken()) && table == null && offset == null) {
            // Legacy form (elem tableidx (offset ...) funcidx*) of the MVP.
            var save = in.i;
            in.next();
            if (in.peek() instanceof SExpr.SList l2 && !"item".equals(l2.head())) {
                table = m.tables.resolve(((SExpr.Atom) in.items.get(save)).token());
                offset = offset(in.list());
            } else {
                in.i = save;
            }
        }
        var seg = new Bytes();
        boolean funcIndices = in.atEnd() || in.peekKeyword("func") || Space.isIndex(in.peekToken());
        byte[] ref;
        int n;
        if (funcIndices) {
            in.keyword("func");
            n = 0;
            while (!in.atEnd()) {
                seg.u32(m.funcs.resolve(in.token()));
                n++;
            }
            int flags = offset != null ? 2 : declare ? 3 : 1;
            elemSec.b(flags);
            if (offset != null) {
                elemSec.u32(table).raw(offset);
            }
            elemSec.b(0x00).u32(n).vec(seg);
            return;
        }
        ref = m.typeEncoder.refType(in.next());
        n = elemItems(in, seg, ref, false);
        int flags = offset != null ? 6 : declare ? 7 : 5;
        elemSec.b(flags);
        if (offset != null) {
            elemSec.u32(table).raw(offset);
        }
        elemSec.raw(ref).u32(n).vec(seg);
    }

    private static boolean isRefTypeList(SExpr.SList l) {
        return "ref".equals(l.head());
    }

    /** Element expressions {@code (item instr*)} or {@code (instr)}; plain indices under inline tables. */
    int elemItems(In in, Bytes seg, byte[] ref, boolean allowIndices) {
        int n = 0;
        while (!in.atEnd()) {
            if (allowIndices && Space.isIndex(in.peekToken())) {
                seg.b(0xD2).u32(m.funcs.resolve(in.token())).b(0x0B);
            } else {
                var l = in.list();
                var code = new CodeEncoder(m, new Space("local"));
                if ("item".equals(l.head())) {
                    code.instructions(In.of(l, 1), seg);
                } else {
                    code.instructions(new In(List.of(l), l, 0), seg);
                }
                seg.b(0x0B);
            }
            n++;
        }
        return n;
    }

    void emitData(SExpr.SList f) {
        var in = In.of(f, 1);
        in.optId();
        dataCount++;
        Integer mem = null;
        if (in.peekList("memory")) {
            var memUse = In.of(in.list(), 1);
            mem = m.memories.resolve(memUse.token());
            memUse.end();
        } else if (Space.isIndex(in.peekToken())) {
            mem = m.memories.resolve(in.token()); // MVP form (data memidx offset str*)
        }
        byte[] offset = null;
        if (in.peek() instanceof SExpr.SList) {
            offset = offset(in.list());
        }
        var bytes = new Bytes();
        while (!in.atEnd()) {
            bytes.raw(ModuleEncoder.string(in.token()));
        }
        if (offset == null) {
            if (mem != null) {
                throw ModuleEncoder.err(f, "unexpected token");
            }
            dataSec.b(0x01);
        } else if (mem == null || mem == 0) {
            dataSec.b(0x00).raw(offset);
        } else {
            dataSec.b(0x02).u32(mem).raw(offset);
        }
        dataSec.u32(bytes.size()).vec(bytes);
    }
}
