package dev.jwasm.internal.binary;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helper: pulls the binary modules out of a {@code .wast} script, with the assertion that
 * wraps each one. Only what these tests need of the script syntax: balanced parentheses, strings
 * with the text format's escapes, line and block comments.
 */
final class WastBinaryModules {
    /** How a binary module appears in the script. */
    enum Kind {
        MODULE,
        MALFORMED,
        INVALID
    }

    record Entry(Kind kind, byte[] binary, String expected, int line) {}

    private final String text;
    private int lineCountedTo;
    private int line = 1;

    private WastBinaryModules(String text) {
        this.text = text;
    }

    static List<Entry> parse(String text) {
        return new WastBinaryModules(text).entries();
    }

    private List<Entry> entries() {
        var out = new ArrayList<Entry>();
        int i = 0;
        int depth = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ';' && text.startsWith(";;", i)) {
                i = skipLine(i);
            } else if (c == '(' && text.startsWith("(;", i)) {
                i = skipBlockComment(i);
            } else if (c == '"') {
                i = skipString(i);
            } else if (c == '(') {
                if (depth == 0) {
                    int end = matching(i);
                    topLevel(text.substring(i, end), lineOf(i), out);
                    i = end;
                    continue;
                }
                depth++;
                i++;
            } else {
                i++;
            }
        }
        return out;
    }

    private void topLevel(String form, int line, List<Entry> out) {
        String head = form.substring(1).stripLeading();
        if (head.startsWith("module") && isBinaryModule(head)) {
            out.add(new Entry(Kind.MODULE, strings(head, Integer.MAX_VALUE).binary, null, line));
        } else if (head.startsWith("assert_malformed") || head.startsWith("assert_invalid")) {
            int inner = head.indexOf('(');
            if (inner < 0) {
                return;
            }
            String module = head.substring(inner);
            int moduleEnd = new WastBinaryModules(module).matching(0);
            String moduleText = module.substring(1, moduleEnd - 1).stripLeading();
            if (!isBinaryModule(moduleText)) {
                return;
            }
            byte[] binary = strings(moduleText, Integer.MAX_VALUE).binary;
            String rest = module.substring(moduleEnd);
            String expected = new String(strings(rest, 1).binary, StandardCharsets.UTF_8);
            Kind kind = head.startsWith("assert_malformed") ? Kind.MALFORMED : Kind.INVALID;
            out.add(new Entry(kind, binary, expected, line));
        }
    }

    private static boolean isBinaryModule(String moduleForm) {
        // "module", optional $name, then "binary"
        String[] words = moduleForm.split("\\s+", 4);
        return words.length >= 2
                && (words[1].equals("binary")
                        || (words[1].startsWith("$") && words.length >= 3 && words[2].equals("binary")));
    }

    private record Strings(byte[] binary) {}

    // Concatenates up to `max` string literals found in `s`.
    private static Strings strings(String s, int max) {
        var bytes = new ByteArrayOutputStream();
        int count = 0;
        int i = 0;
        while (i < s.length() && count < max) {
            char c = s.charAt(i);
            if (c == ';' && s.startsWith(";;", i)) {
                int nl = s.indexOf('\n', i);
                i = nl < 0 ? s.length() : nl;
            } else if (c == '"') {
                i = decodeString(s, i + 1, bytes);
                count++;
            } else {
                i++;
            }
        }
        return new Strings(bytes.toByteArray());
    }

    private static int decodeString(String s, int i, ByteArrayOutputStream out) {
        while (true) {
            char c = s.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c != '\\') {
                int cp = s.codePointAt(i);
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp);
                continue;
            }
            char e = s.charAt(i + 1);
            switch (e) {
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case 'r' -> out.write('\r');
                case '\\' -> out.write('\\');
                case '\'' -> out.write('\'');
                case '"' -> out.write('"');
                case 'u' -> {
                    int close = s.indexOf('}', i);
                    int cp = Integer.parseInt(s.substring(i + 3, close), 16);
                    out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                    i = close + 1;
                    continue;
                }
                default -> {
                    out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 3;
                    continue;
                }
            }
            i += 2;
        }
    }

    private int matching(int open) {
        int depth = 0;
        int i = open;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ';' && text.startsWith(";;", i)) {
                i = skipLine(i);
                continue;
            }
            if (c == '(' && text.startsWith("(;", i)) {
                i = skipBlockComment(i);
                continue;
            }
            if (c == '"') {
                i = skipString(i);
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            }
            i++;
        }
        return text.length();
    }

    private int skipLine(int i) {
        int nl = text.indexOf('\n', i);
        return nl < 0 ? text.length() : nl + 1;
    }

    private int skipBlockComment(int i) {
        int depth = 0;
        while (i < text.length()) {
            if (text.startsWith("(;", i)) {
                depth++;
                i += 2;
            } else if (text.startsWith(";)", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return i;
    }

    private int skipString(int i) {
        i++;
        while (i < text.length() && text.charAt(i) != '"') {
            i += text.charAt(i) == '\\' ? 2 : 1;
        }
        return i + 1;
    }

    private int lineOf(int offset) {
        // Counted from the last answer: forms are visited in order, so this stays linear.
        for (; lineCountedTo < offset; lineCountedTo++) {
            if (text.charAt(lineCountedTo) == '\n') {
                line++;
            }
        }
        return line;
    }
}
