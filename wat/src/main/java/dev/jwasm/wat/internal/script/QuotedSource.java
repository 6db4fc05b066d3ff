package dev.jwasm.wat.internal.script;

/**
 * Decodes the bytes of {@code (module quote ...)} strings to text. Malformed-UTF-8 tests quote
 * bytes that are not UTF-8; each such byte becomes a lone low surrogate (U+DC80..U+DCFF), which no
 * well-formed text contains, so the lexer can reject it as "malformed UTF-8 encoding" where the
 * byte was.
 */
final class QuotedSource {
    private QuotedSource() {}

    static String decode(byte[] b) {
        var out = new StringBuilder(b.length);
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xFF;
            int len = c < 0x80
                    ? 1
                    : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
            int cp = decodeSequence(b, i, len);
            if (cp < 0) {
                out.append((char) (0xDC00 | c));
                i++;
            } else {
                out.appendCodePoint(cp);
                i += len;
            }
        }
        return out.toString();
    }

    /** The code point of a well-formed sequence (RFC 3629: no overlongs, surrogates or > U+10FFFF), else -1. */
    private static int decodeSequence(byte[] b, int i, int len) {
        if (len == 0 || i + len > b.length) {
            return -1;
        }
        int c = b[i] & 0xFF;
        if (len == 1) {
            return c;
        }
        int cp = c & (0xFF >> (len + 1));
        for (int k = 1; k < len; k++) {
            int x = b[i + k] & 0xFF;
            if ((x & 0xC0) != 0x80) {
                return -1;
            }
            cp = cp << 6 | (x & 0x3F);
        }
        boolean overlong = (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
        if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000)) {
            return -1;
        }
        return cp;
    }
}
