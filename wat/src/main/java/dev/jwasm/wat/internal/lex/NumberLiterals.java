package dev.jwasm.wat.internal.lex;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Interprets numeric literals (spec 6.3.1 integers, 6.3.2 floats). Each method returns empty when
 * the text is not a literal of the requested type or is out of its range; the caller turns that
 * into the message the context needs ("i32 constant", "constant out of range", ...).
 */
public final class NumberLiterals {
    private static final String NUM = "[0-9](?:_?[0-9])*";
    private static final String HEXNUM = "[0-9a-fA-F](?:_?[0-9a-fA-F])*";
    private static final Pattern INT = Pattern.compile("[+-]?(?:" + NUM + "|0x" + HEXNUM + ")");
    private static final Pattern DEC_FLOAT =
            Pattern.compile("[+-]?" + NUM + "(?:\\.(?:" + NUM + ")?)?(?:[eE][+-]?" + NUM + ")?");
    private static final Pattern HEX_FLOAT =
            Pattern.compile("[+-]?0x(" + HEXNUM + ")(?:\\.(" + HEXNUM + ")?)?(?:[pP]([+-]?" + NUM + "))?");
    private static final Pattern NAN = Pattern.compile("[+-]?nan(?::0x(" + HEXNUM + "))?");
    private static final Pattern INF = Pattern.compile("[+-]?inf");

    private NumberLiterals() {}

    /** Whether {@code text} has the shape of some number token (integer or float). */
    public static boolean isNumber(String text) {
        return INT.matcher(text).matches()
                || DEC_FLOAT.matcher(text).matches()
                || HEX_FLOAT.matcher(text).matches()
                || NAN.matcher(text).matches()
                || INF.matcher(text).matches();
    }

    /** Whether the literal has no sign (the {@code uN} form of spec 6.3.1). */
    public static boolean isUnsignedInt(String text) {
        return INT.matcher(text).matches() && text.charAt(0) != '+' && text.charAt(0) != '-';
    }

    /**
     * An {@code iN} literal as its two's complement bits: unsigned literals up to 2^N-1, signed
     * ones from -2^(N-1) to 2^(N-1)-1 (spec 6.3.1).
     */
    public static Optional<Long> parseInt(String text, int bits) {
        var value = bigInt(text);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        var v = value.get();
        boolean signed = text.charAt(0) == '+' || text.charAt(0) == '-';
        var min = signed ? BigInteger.ONE.shiftLeft(bits - 1).negate() : BigInteger.ZERO;
        var max = signed
                ? BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE)
                : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            return Optional.empty();
        }
        return Optional.of(v.longValue());
    }

    /** An unsigned {@code uN} literal, such as an index or an alignment. */
    public static Optional<Long> parseUnsigned(String text, int bits) {
        return isUnsignedInt(text) ? parseInt(text, bits) : Optional.empty();
    }

    private static Optional<BigInteger> bigInt(String text) {
        if (!INT.matcher(text).matches()) {
            return Optional.empty();
        }
        boolean negative = text.charAt(0) == '-';
        String body = text.charAt(0) == '+' || negative ? text.substring(1) : text;
        body = body.replace("_", "");
        var magnitude = body.startsWith("0x") ? new BigInteger(body.substring(2), 16) : new BigInteger(body);
        return Optional.of(negative ? magnitude.negate() : magnitude);
    }

    /** An {@code f32} literal as raw IEEE bits; integers are floats too (spec 6.3.2). */
    public static Optional<Integer> parseF32(String text) {
        return parseFloat(text, FloatFormat.F32).map(Long::intValue);
    }

    /** An {@code f64} literal as raw IEEE bits. */
    public static Optional<Long> parseF64(String text) {
        return parseFloat(text, FloatFormat.F64);
    }

    private enum FloatFormat {
        F32(23, 8),
        F64(52, 11);

        final int mantissaBits;
        final int exponentBits;

        FloatFormat(int mantissaBits, int exponentBits) {
            this.mantissaBits = mantissaBits;
            this.exponentBits = exponentBits;
        }

        long signBit() {
            return 1L << (mantissaBits + exponentBits);
        }

        long infinityBits() {
            return ((1L << exponentBits) - 1) << mantissaBits;
        }
    }

    private static Optional<Long> parseFloat(String text, FloatFormat fmt) {
        boolean negative = text.startsWith("-");
        long sign = negative ? fmt.signBit() : 0;
        var nan = NAN.matcher(text);
        if (nan.matches()) {
            long payload;
            if (nan.group(1) == null) {
                payload = 1L << (fmt.mantissaBits - 1); // canonical NaN (spec 4.3.2)
            } else {
                var p = new BigInteger(nan.group(1).replace("_", ""), 16);
                if (p.signum() == 0 || p.bitLength() > fmt.mantissaBits) {
                    return Optional.empty();
                }
                payload = p.longValue();
            }
            return Optional.of(sign | fmt.infinityBits() | payload);
        }
        if (INF.matcher(text).matches()) {
            return Optional.of(sign | fmt.infinityBits());
        }
        String unsigned = text.charAt(0) == '+' || negative ? text.substring(1) : text;
        BigDecimal magnitude;
        var hex = HEX_FLOAT.matcher(text);
        if (hex.matches()) {
            magnitude = hexMagnitude(hex.group(1), hex.group(2), hex.group(3));
        } else if (DEC_FLOAT.matcher(text).matches()) {
            magnitude = decimalMagnitude(unsigned.replace("_", ""));
        } else {
            return Optional.empty();
        }
        if (magnitude == null) {
            return Optional.empty();
        }
        long bits = roundToBits(magnitude, fmt);
        if (bits == fmt.infinityBits()) {
            return Optional.empty(); // rounds to infinity: constant out of range (spec 6.3.2)
        }
        return Optional.of(sign | bits);
    }

    private static BigDecimal decimalMagnitude(String s) {
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException | ArithmeticException e) {
            return null; // exponent beyond int range
        }
    }

    private static BigDecimal hexMagnitude(String intPart, String fracPart, String exp) {
        String digits = intPart.replace("_", "") + (fracPart == null ? "" : fracPart.replace("_", ""));
        var mantissa = new BigInteger(digits, 16);
        long e = 0;
        if (exp != null) {
            var ev = new BigInteger(exp.replace("_", ""));
            if (ev.bitLength() > 40) {
                // Far beyond any float's range; clamp keeping the direction.
                e = ev.signum() * (1L << 40);
            } else {
                e = ev.longValue();
            }
        }
        e -= 4L * (fracPart == null ? 0 : fracPart.replace("_", "").length());
        if (mantissa.signum() == 0) {
            return BigDecimal.ZERO;
        }
        // Clamp the exponent to a range where results are exactly 0 or infinity anyway.
        if (e > 5000) {
            e = 5000;
        } else if (e < -5000 - mantissa.bitLength()) {
            e = -5000 - mantissa.bitLength();
        }
        return e >= 0
                ? new BigDecimal(mantissa.shiftLeft((int) e))
                : new BigDecimal(mantissa).divide(new BigDecimal(BigInteger.ONE.shiftLeft((int) -e)));
    }

    /**
     * Rounds a non-negative exact value to the nearest representable float, ties to even (spec
     * 6.3.2 requires IEEE round-to-nearest). Returns the bit pattern without sign; infinity when the
     * value is too large.
     */
    private static long roundToBits(BigDecimal value, FloatFormat fmt) {
        if (value.signum() == 0) {
            return 0;
        }
        int p = fmt.mantissaBits + 1; // precision including the implicit bit
        int bias = (1 << (fmt.exponentBits - 1)) - 1;
        int minExp = 1 - bias; // exponent of the smallest normal
        // Decimal magnitude far outside any float range: answer without huge powers of ten.
        long log10 = (long) value.precision() - value.scale() - 1;
        if (log10 > 400) {
            return fmt.infinityBits();
        }
        if (log10 < -400) {
            return 0;
        }
        var unscaled = value.unscaledValue();
        int scale = value.scale();
        long e = estimateExponent(value);
        if (e > bias) {
            return fmt.infinityBits();
        }
        // Scale so the integer part has p significant bits (or fewer for subnormals).
        long shift = Math.max(e, minExp) - (p - 1); // value / 2^shift has up to p bits
        // q = value / 2^shift as a fraction num/den
        BigInteger num = unscaled;
        BigInteger den = BigInteger.ONE;
        if (scale > 0) {
            den = BigInteger.TEN.pow(scale);
        } else if (scale < 0) {
            num = num.multiply(BigInteger.TEN.pow(-scale));
        }
        if (shift > 0) {
            den = den.shiftLeft((int) shift);
        } else if (shift < 0) {
            num = num.shiftLeft((int) -shift);
        }
        var qr = num.divideAndRemainder(den);
        var q = qr[0];
        int cmp = qr[1].shiftLeft(1).compareTo(den);
        if (cmp > 0 || (cmp == 0 && q.testBit(0))) {
            q = q.add(BigInteger.ONE);
        }
        long mant = q.longValue();
        long biasedExp;
        if (mant >= 1L << p) {
            mant >>= 1;
            shift++;
        }
        if (mant >= 1L << (p - 1)) {
            biasedExp = shift + (p - 1) + bias;
            if (biasedExp >= (1L << fmt.exponentBits) - 1) {
                return fmt.infinityBits();
            }
            return biasedExp << fmt.mantissaBits | (mant & ((1L << fmt.mantissaBits) - 1));
        }
        return mant; // subnormal (or zero): exponent field 0
    }

    /** floor(log2(value)) for a positive value, exactly. */
    private static long estimateExponent(BigDecimal value) {
        var unscaled = value.unscaledValue();
        int scale = value.scale();
        if (scale <= 0) {
            return unscaled.multiply(BigInteger.TEN.pow(-scale)).bitLength() - 1L;
        }
        var den = BigInteger.TEN.pow(scale);
        long e = unscaled.bitLength() - den.bitLength();
        // Adjust so that 2^e <= unscaled/den < 2^(e+1).
        while (compareWithPow2(unscaled, den, e) < 0) {
            e--;
        }
        while (compareWithPow2(unscaled, den, e + 1) >= 0) {
            e++;
        }
        return e;
    }

    /** Compares num/den with 2^e. */
    private static int compareWithPow2(BigInteger num, BigInteger den, long e) {
        return e >= 0
                ? num.compareTo(den.shiftLeft((int) e))
                : num.shiftLeft((int) -e).compareTo(den);
    }
}
