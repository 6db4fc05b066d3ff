package dev.jwasm.api.numeric;

import java.math.BigInteger;

/**
 * Reads the numeric literals of the text format (spec 6.3.1 and 6.3.2) into raw bits, for the
 * tests only: integers in decimal or hex with optional sign and underscores, floats in decimal or
 * hex notation, {@code inf}, {@code nan} and {@code nan:0x...} payloads.
 */
final class Literals {
    private Literals() {}

    /** The raw bits of a {@code type.const} literal; i32 and f32 in the low 32 bits. */
    static long parse(String type, String literal) {
        String text = literal.replace("_", "");
        return switch (type) {
            case "i32" -> integer(text) & 0xFFFF_FFFFL;
            case "i64" -> integer(text);
            case "f32" -> f32(text) & 0xFFFF_FFFFL;
            case "f64" -> f64(text);
            default -> throw new IllegalArgumentException(type);
        };
    }

    private static long integer(String text) {
        boolean negative = text.startsWith("-");
        String digits = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
        BigInteger magnitude =
                digits.startsWith("0x") ? new BigInteger(digits.substring(2), 16) : new BigInteger(digits);
        return (negative ? magnitude.negate() : magnitude).longValue();
    }

    private static int f32(String text) {
        boolean negative = text.startsWith("-");
        String body = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
        int sign = negative ? 0x8000_0000 : 0;
        if (body.equals("inf")) {
            return sign | 0x7F80_0000;
        }
        if (body.equals("nan")) {
            return sign | 0x7FC0_0000;
        }
        if (body.startsWith("nan:0x")) {
            return sign | 0x7F80_0000 | Integer.parseInt(body.substring(6), 16);
        }
        return sign | Float.floatToRawIntBits(Float.parseFloat(javaSyntax(body)));
    }

    private static long f64(String text) {
        boolean negative = text.startsWith("-");
        String body = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
        long sign = negative ? Long.MIN_VALUE : 0;
        if (body.equals("inf")) {
            return sign | 0x7FF0_0000_0000_0000L;
        }
        if (body.equals("nan")) {
            return sign | 0x7FF8_0000_0000_0000L;
        }
        if (body.startsWith("nan:0x")) {
            return sign | 0x7FF0_0000_0000_0000L | Long.parseLong(body.substring(6), 16);
        }
        return sign | Double.doubleToRawLongBits(Double.parseDouble(javaSyntax(body)));
    }

    /** Java's parsers need a binary exponent on hex floats; Wasm makes it optional. */
    private static String javaSyntax(String body) {
        if (body.startsWith("0x") && !body.contains("p") && !body.contains("P")) {
            return body + "p0";
        }
        return body;
    }
}
