package dev.jwasm.wat.internal.encode;

import dev.jwasm.wat.WatException;
import dev.jwasm.wat.internal.lex.Token;
import dev.jwasm.wat.internal.sexpr.SExpr;
import java.util.List;

/** A position in a list of s-expressions being consumed by the encoder. */
final class In {
    final List<SExpr> items;
    final SExpr owner;
    int i;

    In(List<SExpr> items, SExpr owner, int start) {
        this.items = items;
        this.owner = owner;
        this.i = start;
    }

    static In of(SExpr.SList l, int start) {
        return new In(l.items(), l, start);
    }

    boolean atEnd() {
        return i >= items.size();
    }

    SExpr peek() {
        return atEnd() ? null : items.get(i);
    }

    SExpr next() {
        if (atEnd()) {
            throw new WatException(owner.pos(), "unexpected token");
        }
        return items.get(i++);
    }

    Token peekToken() {
        return peek() instanceof SExpr.Atom(var t) ? t : null;
    }

    boolean peekKind(Token.Kind k) {
        var t = peekToken();
        return t != null && t.is(k);
    }

    boolean peekKeyword(String kw) {
        var t = peekToken();
        return t != null && t.isKeyword(kw);
    }

    /** Whether the next item is a list with this head keyword. */
    boolean peekList(String head) {
        return peek() instanceof SExpr.SList l && head.equals(l.head());
    }

    boolean keyword(String kw) {
        if (peekKeyword(kw)) {
            i++;
            return true;
        }
        return false;
    }

    String optId() {
        if (peekKind(Token.Kind.ID)) {
            return ((SExpr.Atom) next()).token().text();
        }
        return null;
    }

    Token token() {
        var e = next();
        if (e instanceof SExpr.Atom(var t)) {
            return t;
        }
        throw new WatException(e.pos(), "unexpected token");
    }

    SExpr.SList list() {
        var e = next();
        if (e instanceof SExpr.SList l) {
            return l;
        }
        throw new WatException(e.pos(), "unexpected token");
    }

    void end() {
        if (!atEnd()) {
            throw new WatException(peek().pos(), "unexpected token");
        }
    }

    SExpr here() {
        return atEnd() ? owner : peek();
    }
}
