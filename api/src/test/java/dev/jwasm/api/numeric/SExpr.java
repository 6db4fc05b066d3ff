package dev.jwasm.api.numeric;

import java.util.ArrayList;
import java.util.List;

/**
 * A minimal reader for the s-expressions of {@code .wast} scripts, for the tests only: lists,
 * atoms and strings, with line and block comments skipped. A list is a {@code List<Object>} whose
 * elements are lists, atoms ({@link String}) or string literals ({@link Str}).
 */
final class SExpr {
    /** A quoted string literal, kept apart from atoms. */
    record Str(String value) {}

    private final String text;
    private int pos;

    private SExpr(String text) {
        this.text = text;
    }

    /** Every top-level form of a script. */
    static List<Object> readAll(String text) {
        SExpr reader = new SExpr(text);
        List<Object> forms = new ArrayList<>();
        while (true) {
            reader.skipSpace();
            if (reader.pos >= text.length()) {
                return forms;
            }
            forms.add(reader.read());
        }
    }

    private Object read() {
        skipSpace();
        char c = text.charAt(pos);
        if (c == '(') {
            pos++;
            List<Object> list = new ArrayList<>();
            while (true) {
                skipSpace();
                if (text.charAt(pos) == ')') {
                    pos++;
                    return list;
                }
                list.add(read());
            }
        }
        if (c == '"') {
            StringBuilder sb = new StringBuilder();
            pos++;
            while (text.charAt(pos) != '"') {
                if (text.charAt(pos) == '\\') {
                    sb.append(text.charAt(pos));
                    pos++;
                }
                sb.append(text.charAt(pos));
                pos++;
            }
            pos++;
            return new Str(sb.toString());
        }
        int start = pos;
        while (pos < text.length() && " \t\r\n()\"".indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (text.startsWith(";;", pos)) {
                int end = text.indexOf('\n', pos);
                pos = end < 0 ? text.length() : end + 1;
            } else if (text.startsWith("(;", pos)) {
                int depth = 0;
                do {
                    if (text.startsWith("(;", pos)) {
                        depth++;
                        pos += 2;
                    } else if (text.startsWith(";)", pos)) {
                        depth--;
                        pos += 2;
                    } else {
                        pos++;
                    }
                } while (depth > 0);
            } else {
                return;
            }
        }
    }
}
