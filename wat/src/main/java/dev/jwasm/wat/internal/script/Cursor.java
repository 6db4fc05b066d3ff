package dev.jwasm.wat.internal.script;

import dev.jwasm.wat.WatException;
import dev.jwasm.wat.internal.lex.Token;
import dev.jwasm.wat.internal.sexpr.SExpr;
import java.nio.charset.StandardCharsets;

/** Walks the items of one list left to right, with errors that point at the offending item. */
public final class Cursor {
    private final SExpr.SList list;
    private int index;

    public Cursor(SExpr.SList list, int start) {
        this.list = list;
        this.index = start;
    }

    public boolean atEnd() {
        return index >= list.items().size();
    }

    /** The next item, or the list itself (for error positions) at the end. */
    public SExpr peek() {
        return atEnd() ? list : list.items().get(index);
    }

    public SExpr next() {
        if (atEnd()) {
            throw new WatException(list.pos(), "unexpected token: " + list.head() + " is missing an operand");
        }
        return list.items().get(index++);
    }

    private Token peekToken() {
        return !atEnd() && list.items().get(index) instanceof SExpr.Atom(var t) ? t : null;
    }

    /** Consumes the keyword when it is next. */
    public boolean keyword(String kw) {
        var t = peekToken();
        if (t != null && t.isKeyword(kw)) {
            index++;
            return true;
        }
        return false;
    }

    /** Consumes an identifier when one is next; returns it as written or null. */
    public String optId() {
        var t = peekToken();
        if (t != null && t.is(Token.Kind.ID)) {
            index++;
            return t.text();
        }
        return null;
    }

    /** The text of the next atom, which must be a keyword, id or number. */
    public String nextText() {
        var e = next();
        if (e instanceof SExpr.Atom(var t)
                && (t.is(Token.Kind.KEYWORD) || t.is(Token.Kind.ID) || t.is(Token.Kind.NUMBER))) {
            return t.text();
        }
        throw new WatException(e.pos(), "unexpected token");
    }

    public byte[] stringBytes() {
        var e = next();
        if (e instanceof SExpr.Atom(var t) && t.is(Token.Kind.STRING)) {
            return t.bytes();
        }
        throw new WatException(e.pos(), "unexpected token: expected a string");
    }

    public String string() {
        return new String(stringBytes(), StandardCharsets.UTF_8);
    }

    /** Fails unless every item has been consumed. */
    public void end() {
        if (!atEnd()) {
            throw new WatException(peek().pos(), "unexpected token");
        }
    }
}
