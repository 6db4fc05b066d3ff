package dev.jwasm.wat.internal.lex;

import dev.jwasm.wat.SourcePos;

/**
 * One token of the text format (spec 6.2.1). {@code text} is the token as written; for strings and
 * quoted identifiers {@code bytes} holds the decoded value (escapes resolved), otherwise it is null.
 * {@code start} and {@code end} are char offsets into the source, so callers can slice it.
 */
public record Token(Kind kind, String text, byte[] bytes, SourcePos pos, int start, int end) {

    /** Token classes of spec 6.2.1; {@code RESERVED} is any other run of id characters. */
    public enum Kind {
        LPAREN,
        RPAREN,
        KEYWORD,
        NUMBER,
        STRING,
        ID,
        RESERVED,
        EOF
    }

    public boolean is(Kind k) {
        return kind == k;
    }

    public boolean isKeyword(String keyword) {
        return kind == Kind.KEYWORD && text.equals(keyword);
    }
}
