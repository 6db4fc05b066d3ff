package dev.jwasm.wat.internal.sexpr;

import dev.jwasm.wat.WatException;
import dev.jwasm.wat.internal.lex.Lexer;
import dev.jwasm.wat.internal.lex.Token;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** Groups tokens into s-expressions. Iterative, so deep nesting cannot overflow the JVM stack. */
public final class SExprReader {
    private SExprReader() {}

    /** All top-level s-expressions of {@code source}. */
    public static List<SExpr> read(String source) {
        var tokens = Lexer.tokenize(source);
        var top = new ArrayList<SExpr>();
        var stack = new ArrayDeque<Frame>();
        for (var t : tokens) {
            switch (t.kind()) {
                case LPAREN -> stack.push(new Frame(t, new ArrayList<>()));
                case RPAREN -> {
                    if (stack.isEmpty()) {
                        throw new WatException(t.pos(), "unexpected token");
                    }
                    var f = stack.pop();
                    var list = new SExpr.SList(f.items, f.open.pos(), f.open.start(), t.end());
                    (stack.isEmpty() ? top : stack.peek().items).add(list);
                }
                case EOF -> {
                    if (!stack.isEmpty()) {
                        throw new WatException(stack.peek().open.pos(), "unclosed parenthesis");
                    }
                }
                default -> (stack.isEmpty() ? top : stack.peek().items).add(new SExpr.Atom(t));
            }
        }
        return top;
    }

    private record Frame(Token open, List<SExpr> items) {}
}
