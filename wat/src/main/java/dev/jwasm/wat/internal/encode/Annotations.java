package dev.jwasm.wat.internal.encode;

import dev.jwasm.wat.WatException;
import dev.jwasm.wat.internal.lex.Lexer;
import dev.jwasm.wat.internal.lex.Token;
import dev.jwasm.wat.internal.sexpr.SExpr;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The annotations of a text module that become custom sections (annotations proposal and its
 * appendix "Custom Annotations"): {@code (@custom "name" place? "bytes"...)} at module level,
 * {@code (@name "...")} naming the module, functions, tables, memories, globals and tags (the
 * {@code name} section), and {@code (@metadata.code.branch_hint "\00"|"\01")} before an {@code if}
 * or {@code br_if} (the branch-hinting proposal's {@code metadata.code.branch_hint} section).
 * Other annotations stay ignored. Errors use the reference interpreter's wording.
 */
final class Annotations {
    private static final String CUSTOM = "custom";
    private static final String NAME = "name";
    private static final String BRANCH_HINT = "metadata.code.branch_hint";

    /** Name-section subsection ids (extended name section): functions, tables, memories, globals, tags. */
    static final int FUNC_NAMES = 1;

    static final int TABLE_NAMES = 5;
    static final int MEMORY_NAMES = 6;
    static final int GLOBAL_NAMES = 7;
    static final int TAG_NAMES = 11;

    /** Section ids in binary order, named as in a placement {@code (before func)}; tag sits after memory. */
    static final List<String> SECTION_KINDS = List.of(
            "type",
            "import",
            "func",
            "table",
            "memory",
            "tag",
            "global",
            "export",
            "start",
            "elem",
            "datacount",
            "code",
            "data");

    private static final Map<String, Integer> SECTION_IDS = Map.ofEntries(
            Map.entry("type", 1),
            Map.entry("import", 2),
            Map.entry("func", 3),
            Map.entry("table", 4),
            Map.entry("memory", 5),
            Map.entry("tag", 13),
            Map.entry("global", 6),
            Map.entry("export", 7),
            Map.entry("start", 8),
            Map.entry("elem", 9),
            Map.entry("datacount", 12),
            Map.entry("code", 10),
            Map.entry("data", 11));

    /** Where a custom section goes: before or after the section with this id; id 0 is first/last. */
    record Placement(boolean before, int sectionId) {
        static final Placement FIRST = new Placement(true, 0);
        static final Placement LAST = new Placement(false, 0);
    }

    private record Custom(Placement place, byte[] bytes) {}

    private final List<Custom> customs = new ArrayList<>();
    private byte[] moduleName;
    /** Name subsection id → (index → name), ordered by index as the name section requires. */
    private final Map<Integer, TreeMap<Integer, byte[]>> names = new TreeMap<>();
    /** Function index → (local index → name): the local names subsection (id 2). */
    private final TreeMap<Integer, TreeMap<Integer, byte[]>> localNames = new TreeMap<>();
    /** Pending {@code @name} annotations inside fields, until the field claims them. */
    private final List<Lexer.Annotation> fieldNames = new ArrayList<>();
    /** Char offset of a hinted instruction's keyword → the hint byte. */
    private final Map<Integer, Byte> hintTargets = new HashMap<>();
    /** Function index → (body offset → hint byte). */
    private final TreeMap<Integer, TreeMap<Integer, Byte>> hints = new TreeMap<>();

    /**
     * Sorts the annotations of a module by kind and place, checking their syntax.
     *
     * @param tokens the module's tokens, to find the instruction a branch hint precedes
     * @param fields the module fields
     */
    Annotations(List<Lexer.Annotation> annotations, List<Token> tokens, List<SExpr.SList> fields) {
        for (var a : annotations) {
            var field = fieldOf(a, fields);
            switch (a.id()) {
                case CUSTOM -> {
                    if (field != null) {
                        throw new WatException(a.pos(), "misplaced @custom annotation");
                    }
                    customs.add(custom(a));
                }
                case NAME -> {
                    if (field != null) {
                        fieldNames.add(a);
                    } else if (!fields.isEmpty()
                            && a.start() > fields.getFirst().start()) {
                        throw new WatException(a.pos(), "misplaced @name annotation");
                    } else {
                        if (moduleName != null) {
                            throw new WatException(a.pos(), "@name annotation: multiple module");
                        }
                        moduleName = nameString(a);
                    }
                }
                case BRANCH_HINT -> branchHint(a, field, tokens);
                default -> {}
            }
        }
    }

    private static SExpr.SList fieldOf(Lexer.Annotation a, List<SExpr.SList> fields) {
        for (var f : fields) {
            if (f.start() < a.start() && a.end() <= f.end()) {
                return f;
            }
        }
        return null;
    }

    private static WatException error(Lexer.Annotation a, Token at, String reason) {
        return new WatException(at != null ? at.pos() : a.pos(), "@" + a.id() + " annotation: " + reason);
    }

    // (@custom "name" (before|after kind)? "data"*), placement first|last allowed as kinds.
    private static Custom custom(Lexer.Annotation a) {
        var body = a.body();
        if (body.isEmpty() || !body.getFirst().is(Token.Kind.STRING)) {
            throw error(a, body.isEmpty() ? null : body.getFirst(), "missing section name");
        }
        byte[] name = utf8(a, body.getFirst());
        int i = 1;
        Placement place = Placement.LAST;
        if (i < body.size() && body.get(i).is(Token.Kind.LPAREN)) {
            var open = body.get(i);
            var side = i + 1 < body.size() ? body.get(i + 1) : null;
            if (side == null || !(side.isKeyword("before") || side.isKeyword("after"))) {
                throw error(a, side != null ? side : open, "malformed placement");
            }
            boolean before = side.isKeyword("before");
            var kind = i + 2 < body.size() ? body.get(i + 2) : null;
            if (kind == null || !kind.is(Token.Kind.KEYWORD)) {
                throw error(a, kind != null ? kind : side, "malformed section kind");
            }
            place = placement(a, kind, before);
            var close = i + 3 < body.size() ? body.get(i + 3) : null;
            if (close == null || !close.is(Token.Kind.RPAREN)) {
                throw error(a, close != null ? close : kind, "malformed placement");
            }
            i += 4;
        }
        var content = new Bytes();
        for (; i < body.size(); i++) {
            var t = body.get(i);
            if (!t.is(Token.Kind.STRING)) {
                throw error(a, t, "unexpected token");
            }
            content.raw(t.bytes());
        }
        var section = new Bytes().nameBytes(name).vec(content);
        return new Custom(place, section.toArray());
    }

    private static Placement placement(Lexer.Annotation a, Token kind, boolean before) {
        String k = kind.text();
        if (k.equals("first") && before) {
            return Placement.FIRST;
        }
        if (k.equals("last") && !before) {
            return Placement.LAST;
        }
        Integer id = SECTION_IDS.get(k);
        if (id == null) {
            throw error(a, kind, "malformed section kind");
        }
        return new Placement(before, id);
    }

    private static byte[] utf8(Lexer.Annotation a, Token t) {
        try {
            Lexer.checkUtf8(t.bytes(), t.pos());
        } catch (WatException e) {
            throw error(a, t, "malformed UTF-8 encoding");
        }
        return t.bytes();
    }

    private static byte[] nameString(Lexer.Annotation a) {
        var body = a.body();
        if (body.size() != 1 || !body.getFirst().is(Token.Kind.STRING)) {
            throw error(a, body.isEmpty() ? null : body.getFirst(), "unexpected token");
        }
        return utf8(a, body.getFirst());
    }

    // (@metadata.code.branch_hint "\00"|"\01") right before an if or br_if of a function body.
    private void branchHint(Lexer.Annotation a, SExpr.SList field, List<Token> tokens) {
        if (field == null || !"func".equals(field.head())) {
            throw error(a, null, "not in a function");
        }
        var body = a.body();
        if (body.size() != 1 || !body.getFirst().is(Token.Kind.STRING)) {
            throw error(a, body.isEmpty() ? null : body.getFirst(), "unexpected token");
        }
        byte[] value = body.getFirst().bytes();
        if (value.length != 1 || (value[0] != 0 && value[0] != 1)) {
            throw error(a, body.getFirst(), "malformed hint");
        }
        Token target = null;
        for (var t : tokens) {
            if (t.start() >= a.end() && !t.is(Token.Kind.LPAREN)) {
                target = t;
                break;
            }
        }
        // A hint on an instruction that does not branch is encoded all the same: it is invalid,
        // not malformed, so validation rejects the section.
        if (target == null) {
            throw error(a, null, "not in a function");
        }
        if (hintTargets.putIfAbsent(target.start(), value[0]) != null) {
            throw error(a, null, "duplicate annotation");
        }
    }

    /**
     * Claims the {@code @name} annotation of an entity, which must come right after its keyword
     * and optional id ({@code (func $f (@name "f") ...)}).
     *
     * @param list the entity's list: the field, or an import's description
     */
    void entity(int subsection, SExpr.SList list, int index) {
        claim(list, () -> names.computeIfAbsent(subsection, s -> new TreeMap<>()), index);
        if (subsection == FUNC_NAMES) {
            idAsName(list, index);
        }
    }

    /**
     * Names a function after its identifier when no {@code @name} did, as wasm-tools does: the
     * name section is what traps and stack traces print, so {@code $fib} reads better than
     * {@code func[3]}. Identifiers carry no meaning in the binary otherwise (spec 6.3.1).
     */
    private void idAsName(SExpr.SList list, int index) {
        var items = list.items();
        if (items.size() > 1 && items.get(1) instanceof SExpr.Atom(var t) && t.is(Token.Kind.ID)) {
            String id = t.text().substring(1);
            if (id.length() >= 2 && id.startsWith("\"") && id.endsWith("\"")) {
                id = id.substring(1, id.length() - 1);
            }
            names.computeIfAbsent(FUNC_NAMES, s -> new TreeMap<>())
                    .putIfAbsent(index, id.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Claims the {@code @name} of the parameter or local {@code (param $x (@name "x") i32)} at
     * {@code index} of function {@code func}.
     */
    void local(SExpr.SList list, int func, int index) {
        claim(list, () -> localNames.computeIfAbsent(func, f -> new TreeMap<>()), index);
    }

    /** Moves the {@code @name} right after the list's keyword and id, if any, into the map. */
    private void claim(SExpr.SList list, Supplier<TreeMap<Integer, byte[]>> map, int index) {
        var items = list.items();
        int k = items.size() > 1 && items.get(1) instanceof SExpr.Atom(var t) && t.is(Token.Kind.ID) ? 2 : 1;
        int after = items.get(k - 1).end();
        int before = k < items.size() ? items.get(k).start() : list.end();
        for (var it = fieldNames.iterator(); it.hasNext(); ) {
            var a = it.next();
            if (a.start() >= after && a.end() <= before) {
                if (map.get().putIfAbsent(index, nameString(a)) != null) {
                    throw error(a, null, "multiple names");
                }
                it.remove();
            }
        }
    }

    /** After every field: a {@code @name} that nothing claimed is misplaced. */
    void checkNamesClaimed() {
        if (!fieldNames.isEmpty()) {
            throw new WatException(fieldNames.getFirst().pos(), "misplaced @name annotation");
        }
    }

    /** Called as an instruction's opcode is written at {@code offset} of function {@code func}'s body. */
    void branch(Token keyword, int func, int offset) {
        Byte hint = hintTargets.get(keyword.start());
        if (hint != null) {
            hints.computeIfAbsent(func, f -> new TreeMap<>()).put(offset, hint);
        }
    }

    /** Appends the custom sections placed {@code before} or after section {@code sectionId}. */
    void customs(Bytes out, boolean before, int sectionId) {
        for (var c : customs) {
            if (c.place().before() == before && c.place().sectionId() == sectionId) {
                out.b(0).u32(c.bytes().length).raw(c.bytes());
            }
        }
    }

    /** The branch hint section, if any hint was written (it goes before the code section). */
    void branchHintSection(Bytes out) {
        if (hints.isEmpty()) {
            return;
        }
        var content = new Bytes()
                .nameBytes(BRANCH_HINT.getBytes(StandardCharsets.UTF_8))
                .u32(hints.size());
        for (var f : hints.entrySet()) {
            content.u32(f.getKey()).u32(f.getValue().size());
            for (var h : f.getValue().entrySet()) {
                content.u32(h.getKey()).u32(1).b(h.getValue());
            }
        }
        out.b(0).u32(content.size()).vec(content);
    }

    /** The name section, if anything was named: module name, then the name maps by subsection id. */
    void nameSection(Bytes out) {
        if (!localNames.isEmpty()) {
            names.computeIfAbsent(1, s -> new TreeMap<>()); // keeps subsection order: 1, then 2
        }
        if (moduleName == null && names.isEmpty()) {
            return;
        }
        var content = new Bytes().nameBytes(NAME.getBytes(StandardCharsets.UTF_8));
        if (moduleName != null) {
            var sub = new Bytes().nameBytes(moduleName);
            content.b(0).u32(sub.size()).vec(sub);
        }
        for (var e : names.entrySet()) {
            if (e.getValue().isEmpty() && e.getKey() == FUNC_NAMES) {
                // Only there to order the local names; an empty map is no subsection.
            } else {
                var sub = nameMap(e.getValue());
                content.b(e.getKey()).u32(sub.size()).vec(sub);
            }
            if (e.getKey() == FUNC_NAMES && !localNames.isEmpty()) {
                // Subsection 2: an indirect name map, function index → local name map.
                var sub = new Bytes().u32(localNames.size());
                for (var f : localNames.entrySet()) {
                    sub.u32(f.getKey()).vec(nameMap(f.getValue()));
                }
                content.b(2).u32(sub.size()).vec(sub);
            }
        }
        out.b(0).u32(content.size()).vec(content);
    }

    private static Bytes nameMap(TreeMap<Integer, byte[]> map) {
        var sub = new Bytes().u32(map.size());
        for (var n : map.entrySet()) {
            sub.u32(n.getKey()).nameBytes(n.getValue());
        }
        return sub;
    }
}
