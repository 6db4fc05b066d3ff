package dev.jwasm.it.fuzz;

import java.math.BigInteger;
import java.util.Optional;

/**
 * A value jwasm produced, typed, and how it matches the token binaryen printed for the same value
 * (binaryen's {@code Literal} printing, src/wasm/literal.cpp). Where the spec leaves a result open
 * the match is canonical: any NaN matches any NaN (sign and payload of an arithmetic NaN are
 * nondeterministic, spec 4.3.3), also lane by lane in a v128.
 */
sealed interface FuzzValue {
    boolean matches(String token);

    record I32(int value) implements FuzzValue {
        @Override
        public boolean matches(String token) {
            return integer(token).map(v -> v.intValue() == value).orElse(false);
        }

        @Override
        public String toString() {
            return Integer.toString(value);
        }
    }

    record I64(long value) implements FuzzValue {
        @Override
        public boolean matches(String token) {
            return integer(token).map(v -> v.longValue() == value).orElse(false);
        }

        @Override
        public String toString() {
            return Long.toString(value);
        }
    }

    record F32(int bits) implements FuzzValue {
        @Override
        public boolean matches(String token) {
            float actual = Float.intBitsToFloat(bits);
            if (isNanToken(token)) {
                return Float.isNaN(actual);
            }
            return floating(token)
                    .map(v -> Float.floatToRawIntBits((float) v.doubleValue()) == bits)
                    .orElse(false);
        }

        @Override
        public String toString() {
            return Float.toString(Float.intBitsToFloat(bits)) + " (0x" + Integer.toHexString(bits) + ")";
        }
    }

    record F64(long bits) implements FuzzValue {
        @Override
        public boolean matches(String token) {
            double actual = Double.longBitsToDouble(bits);
            if (isNanToken(token)) {
                return Double.isNaN(actual);
            }
            return floating(token)
                    .map(v -> Double.doubleToRawLongBits(v) == bits)
                    .orElse(false);
        }

        @Override
        public String toString() {
            return Double.toString(Double.longBitsToDouble(bits)) + " (0x" + Long.toHexString(bits) + ")";
        }
    }

    /** Low 64 bits (bytes 0 to 7) and high 64 bits, as the API passes a v128. */
    record V128(long low, long high) implements FuzzValue {
        @Override
        public boolean matches(String token) {
            var words = token.split(" ");
            if (words.length != 5 || !words[0].equals("i32x4")) {
                return false;
            }
            int[] expected = new int[4];
            for (int i = 0; i < 4; i++) {
                expected[i] = Integer.parseUnsignedInt(words[i + 1].substring(2), 16);
            }
            int[] actual = {(int) low, (int) (low >>> 32), (int) high, (int) (high >>> 32)};
            for (int i = 0; i < 4; i++) {
                if (expected[i] == actual[i] || (isNan32(expected[i]) && isNan32(actual[i]))) {
                    continue;
                }
                // An f64 lane: both halves together.
                int lane = i & ~1;
                long e = (expected[lane] & 0xFFFFFFFFL) | ((long) expected[lane + 1] << 32);
                long a = (actual[lane] & 0xFFFFFFFFL) | ((long) actual[lane + 1] << 32);
                if (!(Double.isNaN(Double.longBitsToDouble(e)) && Double.isNaN(Double.longBitsToDouble(a)))) {
                    return false;
                }
            }
            return true;
        }

        private static boolean isNan32(int bits) {
            return Float.isNaN(Float.intBitsToFloat(bits));
        }

        @Override
        public String toString() {
            return "i32x4 0x%08x 0x%08x 0x%08x 0x%08x"
                    .formatted((int) low, (int) (low >>> 32), (int) high, (int) (high >>> 32));
        }
    }

    /** A reference as JS would see it: "null", "function", "externref(N)", "jserror", "object(null)". */
    record Ref(String text) implements FuzzValue {
        @Override
        public boolean matches(String token) {
            return token.equals(text);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private static boolean isNanToken(String token) {
        return token.startsWith("nan") || token.startsWith("-nan");
    }

    private static Optional<BigInteger> integer(String token) {
        try {
            return Optional.of(new BigInteger(token));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Double> floating(String token) {
        return switch (token) {
            case "inf" -> Optional.of(Double.POSITIVE_INFINITY);
            case "-inf" -> Optional.of(Double.NEGATIVE_INFINITY);
            case "-0" -> Optional.of(-0.0);
            default -> {
                try {
                    yield Optional.of(Double.parseDouble(token));
                } catch (NumberFormatException e) {
                    yield Optional.empty();
                }
            }
        };
    }
}
