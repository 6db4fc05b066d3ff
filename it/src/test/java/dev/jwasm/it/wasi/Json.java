package dev.jwasm.it.wasi;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small reader for the JSON (RFC 8259) of the WASI testsuite's test specifications: the project
 * depends on nothing but the JDK, and these files need only objects, arrays, strings and numbers.
 */
sealed interface Json {
    record Obj(Map<String, Json> members) implements Json {}

    record Arr(List<Json> elements) implements Json {}

    record Str(String value) implements Json {}

    record Num(BigDecimal value) implements Json {}

    record Bool(boolean value) implements Json {}

    record Null() implements Json {}

    /** Thrown for text that is not one JSON value. */
    final class SyntaxException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SyntaxException(String message, int offset) {
            super(message + " at offset " + offset);
        }
    }

    static Json parse(String text) {
        var reader = new Reader(text);
        Json value = reader.value();
        reader.skipSpace();
        if (reader.pos != text.length()) {
            throw new SyntaxException("text after the value", reader.pos);
        }
        return value;
    }

    /** A recursive-descent reader over the text. */
    final class Reader {
        private final String text;
        private int pos;

        private Reader(String text) {
            this.text = text;
        }

        private Json value() {
            skipSpace();
            if (pos >= text.length()) {
                throw new SyntaxException("unexpected end", pos);
            }
            char c = text.charAt(pos);
            return switch (c) {
                case '{' -> object();
                case '[' -> array();
                case '"' -> new Str(string());
                case 't' -> literal("true", new Bool(true));
                case 'f' -> literal("false", new Bool(false));
                case 'n' -> literal("null", new Null());
                default -> number();
            };
        }

        private Json object() {
            pos++;
            var members = new LinkedHashMap<String, Json>();
            skipSpace();
            if (peek() == '}') {
                pos++;
                return new Obj(members);
            }
            while (true) {
                skipSpace();
                if (peek() != '"') {
                    throw new SyntaxException("expected a member name", pos);
                }
                String name = string();
                skipSpace();
                expect(':');
                members.put(name, value());
                skipSpace();
                if (peek() == ',') {
                    pos++;
                    continue;
                }
                expect('}');
                return new Obj(members);
            }
        }

        private Json array() {
            pos++;
            var elements = new ArrayList<Json>();
            skipSpace();
            if (peek() == ']') {
                pos++;
                return new Arr(elements);
            }
            while (true) {
                elements.add(value());
                skipSpace();
                if (peek() == ',') {
                    pos++;
                    continue;
                }
                expect(']');
                return new Arr(elements);
            }
        }

        private String string() {
            pos++; // the opening quote
            var s = new StringBuilder();
            while (true) {
                if (pos >= text.length()) {
                    throw new SyntaxException("unterminated string", pos);
                }
                char c = text.charAt(pos++);
                if (c == '"') {
                    return s.toString();
                }
                if (c != '\\') {
                    s.append(c);
                    continue;
                }
                if (pos >= text.length()) {
                    throw new SyntaxException("unterminated escape", pos);
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case '"', '\\', '/' -> s.append(e);
                    case 'b' -> s.append('\b');
                    case 'f' -> s.append('\f');
                    case 'n' -> s.append('\n');
                    case 'r' -> s.append('\r');
                    case 't' -> s.append('\t');
                    case 'u' -> {
                        if (pos + 4 > text.length()) {
                            throw new SyntaxException("short \\u escape", pos);
                        }
                        try {
                            s.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException x) {
                            throw new SyntaxException("bad \\u escape", pos);
                        }
                        pos += 4;
                    }
                    default -> throw new SyntaxException("bad escape \\" + e, pos - 1);
                }
            }
        }

        private Json number() {
            int start = pos;
            while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
            try {
                return new Num(new BigDecimal(text.substring(start, pos)));
            } catch (NumberFormatException e) {
                throw new SyntaxException("not a JSON value", start);
            }
        }

        private Json literal(String word, Json value) {
            if (!text.startsWith(word, pos)) {
                throw new SyntaxException("not a JSON value", pos);
            }
            pos += word.length();
            return value;
        }

        private void expect(char c) {
            if (peek() != c) {
                throw new SyntaxException("expected '" + c + "'", pos);
            }
            pos++;
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        private void skipSpace() {
            while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
        }
    }
}
