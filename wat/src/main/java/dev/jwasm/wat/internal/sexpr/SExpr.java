package dev.jwasm.wat.internal.sexpr;

import dev.jwasm.wat.SourcePos;
import dev.jwasm.wat.internal.lex.Token;
import java.util.List;

/** An s-expression: a single token or a parenthesized list, with its source span. */
public sealed interface SExpr {
    SourcePos pos();

    /** Char offset of the first character. */
    int start();

    /** Char offset just past the last character. */
    int end();

    /** A token that is not a parenthesis. */
    record Atom(Token token) implements SExpr {
        @Override
        public SourcePos pos() {
            return token.pos();
        }

        @Override
        public int start() {
            return token.start();
        }

        @Override
        public int end() {
            return token.end();
        }
    }

    /** {@code ( items )}. */
    record SList(List<SExpr> items, SourcePos pos, int start, int end) implements SExpr {
        public SList {
            items = List.copyOf(items);
        }

        /** The leading keyword, or null when the list is empty or starts with something else. */
        public String head() {
            return !items.isEmpty() && items.getFirst() instanceof Atom(var t) && t.is(Token.Kind.KEYWORD)
                    ? t.text()
                    : null;
        }
    }
}
