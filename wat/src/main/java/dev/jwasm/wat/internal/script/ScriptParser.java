package dev.jwasm.wat.internal.script;

import dev.jwasm.wat.ModuleSource;
import dev.jwasm.wat.WastAction;
import dev.jwasm.wat.WastCommand;
import dev.jwasm.wat.WastResult;
import dev.jwasm.wat.WastValue;
import dev.jwasm.wat.WatException;
import dev.jwasm.wat.internal.lex.NumberLiterals;
import dev.jwasm.wat.internal.lex.Token;
import dev.jwasm.wat.internal.sexpr.SExpr;
import dev.jwasm.wat.internal.sexpr.SExprReader;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Turns the s-expressions of a {@code .wast} file into {@link WastCommand}s. */
public final class ScriptParser {
    private static final Set<String> MODULE_FIELDS = Set.of(
            "type", "rec", "import", "func", "table", "memory", "global", "export", "start", "elem", "data", "tag");

    private final String source;

    private ScriptParser(String source) {
        this.source = source;
    }

    public static List<WastCommand> parse(String source) {
        var parser = new ScriptParser(source);
        var out = new ArrayList<WastCommand>();
        var top = SExprReader.read(source);
        if (!top.isEmpty()
                && top.getFirst() instanceof SExpr.SList first
                && first.head() != null
                && MODULE_FIELDS.contains(first.head())) {
            // A script that is only module fields is one module without the (module) wrapper.
            var pos = first.pos();
            return List.of(new WastCommand.Module(pos, null, false, new ModuleSource.Text(source, pos)));
        }
        for (var e : top) {
            out.add(parser.command(e));
        }
        return out;
    }

    private static WatException error(SExpr at, String reason) {
        return new WatException(at.pos(), reason);
    }

    private static SExpr.SList list(SExpr e) {
        if (e instanceof SExpr.SList l) {
            return l;
        }
        throw error(e, "unexpected token");
    }

    private WastCommand command(SExpr e) {
        var l = list(e);
        String head = l.head();
        if (head == null) {
            throw error(e, "unexpected token");
        }
        var pos = l.pos();
        var items = l.items();
        return switch (head) {
            case "module" -> moduleCommand(l);
            case "register" -> {
                var c = new Cursor(l, 1);
                String name = c.string();
                String id = c.optId();
                c.end();
                yield new WastCommand.Register(pos, name, id);
            }
            case "invoke", "get" -> new WastCommand.Action(pos, action(l));
            case "assert_return" -> {
                requireAtLeast(l, 2);
                var results = new ArrayList<WastResult>();
                for (var r : items.subList(2, items.size())) {
                    results.add(result(r));
                }
                yield new WastCommand.AssertReturn(pos, action(items.get(1)), results);
            }
            case "assert_trap" -> {
                requireExactly(l, 3);
                String msg = stringOf(items.get(2));
                var target = list(items.get(1));
                yield "module".equals(target.head())
                        ? new WastCommand.AssertUninstantiable(pos, moduleSource(target), msg)
                        : new WastCommand.AssertTrap(pos, action(target), msg);
            }
            case "assert_exhaustion" -> {
                requireExactly(l, 3);
                yield new WastCommand.AssertExhaustion(pos, action(items.get(1)), stringOf(items.get(2)));
            }
            case "assert_exception" -> {
                requireExactly(l, 2);
                yield new WastCommand.AssertException(pos, action(items.get(1)));
            }
            case "assert_invalid" -> new WastCommand.AssertInvalid(pos, assertedModule(l), message(l));
            case "assert_malformed" -> new WastCommand.AssertMalformed(pos, assertedModule(l), message(l));
            case "assert_unlinkable" -> new WastCommand.AssertUnlinkable(pos, assertedModule(l), message(l));
            case "assert_uninstantiable" -> new WastCommand.AssertUninstantiable(pos, assertedModule(l), message(l));
            case "assert_malformed_custom" -> new WastCommand.AssertMalformedCustom(pos, assertedModule(l), message(l));
            case "assert_invalid_custom" -> new WastCommand.AssertInvalidCustom(pos, assertedModule(l), message(l));
            default -> throw error(e, "unknown command " + head);
        };
    }

    private static void requireExactly(SExpr.SList l, int n) {
        if (l.items().size() != n) {
            throw error(l, "unexpected token: " + l.head() + " takes " + (n - 1) + " operands");
        }
    }

    private static void requireAtLeast(SExpr.SList l, int n) {
        if (l.items().size() < n) {
            throw error(l, "unexpected token: " + l.head() + " needs at least " + (n - 1) + " operands");
        }
    }

    private ModuleSource assertedModule(SExpr.SList l) {
        requireExactly(l, 3);
        var m = list(l.items().get(1));
        if (!"module".equals(m.head())) {
            throw error(m, "unexpected token: expected a module");
        }
        return moduleSource(m);
    }

    private static String message(SExpr.SList l) {
        return stringOf(l.items().get(2));
    }

    private WastCommand moduleCommand(SExpr.SList l) {
        var c = new Cursor(l, 1);
        if (c.keyword("instance")) {
            String instance = c.optId();
            String definition = c.optId();
            c.end();
            return new WastCommand.ModuleInstance(l.pos(), instance, definition);
        }
        boolean definition = c.keyword("definition");
        String id = c.optId();
        return new WastCommand.Module(l.pos(), id, definition, moduleSource(l));
    }

    /** The module of a {@code (module ...)} list, whatever its form. */
    private ModuleSource moduleSource(SExpr.SList l) {
        var c = new Cursor(l, 1);
        c.keyword("definition");
        c.optId();
        if (c.keyword("binary")) {
            var bytes = new ByteArrayOutputStream();
            while (!c.atEnd()) {
                bytes.writeBytes(c.stringBytes());
            }
            return new ModuleSource.Binary(bytes.toByteArray(), l.pos());
        }
        if (c.keyword("quote")) {
            var text = new StringBuilder();
            while (!c.atEnd()) {
                text.append(QuotedSource.decode(c.stringBytes()));
            }
            return new ModuleSource.Quote(text.toString(), l.pos());
        }
        return new ModuleSource.Text(source.substring(l.start(), l.end()), l.pos());
    }

    private WastAction action(SExpr e) {
        var l = list(e);
        var c = new Cursor(l, 1);
        return switch (l.head()) {
            case "invoke" -> {
                String module = c.optId();
                String name = c.string();
                var args = new ArrayList<WastValue>();
                while (!c.atEnd()) {
                    args.add(value(c.next()));
                }
                yield new WastAction.Invoke(module, name, args);
            }
            case "get" -> {
                String module = c.optId();
                String name = c.string();
                c.end();
                yield new WastAction.Get(module, name);
            }
            case null -> throw error(e, "unexpected token: expected invoke or get");
            default -> throw error(e, "unexpected token: expected invoke or get, got " + l.head());
        };
    }

    private static WastValue value(SExpr e) {
        var l = list(e);
        String head = l.head();
        if (head == null) {
            throw error(e, "unexpected token");
        }
        var c = new Cursor(l, 1);
        WastValue v =
                switch (head) {
                    case "i32.const" -> new WastValue.I32((int) intLit(c.next(), 32));
                    case "i64.const" -> new WastValue.I64(intLit(c.next(), 64));
                    case "f32.const" -> new WastValue.F32(f32Lit(c.next()));
                    case "f64.const" -> new WastValue.F64(f64Lit(c.next()));
                    case "v128.const" -> v128(c);
                    case "ref.null" -> new WastValue.RefNull(c.atEnd() ? "" : c.nextText());
                    case "ref.extern" -> new WastValue.RefExtern(intLit(c.next(), 64));
                    case "ref.host" -> new WastValue.RefHost(intLit(c.next(), 64));
                    default -> throw error(e, "unexpected token: unknown constant " + head);
                };
        c.end();
        return v;
    }

    private static WastResult result(SExpr e) {
        var l = list(e);
        String head = l.head();
        if (head == null) {
            throw error(e, "unexpected token");
        }
        var c = new Cursor(l, 1);
        WastResult r;
        switch (head) {
            case "f32.const", "f64.const" -> {
                var lit = c.next();
                int bits = head.startsWith("f32") ? 32 : 64;
                var nan = nanPattern(lit, bits);
                if (nan != null) {
                    r = nan;
                } else {
                    r = new WastResult.Exact(
                            bits == 32 ? new WastValue.F32(f32Lit(lit)) : new WastValue.F64(f64Lit(lit)));
                }
            }
            case "v128.const" -> r = v128Pattern(c);
            case "ref.null" -> r = new WastResult.RefNull(c.atEnd() ? null : c.nextText());
            case "ref.extern" -> r = new WastResult.RefExtern(c.atEnd() ? null : intLit(c.next(), 64));
            case "ref.host" -> r = new WastResult.RefHost(intLit(c.next(), 64));
            case "either" -> {
                var alternatives = new ArrayList<WastResult>();
                while (!c.atEnd()) {
                    alternatives.add(result(c.next()));
                }
                r = new WastResult.Either(alternatives);
            }
            default -> {
                if (!head.startsWith("ref.") || !c.atEnd()) {
                    return new WastResult.Exact(value(e));
                }
                r = new WastResult.RefKind(head.substring(4));
            }
        }
        c.end();
        return r;
    }

    private static WastResult.Nan nanPattern(SExpr lit, int bits) {
        if (lit instanceof SExpr.Atom(var t) && t.is(Token.Kind.KEYWORD)) {
            return switch (t.text()) {
                case "nan:canonical" -> new WastResult.Nan(bits, WastResult.NanKind.CANONICAL);
                case "nan:arithmetic" -> new WastResult.Nan(bits, WastResult.NanKind.ARITHMETIC);
                default -> null;
            };
        }
        return null;
    }

    private static WastResult v128Pattern(Cursor c) {
        var shapeAt = c.peek();
        String shape = c.nextText();
        int lanes = laneCount(shape, shapeAt);
        var out = new ArrayList<WastResult>();
        for (int i = 0; i < lanes; i++) {
            var lit = c.next();
            WastResult lane =
                    switch (shape) {
                        case "f32x4" -> {
                            var nan = nanPattern(lit, 32);
                            yield nan != null ? nan : new WastResult.Exact(new WastValue.F32(f32Lit(lit)));
                        }
                        case "f64x2" -> {
                            var nan = nanPattern(lit, 64);
                            yield nan != null ? nan : new WastResult.Exact(new WastValue.F64(f64Lit(lit)));
                        }
                        case "i64x2" -> new WastResult.Exact(new WastValue.I64(intLit(lit, 64)));
                        default ->
                            new WastResult.Exact(new WastValue.I32(
                                    (int) intLit(lit, shape.equals("i8x16") ? 8 : shape.equals("i16x8") ? 16 : 32)));
                    };
            out.add(lane);
        }
        return new WastResult.V128Lanes(shape, out);
    }

    private static int laneCount(String shape, SExpr at) {
        return switch (shape) {
            case "i8x16" -> 16;
            case "i16x8" -> 8;
            case "i32x4", "f32x4" -> 4;
            case "i64x2", "f64x2" -> 2;
            default -> throw error(at, "unexpected token: unknown v128 shape " + shape);
        };
    }

    /** {@code v128.const shape lanes...} as 16 little-endian bytes (spec 6.5.7 SIMD constants). */
    public static WastValue.V128 v128(Cursor c) {
        var shapeAt = c.peek();
        String shape = c.nextText();
        int lanes = laneCount(shape, shapeAt);
        var buf = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < lanes; i++) {
            var lit = c.next();
            switch (shape) {
                case "i8x16" -> buf.put((byte) intLit(lit, 8));
                case "i16x8" -> buf.putShort((short) intLit(lit, 16));
                case "i32x4" -> buf.putInt((int) intLit(lit, 32));
                case "i64x2" -> buf.putLong(intLit(lit, 64));
                case "f32x4" -> buf.putInt(f32Lit(lit));
                default -> buf.putLong(f64Lit(lit));
            }
        }
        return new WastValue.V128(buf.array());
    }

    private static Token number(SExpr e) {
        if (e instanceof SExpr.Atom(var t) && t.is(Token.Kind.NUMBER)) {
            return t;
        }
        throw error(e, "unexpected token: expected a number");
    }

    static long intLit(SExpr e, int bits) {
        var t = number(e);
        return NumberLiterals.parseInt(t.text(), bits).orElseThrow(() -> error(e, "constant out of range"));
    }

    static int f32Lit(SExpr e) {
        var t = number(e);
        return NumberLiterals.parseF32(t.text()).orElseThrow(() -> error(e, "constant out of range"));
    }

    static long f64Lit(SExpr e) {
        var t = number(e);
        return NumberLiterals.parseF64(t.text()).orElseThrow(() -> error(e, "constant out of range"));
    }

    private static String stringOf(SExpr e) {
        if (e instanceof SExpr.Atom(var t) && t.is(Token.Kind.STRING)) {
            return new String(t.bytes(), StandardCharsets.UTF_8);
        }
        throw error(e, "unexpected token: expected a string");
    }
}
