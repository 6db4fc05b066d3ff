package dev.jwasm.wat.internal.encode;

import dev.jwasm.wat.WatException;
import dev.jwasm.wat.internal.lex.Token;
import dev.jwasm.wat.internal.sexpr.SExpr;
import java.util.Arrays;

/** Value, reference, heap, field and defined types (spec 6.4) to their binary form (spec 5.3). */
final class TypeEncoder {
    private final ModuleEncoder module;

    TypeEncoder(ModuleEncoder module) {
        this.module = module;
    }

    private static int abstractHeapType(String name) {
        return switch (name) {
            case "func" -> 0x70;
            case "extern" -> 0x6F;
            case "any" -> 0x6E;
            case "eq" -> 0x6D;
            case "i31" -> 0x6C;
            case "struct" -> 0x6B;
            case "array" -> 0x6A;
            case "exn" -> 0x69;
            case "none" -> 0x71;
            case "noextern" -> 0x72;
            case "nofunc" -> 0x73;
            case "noexn" -> 0x74;
            default -> -1;
        };
    }

    /** Shorthand nullable reference types such as {@code funcref} (spec 6.4.2). */
    private static int shorthandRef(String name) {
        return name.endsWith("ref") ? abstractHeapType(shortName(name)) : -1;
    }

    private static String shortName(String name) {
        String base = name.substring(0, name.length() - 3);
        return switch (base) {
            case "null" -> "none";
            case "nullfunc" -> "nofunc";
            case "nullextern" -> "noextern";
            case "nullexn" -> "noexn";
            default -> base;
        };
    }

    byte[] heapType(SExpr e) {
        if (e instanceof SExpr.Atom(var t)) {
            if (t.is(Token.Kind.KEYWORD)) {
                int code = abstractHeapType(t.text());
                if (code < 0) {
                    throw new WatException(t.pos(), "unknown heap type " + t.text());
                }
                return new byte[] {(byte) code};
            }
            if (Space.isIndex(t)) {
                return new Bytes().s64(module.types.resolve(t)).toArray();
            }
        }
        // Custom descriptors: (exact x) is the exact defined type x; abstract types have no exact form.
        if (e instanceof SExpr.SList l && "exact".equals(l.head())) {
            var in = In.of(l, 1);
            var t = in.token();
            if (!Space.isIndex(t)) {
                throw new WatException(t.pos(), "unexpected token: expected a type index");
            }
            int index = module.types.resolve(t);
            in.end();
            return new Bytes().b(0x62).u32(index).toArray();
        }
        throw new WatException(e.pos(), "unexpected token: expected a heap type");
    }

    byte[] refType(SExpr e) {
        if (e instanceof SExpr.Atom(var t) && t.is(Token.Kind.KEYWORD)) {
            int code = shorthandRef(t.text());
            if (code >= 0) {
                return new byte[] {(byte) code};
            }
        }
        if (e instanceof SExpr.SList l && "ref".equals(l.head())) {
            var in = In.of(l, 1);
            boolean nullable = in.keyword("null");
            var ht = heapType(in.next());
            in.end();
            return new Bytes().b(nullable ? 0x63 : 0x64).raw(ht).toArray();
        }
        throw new WatException(e.pos(), "unexpected token: expected a reference type");
    }

    /** Whether a reference type written here is nullable (for ref.test/ref.cast/br_on_cast). */
    static boolean nullable(byte[] refType) {
        return refType[0] != 0x64;
    }

    byte[] valType(SExpr e) {
        if (e instanceof SExpr.Atom(var t) && t.is(Token.Kind.KEYWORD)) {
            switch (t.text()) {
                case "i32" -> {
                    return new byte[] {0x7F};
                }
                case "i64" -> {
                    return new byte[] {0x7E};
                }
                case "f32" -> {
                    return new byte[] {0x7D};
                }
                case "f64" -> {
                    return new byte[] {0x7C};
                }
                case "v128" -> {
                    return new byte[] {0x7B};
                }
                default -> {}
            }
        }
        try {
            return refType(e);
        } catch (WatException ex) {
            // An unknown keyword is an unknown token to the reference lexer.
            if (e instanceof SExpr.Atom(var t) && t.is(Token.Kind.KEYWORD)) {
                throw new WatException(e.pos(), "unknown operator " + t.text());
            }
            throw new WatException(e.pos(), "unexpected token: expected a value type");
        }
    }

    private byte[] storageType(SExpr e) {
        if (e instanceof SExpr.Atom(var t) && t.isKeyword("i8")) {
            return new byte[] {0x78};
        }
        if (e instanceof SExpr.Atom(var t) && t.isKeyword("i16")) {
            return new byte[] {0x77};
        }
        return valType(e);
    }

    private byte[] fieldType(SExpr e) {
        if (e instanceof SExpr.SList l && "mut".equals(l.head())) {
            var in = In.of(l, 1);
            var st = storageType(in.next());
            in.end();
            return new Bytes().raw(st).b(1).toArray();
        }
        return new Bytes().raw(storageType(e)).b(0).toArray();
    }

    /** {@code (type $id? subtype)} as a binary subtype; registers plain func types for reuse. */
    byte[] subType(SExpr.SList typeField, int index, boolean standalone) {
        var in = In.of(typeField, 1);
        in.optId();
        var out = new Bytes();
        boolean plain;
        SExpr.SList def;
        if (in.peekList("sub")) {
            var s = In.of(in.list(), 1);
            in.end();
            boolean fin = s.keyword("final");
            var supers = new Bytes();
            int n = 0;
            while (Space.isIndex(s.peekToken())) {
                supers.u32(module.types.resolve(s.token()));
                n++;
            }
            out.b(fin ? 0x4F : 0x50).u32(n).vec(supers);
            descriptorClauses(s, out);
            plain = false;
            def = s.list();
            s.end();
        } else {
            // Without sub, the clauses precede the composite type directly in the type field.
            plain = descriptorClauses(in, out);
            def = in.list();
            in.end();
        }
        byte[] comp = compType(def, index);
        out.raw(comp);
        if (plain && standalone && comp[0] == 0x60) {
            module.registerPlainFuncType(index, comp);
        }
        return out.toArray();
    }

    /**
     * The custom descriptors proposal's optional {@code (describes x)} then {@code (descriptor y)}
     * clauses (binary {@code 0x4C x}, {@code 0x4D y}); a repeated or reordered clause is then read
     * where the composite type must be, an unexpected token. Returns whether there were none.
     */
    private boolean descriptorClauses(In in, Bytes out) {
        boolean none = true;
        if (in.peekList("describes")) {
            out.b(0x4C).u32(clauseIndex(in.list()));
            none = false;
        }
        if (in.peekList("descriptor")) {
            out.b(0x4D).u32(clauseIndex(in.list()));
            none = false;
        }
        return none;
    }

    private int clauseIndex(SExpr.SList clause) {
        var in = In.of(clause, 1);
        int index = module.types.resolve(in.token());
        in.end();
        return index;
    }

    private byte[] compType(SExpr.SList def, int index) {
        var in = In.of(def, 1);
        var out = new Bytes();
        switch (def.head() == null ? "" : def.head()) {
            case "func" -> {
                var sig = signature(in, null);
                in.end();
                module.paramCounts.put(index, sig.params);
                module.funcTypeBytes.put(index, sig.encoded);
                return sig.encoded;
            }
            case "struct" -> {
                var fields = new Bytes();
                int n = 0;
                while (!in.atEnd()) {
                    var f = In.of(in.list(), 1);
                    if (f.optId() != null) {
                        fields.raw(fieldType(f.next()));
                        n++;
                        f.end();
                    } else {
                        while (!f.atEnd()) {
                            fields.raw(fieldType(f.next()));
                            n++;
                        }
                    }
                }
                return out.b(0x5F).u32(n).vec(fields).toArray();
            }
            case "array" -> {
                var ft = fieldType(in.next());
                in.end();
                return out.b(0x5E).raw(ft).toArray();
            }
            default -> throw new WatException(def.pos(), "unexpected token: expected func, struct or array");
        }
    }

    record Signature(byte[] encoded, int params, int results) {}

    /** {@code (param ...)* (result ...)*} as a binary func type; binds named params into {@code locals}. */
    Signature signature(In in, Space locals) {
        return signature(in, locals, true);
    }

    /** As above; {@code allowIds} is false where parameters cannot be named (block types, call_indirect). */
    Signature signature(In in, Space locals, boolean allowIds) {
        var params = new Bytes();
        int np = 0;
        while (in.peekList("param")) {
            var p = In.of(in.list(), 1);
            var at = p.peekToken();
            String id = p.optId();
            if (id != null && !allowIds) {
                throw new WatException(at.pos(), "unexpected token: parameter names are not allowed here");
            }
            if (id != null) {
                params.raw(valType(p.next()));
                np++;
                if (locals != null) {
                    locals.add(id, at);
                }
                p.end();
            } else {
                while (!p.atEnd()) {
                    params.raw(valType(p.next()));
                    np++;
                    if (locals != null) {
                        locals.add(null, null);
                    }
                }
            }
        }
        var results = new Bytes();
        int nr = 0;
        while (in.peekList("result")) {
            var r = In.of(in.list(), 1);
            while (!r.atEnd()) {
                results.raw(valType(r.next()));
                nr++;
            }
        }
        if (in.peekList("param")) {
            throw new WatException(in.peek().pos(), "unexpected token: param after result");
        }
        byte[] enc =
                new Bytes().b(0x60).u32(np).vec(params).u32(nr).vec(results).toArray();
        return new Signature(enc, np, nr);
    }

    /**
     * A type use {@code (type x)? (param ...)* (result ...)*} (spec 6.6.3): the explicit index, or
     * the index of a matching or newly added func type. Named params are bound in {@code locals}.
     */
    int typeUse(In in, Space locals, boolean bindParams) {
        return typeUse(in, locals, bindParams, true);
    }

    /** A type use where parameter names are allowed or not. */
    int typeUse(In in, Space locals, boolean bindParams, boolean allowIds) {
        Integer explicit = null;
        SExpr at = in.here();
        if (in.peekList("type")) {
            var t = In.of(in.list(), 1);
            explicit = module.types.resolve(t.token());
            t.end();
        }
        boolean hasInline = in.peekList("param") || in.peekList("result");
        var sig = signature(in, bindParams ? locals : null, allowIds);
        if (explicit != null) {
            if (hasInline) {
                // The inline signature must match a type written in the text, not an implicit one.
                if (explicit >= module.types.count()) {
                    throw new WatException(at.pos(), "unknown type");
                }
                if (!sameAsDeclared(explicit, sig.encoded())) {
                    throw new WatException(at.pos(), "inline function type");
                }
            } else if (bindParams && locals != null) {
                int n = module.paramCounts.getOrDefault(explicit, 0);
                for (int i = 0; i < n; i++) {
                    locals.add(null, null);
                }
            }
            return explicit;
        }
        return module.funcTypeIndex(sig.encoded(), sig.params());
    }

    private boolean sameAsDeclared(int index, byte[] encoded) {
        byte[] declared = module.funcTypeBytes.get(index);
        return declared == null || Arrays.equals(declared, encoded);
    }
}
