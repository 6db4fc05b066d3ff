package dev.jwasm.wat.internal.encode;

import dev.jwasm.wat.WatException;
import dev.jwasm.wat.internal.lex.NumberLiterals;
import dev.jwasm.wat.internal.lex.Token;
import java.util.HashMap;
import java.util.Map;

/** One index space (spec 6.4.1 identifier contexts): numbers and the ids bound to them. */
final class Space {
    private final String kind;
    private final Map<String, Integer> ids = new HashMap<>();
    private int count;

    Space(String kind) {
        this.kind = kind;
    }

    /** Allocates the next index, binding {@code id} when present; duplicates are malformed. */
    int add(String id, Token at) {
        if (id != null && ids.putIfAbsent(id, count) != null) {
            throw new WatException(at.pos(), "duplicate " + kind + " " + id);
        }
        return count++;
    }

    int count() {
        return count;
    }

    boolean has(String id) {
        return ids.containsKey(id);
    }

    /** Resolves an index token: a u32 or a bound id. */
    int resolve(Token t) {
        if (t.is(Token.Kind.ID)) {
            Integer i = ids.get(t.text());
            if (i == null) {
                throw new WatException(t.pos(), "unknown " + kind + " " + t.text());
            }
            return i;
        }
        if (t.is(Token.Kind.NUMBER)) {
            return NumberLiterals.parseUnsigned(t.text(), 32)
                    .map(Long::intValue)
                    .orElseThrow(() -> new WatException(t.pos(), "constant out of range"));
        }
        throw new WatException(t.pos(), "unexpected token");
    }

    static boolean isIndex(Token t) {
        return t != null
                && (t.is(Token.Kind.ID) || (t.is(Token.Kind.NUMBER) && NumberLiterals.isUnsignedInt(t.text())));
    }
}
