package dev.jwasm.wat.internal.lex;

import dev.jwasm.wat.SourcePos;
import dev.jwasm.wat.WatException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into tokens (spec 6.2). Whitespace, line comments {@code ;;}, nested block comments
 * {@code (; ;)} and annotations {@code (@name ...)} (spec 6.2.4, the annotations proposal) are
 * skipped. Numbers stay as text: {@link NumberLiterals} interprets them once the expected type is
 * known, because the same literal is valid or not depending on its type.
 */
public final class Lexer {
    private final String src;
    private int pos;
    private int line = 1;
    private int lineStart;
    /** The annotations skipped at top level, in source order. */
    private final List<Annotation> annotations = new ArrayList<>();
    /** Inside an annotation's body, where {@code (@} is plain nesting. */
    private boolean inAnnotation;

    /**
     * An annotation {@code (@id body...)} (annotations proposal): its id and the tokens of its body
     * (parentheses included), with the char offsets of the whole annotation.
     */
    public record Annotation(String id, List<Token> body, SourcePos pos, int start, int end) {
        public Annotation {
            body = List.copyOf(body);
        }
    }

    /** The tokens of a source and the annotations that were skipped between them. */
    public record Lexed(List<Token> tokens, List<Annotation> annotations) {}

    private Lexer(String src) {
        this.src = src;
    }

    /** All tokens of {@code src}, ending with one {@link Token.Kind#EOF}. */
    public static List<Token> tokenize(String src) {
        return lex(src).tokens();
    }

    /** All tokens of {@code src} (ending with one EOF) and its annotations. */
    public static Lexed lex(String src) {
        var lexer = new Lexer(src);
        var out = new ArrayList<Token>();
        Token t;
        do {
            t = lexer.next();
            out.add(t);
        } while (!t.is(Token.Kind.EOF));
        return new Lexed(out, List.copyOf(lexer.annotations));
    }

    private SourcePos here() {
        return new SourcePos(line, pos - lineStart + 1);
    }

    private WatException error(SourcePos at, String reason) {
        return new WatException(at, reason);
    }

    private Token next() {
        skipTrivia();
        var at = here();
        int start = pos;
        if (pos >= src.length()) {
            return new Token(Token.Kind.EOF, "", null, at, start, start);
        }
        char c = src.charAt(pos);
        if (c == '(') {
            pos++;
            return new Token(Token.Kind.LPAREN, "(", null, at, start, pos);
        }
        if (c == ')') {
            pos++;
            return new Token(Token.Kind.RPAREN, ")", null, at, start, pos);
        }
        if (c == '"') {
            byte[] value = readString(at);
            if (pos < src.length() && !isSeparator(src.charAt(pos))) {
                readReservedTail();
                return new Token(Token.Kind.RESERVED, src.substring(start, pos), null, at, start, pos);
            }
            return new Token(Token.Kind.STRING, src.substring(start, pos), value, at, start, pos);
        }
        if (c == '$' && pos + 1 < src.length() && src.charAt(pos + 1) == '"') {
            // Quoted identifier (WebAssembly 3.0): $"..." names any UTF-8 string.
            pos++;
            byte[] name = readString(at);
            if (name.length == 0) {
                throw error(at, "empty identifier");
            }
            checkUtf8(name, at);
            if (pos < src.length() && !isSeparator(src.charAt(pos))) {
                readReservedTail();
                return new Token(Token.Kind.RESERVED, src.substring(start, pos), null, at, start, pos);
            }
            // $"name" and $name denote the same identifier (spec 6.3.5), so both get the plain spelling.
            return new Token(Token.Kind.ID, "$" + new String(name, StandardCharsets.UTF_8), name, at, start, pos);
        }
        if (!isIdChar(c) && !isReservedChar(c)) {
            throw error(at, Character.isSurrogate(c) ? "malformed UTF-8 encoding" : "illegal character");
        }
        readReservedTail();
        String text = src.substring(start, pos);
        return new Token(classify(text), text, null, at, start, pos);
    }

    private static Token.Kind classify(String text) {
        if (!text.chars().allMatch(ch -> isIdChar((char) ch))) {
            return Token.Kind.RESERVED;
        }
        char first = text.charAt(0);
        if (first == '$') {
            return text.length() > 1 ? Token.Kind.ID : Token.Kind.RESERVED;
        }
        if (NumberLiterals.isNumber(text)) {
            return Token.Kind.NUMBER;
        }
        if (first >= 'a' && first <= 'z') {
            return Token.Kind.KEYWORD;
        }
        return Token.Kind.RESERVED;
    }

    /** Consumes the rest of a reserved token: id chars, strings and the punctuation of spec 6.2.1. */
    private void readReservedTail() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '"') {
                readString(here());
            } else if (isIdChar(c) || (isReservedChar(c) && !startsLineComment())) {
                pos++;
            } else {
                return;
            }
        }
    }

    private boolean startsLineComment() {
        return src.startsWith(";;", pos);
    }

    private boolean isSeparator(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(' || c == ')' || startsLineComment();
    }

    /** idchar of spec 6.2.1: printable ASCII except space, quote, comma, semicolon and brackets. */
    static boolean isIdChar(char c) {
        if (c < 0x21 || c > 0x7e) {
            return false;
        }
        return switch (c) {
            case '"', ',', ';', '(', ')', '[', ']', '{', '}' -> false;
            default -> true;
        };
    }

    private static boolean isReservedChar(char c) {
        return c == ',' || c == ';' || c == '[' || c == ']' || c == '{' || c == '}';
    }

    private void skipTrivia() {
        skipTrivia(!inAnnotation);
    }

    /** Inside an annotation, {@code (@} is plain nesting, not a new annotation. */
    private void skipTrivia(boolean annotations) {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            switch (c) {
                case ' ', '\t', '\r' -> pos++;
                case '\n' -> newline();
                case ';' -> {
                    if (!startsLineComment()) {
                        return;
                    }
                    // Spec 6.2.4: a line comment ends at a line feed or a carriage return.
                    while (pos < src.length() && src.charAt(pos) != '\n' && src.charAt(pos) != '\r') {
                        pos++;
                    }
                }
                case '(' -> {
                    if (src.startsWith("(;", pos)) {
                        skipBlockComment();
                    } else if (annotations && src.startsWith("(@", pos)) {
                        skipAnnotation();
                    } else {
                        return;
                    }
                }
                default -> {
                    return;
                }
            }
        }
    }

    private void newline() {
        pos++;
        line++;
        lineStart = pos;
    }

    private void skipBlockComment() {
        var at = here();
        pos += 2;
        int depth = 1;
        while (depth > 0) {
            if (pos >= src.length()) {
                throw error(at, "unclosed comment");
            }
            if (src.startsWith("(;", pos)) {
                depth++;
                pos += 2;
            } else if (src.startsWith(";)", pos)) {
                depth--;
                pos += 2;
            } else if (src.charAt(pos) == '\n') {
                newline();
            } else {
                pos++;
            }
        }
    }

    /** Skips {@code (@id ...)} with balanced parentheses; strings and comments inside are honoured. */
    private void skipAnnotation() {
        var at = here();
        int start = pos;
        pos += 2;
        String id;
        if (pos < src.length() && src.charAt(pos) == '"') {
            byte[] name = readString(here());
            if (name.length == 0) {
                throw error(at, "empty annotation id");
            }
            checkUtf8(name, at);
            id = new String(name, StandardCharsets.UTF_8);
        } else {
            int nameStart = pos;
            while (pos < src.length() && isIdChar(src.charAt(pos))) {
                pos++;
            }
            if (pos == nameStart) {
                throw error(at, "empty annotation id");
            }
            id = src.substring(nameStart, pos);
        }
        int bodyStart = pos;
        int bodyLine = line;
        int bodyLineStart = lineStart;
        int depth = 1;
        while (depth > 0) {
            skipTrivia(false);
            if (pos >= src.length()) {
                throw error(at, "unclosed annotation");
            }
            char c = src.charAt(pos);
            if (c == '(') {
                depth++;
                pos++;
            } else if (c == ')') {
                depth--;
                pos++;
            } else if (c == '"') {
                readString(here());
            } else if (isIdChar(c) || isReservedChar(c)) {
                readReservedTail();
            } else {
                // Annotation bodies are token sequences too (annotations proposal).
                throw error(here(), Character.isSurrogate(c) ? "malformed UTF-8 encoding" : "illegal character");
            }
        }
        // Only the annotations that encode to something keep their body's tokens.
        var body = id.equals("custom") || id.equals("name") || id.startsWith("metadata.code.")
                ? bodyTokens(bodyStart, bodyLine, bodyLineStart, pos - 1)
                : List.<Token>of();
        annotations.add(new Annotation(id, body, at, start, pos));
    }

    /** The tokens between {@code from} and the annotation's closing parenthesis at {@code to}. */
    private List<Token> bodyTokens(int from, int fromLine, int fromLineStart, int to) {
        var sub = new Lexer(src);
        sub.pos = from;
        sub.line = fromLine;
        sub.lineStart = fromLineStart;
        sub.inAnnotation = true;
        var body = new ArrayList<Token>();
        while (true) {
            var t = sub.next();
            if (t.start() >= to || t.is(Token.Kind.EOF)) {
                return body;
            }
            body.add(t);
        }
    }

    /** Reads a string literal starting at the quote (spec 6.3.3) and returns its bytes. */
    private byte[] readString(SourcePos at) {
        pos++;
        var out = new ByteArrayOutputStream();
        while (true) {
            if (pos >= src.length() || src.charAt(pos) == '\n') {
                throw error(at, "unclosed string");
            }
            char c = src.charAt(pos);
            if (c == '"') {
                pos++;
                return out.toByteArray();
            }
            if (c == '\\') {
                readEscape(out);
            } else if (c < 0x20 || c == 0x7f) {
                throw error(here(), "illegal control character in string");
            } else if (Character.isSurrogate(c)
                    && !Character.isSurrogatePair(c, pos + 1 < src.length() ? src.charAt(pos + 1) : 0)) {
                // Lone surrogates stand for bytes that were not UTF-8 (see QuotedSource).
                throw error(here(), "malformed UTF-8 encoding");
            } else {
                int cp = src.codePointAt(pos);
                pos += Character.charCount(cp);
                out.writeBytes(Character.toString(cp).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private void readEscape(ByteArrayOutputStream out) {
        var at = here();
        pos++;
        if (pos >= src.length()) {
            throw error(at, "unclosed string");
        }
        char c = src.charAt(pos++);
        switch (c) {
            case 't' -> out.write('\t');
            case 'n' -> out.write('\n');
            case 'r' -> out.write('\r');
            case '"' -> out.write('"');
            case '\'' -> out.write('\'');
            case '\\' -> out.write('\\');
            case 'u' -> {
                if (pos >= src.length() || src.charAt(pos) != '{') {
                    throw error(at, "illegal escape");
                }
                int close = src.indexOf('}', pos);
                if (close < 0) {
                    throw error(at, "illegal escape");
                }
                String hex = src.substring(pos + 1, close);
                pos = close + 1;
                int cp = parseHexCodePoint(hex, at);
                out.writeBytes(Character.toString(cp).getBytes(StandardCharsets.UTF_8));
            }
            default -> {
                int hi = Character.digit(c, 16);
                int lo = pos < src.length() ? Character.digit(src.charAt(pos), 16) : -1;
                if (hi < 0 || lo < 0) {
                    throw error(at, "illegal escape");
                }
                pos++;
                out.write(hi << 4 | lo);
            }
        }
    }

    private int parseHexCodePoint(String hex, SourcePos at) {
        if (!hex.matches("[0-9a-fA-F]+(_?[0-9a-fA-F]+)*")) {
            throw error(at, "illegal escape");
        }
        var digits = hex.replace("_", "");
        // Code points stop at 0x10FFFF and exclude surrogates (spec 6.3.3); reject before overflow.
        if (digits.replaceFirst("^0+", "").length() > 6) {
            throw error(at, "illegal escape");
        }
        int cp = Integer.parseInt(digits, 16);
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000)) {
            throw error(at, "illegal escape");
        }
        return cp;
    }

    /** Names must be valid UTF-8 (spec 6.3.4). */
    public static void checkUtf8(byte[] bytes, SourcePos at) {
        var decoder = StandardCharsets.UTF_8.newDecoder();
        try {
            decoder.decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw new WatException(at, "malformed UTF-8 encoding");
        }
    }
}
