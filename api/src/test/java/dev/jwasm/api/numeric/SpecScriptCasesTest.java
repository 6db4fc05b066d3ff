package dev.jwasm.api.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.Trap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs every one-line scalar {@code assert_return} / {@code assert_trap} of the spec testsuite's
 * numeric scripts whose export maps onto an operator of this package. The scripts' own modules are
 * one instruction per export, so calling the operator directly checks exactly what the script
 * checks. Expected values and trap messages are read from the scripts.
 */
class SpecScriptCasesTest {
    private static final Pattern CONST = Pattern.compile("\\((i32|i64|f32|f64)\\.const ([^)]+)\\)");
    private static final Pattern RETURN = Pattern.compile(
            "^\\(assert_return \\(invoke \"([^\"]+)\"((?: *\\((?:i32|i64|f32|f64)\\.const [^)]+\\))*)\\)"
                    + " *(\\((?:i32|i64|f32|f64)\\.const [^)]+\\))?\\)");
    private static final Pattern TRAP = Pattern.compile(
            "^\\(assert_trap \\(invoke \"([^\"]+)\"((?: *\\((?:i32|i64|f32|f64)\\.const [^)]+\\))*)\\) \"([^\"]+)\"\\)");

    /** An operator on raw bits: i32 and f32 arguments in the low 32 bits, results likewise. */
    private interface Op extends ToLongFunction<long[]> {}

    private static Path suite() {
        Path dir = Path.of(System.getProperty("jwasm.testsuite", "../../shared/testsuite"));
        Assumptions.assumeTrue(
                Files.isDirectory(dir), "spec testsuite not found at " + dir + " (set -Djwasm.testsuite)");
        return dir;
    }

    private static float f(long bits) {
        return Float.intBitsToFloat((int) bits);
    }

    private static double d(long bits) {
        return Double.longBitsToDouble(bits);
    }

    private static long fb(float x) {
        return Float.floatToRawIntBits(x) & 0xFFFF_FFFFL;
    }

    private static long db(double x) {
        return Double.doubleToRawLongBits(x);
    }

    private static long i(int x) {
        return x & 0xFFFF_FFFFL;
    }

    @Test
    void i32Script() throws IOException {
        run(
                "i32.wast",
                Map.ofEntries(
                        Map.entry("div_s", a -> i(IntOps.i32DivS((int) a[0], (int) a[1]))),
                        Map.entry("div_u", a -> i(IntOps.i32DivU((int) a[0], (int) a[1]))),
                        Map.entry("rem_s", a -> i(IntOps.i32RemS((int) a[0], (int) a[1]))),
                        Map.entry("rem_u", a -> i(IntOps.i32RemU((int) a[0], (int) a[1]))),
                        Map.entry("rotl", a -> i(IntOps.i32Rotl((int) a[0], (int) a[1]))),
                        Map.entry("rotr", a -> i(IntOps.i32Rotr((int) a[0], (int) a[1]))),
                        Map.entry("clz", a -> i(IntOps.i32Clz((int) a[0]))),
                        Map.entry("ctz", a -> i(IntOps.i32Ctz((int) a[0]))),
                        Map.entry("popcnt", a -> i(IntOps.i32Popcnt((int) a[0]))),
                        Map.entry("extend8_s", a -> i(IntOps.i32Extend8S((int) a[0]))),
                        Map.entry("extend16_s", a -> i(IntOps.i32Extend16S((int) a[0]))),
                        Map.entry("eqz", a -> IntOps.i32Eqz((int) a[0])),
                        Map.entry("lt_u", a -> IntOps.i32LtU((int) a[0], (int) a[1])),
                        Map.entry("le_u", a -> IntOps.i32LeU((int) a[0], (int) a[1])),
                        Map.entry("gt_u", a -> IntOps.i32GtU((int) a[0], (int) a[1])),
                        Map.entry("ge_u", a -> IntOps.i32GeU((int) a[0], (int) a[1]))),
                195);
    }

    @Test
    void i64Script() throws IOException {
        run(
                "i64.wast",
                Map.ofEntries(
                        Map.entry("div_s", a -> IntOps.i64DivS(a[0], a[1])),
                        Map.entry("div_u", a -> IntOps.i64DivU(a[0], a[1])),
                        Map.entry("rem_s", a -> IntOps.i64RemS(a[0], a[1])),
                        Map.entry("rem_u", a -> IntOps.i64RemU(a[0], a[1])),
                        Map.entry("rotl", a -> IntOps.i64Rotl(a[0], a[1])),
                        Map.entry("rotr", a -> IntOps.i64Rotr(a[0], a[1])),
                        Map.entry("clz", a -> IntOps.i64Clz(a[0])),
                        Map.entry("ctz", a -> IntOps.i64Ctz(a[0])),
                        Map.entry("popcnt", a -> IntOps.i64Popcnt(a[0])),
                        Map.entry("extend8_s", a -> IntOps.i64Extend8S(a[0])),
                        Map.entry("extend16_s", a -> IntOps.i64Extend16S(a[0])),
                        Map.entry("extend32_s", a -> IntOps.i64Extend32S(a[0])),
                        Map.entry("eqz", a -> IntOps.i64Eqz(a[0])),
                        Map.entry("lt_u", a -> IntOps.i64LtU(a[0], a[1])),
                        Map.entry("le_u", a -> IntOps.i64LeU(a[0], a[1])),
                        Map.entry("gt_u", a -> IntOps.i64GtU(a[0], a[1])),
                        Map.entry("ge_u", a -> IntOps.i64GeU(a[0], a[1]))),
                205);
    }

    @Test
    void f32Script() throws IOException {
        run(
                "f32.wast",
                Map.of(
                        "min", a -> fb(FloatOps.f32Min(f(a[0]), f(a[1]))),
                        "max", a -> fb(FloatOps.f32Max(f(a[0]), f(a[1]))),
                        "sqrt", a -> fb(FloatOps.f32Sqrt(f(a[0]))),
                        "ceil", a -> fb(FloatOps.f32Ceil(f(a[0]))),
                        "floor", a -> fb(FloatOps.f32Floor(f(a[0]))),
                        "trunc", a -> fb(FloatOps.f32Trunc(f(a[0]))),
                        "nearest", a -> fb(FloatOps.f32Nearest(f(a[0])))),
                900);
    }

    @Test
    void f64Script() throws IOException {
        run(
                "f64.wast",
                Map.of(
                        "min", a -> db(FloatOps.f64Min(d(a[0]), d(a[1]))),
                        "max", a -> db(FloatOps.f64Max(d(a[0]), d(a[1]))),
                        "sqrt", a -> db(FloatOps.f64Sqrt(d(a[0]))),
                        "ceil", a -> db(FloatOps.f64Ceil(d(a[0]))),
                        "floor", a -> db(FloatOps.f64Floor(d(a[0]))),
                        "trunc", a -> db(FloatOps.f64Trunc(d(a[0]))),
                        "nearest", a -> db(FloatOps.f64Nearest(d(a[0])))),
                900);
    }

    @Test
    void bitwiseScripts() throws IOException {
        run(
                "f32_bitwise.wast",
                Map.of(
                        "abs", a -> i(FloatOps.f32AbsBits((int) a[0])),
                        "neg", a -> i(FloatOps.f32NegBits((int) a[0])),
                        "copysign", a -> i(FloatOps.f32CopysignBits((int) a[0], (int) a[1]))),
                360);
        run(
                "f64_bitwise.wast",
                Map.of(
                        "abs", a -> FloatOps.f64AbsBits(a[0]),
                        "neg", a -> FloatOps.f64NegBits(a[0]),
                        "copysign", a -> FloatOps.f64CopysignBits(a[0], a[1])),
                360);
    }

    @Test
    void conversionsScript() throws IOException {
        run(
                "conversions.wast",
                Map.ofEntries(
                        Map.entry("i64.extend_i32_u", a -> IntOps.i64ExtendI32U((int) a[0])),
                        Map.entry("i32.trunc_f32_s", a -> i(Conversions.i32TruncF32S(f(a[0])))),
                        Map.entry("i32.trunc_f32_u", a -> i(Conversions.i32TruncF32U(f(a[0])))),
                        Map.entry("i32.trunc_f64_s", a -> i(Conversions.i32TruncF64S(d(a[0])))),
                        Map.entry("i32.trunc_f64_u", a -> i(Conversions.i32TruncF64U(d(a[0])))),
                        Map.entry("i64.trunc_f32_s", a -> Conversions.i64TruncF32S(f(a[0]))),
                        Map.entry("i64.trunc_f32_u", a -> Conversions.i64TruncF32U(f(a[0]))),
                        Map.entry("i64.trunc_f64_s", a -> Conversions.i64TruncF64S(d(a[0]))),
                        Map.entry("i64.trunc_f64_u", a -> Conversions.i64TruncF64U(d(a[0]))),
                        Map.entry("i32.trunc_sat_f32_s", a -> i(Conversions.i32TruncSatF32S(f(a[0])))),
                        Map.entry("i32.trunc_sat_f32_u", a -> i(Conversions.i32TruncSatF32U(f(a[0])))),
                        Map.entry("i32.trunc_sat_f64_s", a -> i(Conversions.i32TruncSatF64S(d(a[0])))),
                        Map.entry("i32.trunc_sat_f64_u", a -> i(Conversions.i32TruncSatF64U(d(a[0])))),
                        Map.entry("i64.trunc_sat_f32_s", a -> Conversions.i64TruncSatF32S(f(a[0]))),
                        Map.entry("i64.trunc_sat_f32_u", a -> Conversions.i64TruncSatF32U(f(a[0]))),
                        Map.entry("i64.trunc_sat_f64_s", a -> Conversions.i64TruncSatF64S(d(a[0]))),
                        Map.entry("i64.trunc_sat_f64_u", a -> Conversions.i64TruncSatF64U(d(a[0]))),
                        // the signed conversions are the JVM's own i2f/l2f/i2d/l2d, which the class comment
                        // says round correctly: check that claim against the script too
                        Map.entry("f32.convert_i32_s", a -> fb((float) (int) a[0])),
                        Map.entry("f32.convert_i64_s", a -> fb((float) a[0])),
                        Map.entry("f64.convert_i64_s", a -> db((double) a[0])),
                        Map.entry("f32.convert_i32_u", a -> fb(Conversions.f32ConvertI32U((int) a[0]))),
                        Map.entry("f32.convert_i64_u", a -> fb(Conversions.f32ConvertI64U(a[0]))),
                        Map.entry("f64.convert_i32_u", a -> db(Conversions.f64ConvertI32U((int) a[0]))),
                        Map.entry("f64.convert_i64_u", a -> db(Conversions.f64ConvertI64U(a[0]))),
                        Map.entry("f64.promote_f32", a -> db(FloatOps.f64PromoteF32(f(a[0])))),
                        Map.entry("f32.demote_f64", a -> fb(FloatOps.f32DemoteF64(d(a[0])))),
                        Map.entry("i32.reinterpret_f32", a -> i(Conversions.i32ReinterpretF32(f(a[0])))),
                        Map.entry("i64.reinterpret_f64", a -> Conversions.i64ReinterpretF64(d(a[0])))),
                545);
    }

    private static void run(String script, Map<String, Op> ops, int atLeast) throws IOException {
        Path file = suite().resolve(script);
        Assumptions.assumeTrue(Files.isRegularFile(file), "spec script not found at " + file);
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (String line : Files.readAllLines(file)) {
            Matcher ret = RETURN.matcher(line);
            Matcher trap = TRAP.matcher(line);
            boolean isReturn = ret.find();
            Matcher m = isReturn ? ret : trap;
            if (!isReturn && !trap.find()) {
                continue;
            }
            Op op = ops.get(m.group(1));
            if (op == null) {
                continue;
            }
            long[] args = constants(m.group(2));
            checked++;
            String failure = isReturn ? checkReturn(op, args, m.group(3)) : checkTrap(op, args, m.group(3));
            if (failure != null) {
                failures.add(line.strip() + "  -> " + failure);
            }
        }
        assertTrue(checked >= atLeast, script + ": only " + checked + " cases recognised, expected " + atLeast);
        assertEquals(
                List.of(),
                failures.subList(0, Math.min(20, failures.size())),
                script + ": " + failures.size() + " of " + checked + " cases failed");
    }

    private static String checkReturn(Op op, long[] args, String expected) {
        long actual;
        try {
            actual = op.applyAsLong(args);
        } catch (Trap t) {
            return "trapped: " + t.getMessage();
        }
        Matcher m = CONST.matcher(expected);
        if (!m.find()) {
            return "unreadable expectation " + expected;
        }
        String type = m.group(1);
        String text = m.group(2).strip();
        boolean f32 = type.equals("f32");
        if (text.endsWith("nan:canonical") || text.endsWith("nan:arithmetic")) {
            long exponent = f32 ? 0x7F80_0000L : 0x7FF0_0000_0000_0000L;
            long quiet = f32 ? 0x0040_0000L : 0x0008_0000_0000_0000L;
            long magnitude = actual & (f32 ? 0x7FFF_FFFFL : Long.MAX_VALUE);
            boolean ok = text.endsWith("canonical")
                    ? magnitude == (exponent | quiet)
                    : (magnitude & (exponent | quiet)) == (exponent | quiet);
            return ok ? null : String.format("got 0x%x, expected %s", actual, text);
        }
        long want = Literals.parse(type, text);
        return want == actual ? null : String.format("got 0x%x, expected 0x%x", actual, want);
    }

    private static String checkTrap(Op op, long[] args, String message) {
        try {
            long r = op.applyAsLong(args);
            return String.format("returned 0x%x instead of trapping", r);
        } catch (Trap t) {
            return t.getMessage().equals(message) ? null : "trapped with \"" + t.getMessage() + "\"";
        }
    }

    private static long[] constants(String text) {
        Matcher m = CONST.matcher(text);
        List<Long> values = new ArrayList<>();
        while (m.find()) {
            values.add(Literals.parse(m.group(1), m.group(2).strip()));
        }
        return values.stream().mapToLong(Long::longValue).toArray();
    }
}
