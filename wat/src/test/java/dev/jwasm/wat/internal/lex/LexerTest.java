package dev.jwasm.wat.internal.lex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jwasm.wat.SourcePos;
import dev.jwasm.wat.WatException;
import java.util.List;
import org.junit.jupiter.api.Test;

class LexerTest {

    private static List<Token.Kind> kinds(String src) {
        return Lexer.tokenize(src).stream().map(Token::kind).toList();
    }

    @Test
    void classifiesTokens() {
        assertEquals(
                List.of(
                        Token.Kind.LPAREN,
                        Token.Kind.KEYWORD,
                        Token.Kind.ID,
                        Token.Kind.NUMBER,
                        Token.Kind.STRING,
                        Token.Kind.RESERVED,
                        Token.Kind.RPAREN,
                        Token.Kind.EOF),
                kinds("(func $f -0x1p3 \"s\" 1x)"));
    }

    @Test
    void skipsNestedCommentsAndAnnotationsAndTracksPositions() {
        var tokens = Lexer.tokenize("(; a (; nested ;) b ;)\n  ;; line\n (@ann (x \")\") y) nop");
        assertEquals("nop", tokens.getFirst().text());
        assertEquals(new SourcePos(3, 19), tokens.getFirst().pos());
    }

    @Test
    void decodesStringEscapes() {
        var t = Lexer.tokenize("\"a\\t\\41\\u{1F600}\\\\\"").getFirst();
        assertArrayEquals(
                new byte[] {'a', '\t', 0x41, (byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80, '\\'}, t.bytes());
    }

    @Test
    void quotedIdentifiersEqualPlainOnes() {
        assertEquals("$abc", Lexer.tokenize("$\"abc\"").getFirst().text());
    }

    @Test
    void reportsLexicalErrorsWithPositions() {
        var e = assertThrows(WatException.class, () -> Lexer.tokenize("(func\n  \"abc"));
        assertEquals("2:3: unclosed string", e.getMessage());
        e = assertThrows(WatException.class, () -> Lexer.tokenize("x (; open"));
        assertEquals("unclosed comment", e.reason());
        e = assertThrows(WatException.class, () -> Lexer.tokenize("\"\\q\""));
        assertEquals("illegal escape", e.reason());
        e = assertThrows(WatException.class, () -> Lexer.tokenize("(@ x)"));
        assertEquals("empty annotation id", e.reason());
    }
}
