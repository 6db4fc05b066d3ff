package dev.jwasm.exec.interp.internal;

import static java.lang.Double.doubleToRawLongBits;
import static java.lang.Double.longBitsToDouble;
import static java.lang.Float.floatToRawIntBits;
import static java.lang.Float.intBitsToFloat;

import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.api.code.Opcode;
import dev.jwasm.api.numeric.Conversions;
import dev.jwasm.api.numeric.FloatOps;
import dev.jwasm.api.numeric.IntOps;

/**
 * The numeric operators the dispatch loop does not inline, kept out of it so that it stays under
 * HotSpot's HugeMethodLimit. Values are raw bits: i32 and f32 in the low 32 bits (an i32 result
 * sign-extended), i64 and f64 in all 64. The exact semantics, traps included, come from
 * {@code dev.jwasm.api.numeric} (spec 4.3).
 */
final class NumericOps {
    private static final Opcode[] OPCODES = Opcode.values();

    private NumericOps() {}

    static Opcode opcode(int ordinal) {
        return OPCODES[ordinal];
    }

    private static float f(long bits) {
        return intBitsToFloat((int) bits);
    }

    private static double d(long bits) {
        return longBitsToDouble(bits);
    }

    private static long f(float value) {
        return floatToRawIntBits(value);
    }

    private static long d(double value) {
        return doubleToRawLongBits(value);
    }

    private static long b(boolean value) {
        return value ? 1 : 0;
    }

    /** A unary operator or conversion (spec 4.3.2-4.3.5). */
    static long unary(int ordinal, long a) {
        int i = (int) a;
        return switch (OPCODES[ordinal]) {
            case I32_EQZ -> b(i == 0);
            case I64_EQZ -> b(a == 0);
            case I32_CLZ -> IntOps.i32Clz(i);
            case I32_CTZ -> IntOps.i32Ctz(i);
            case I32_POPCNT -> IntOps.i32Popcnt(i);
            case I64_CLZ -> IntOps.i64Clz(a);
            case I64_CTZ -> IntOps.i64Ctz(a);
            case I64_POPCNT -> IntOps.i64Popcnt(a);
            case F32_ABS -> FloatOps.f32AbsBits(i);
            case F32_NEG -> FloatOps.f32NegBits(i);
            case F32_CEIL -> f(FloatOps.f32Ceil(f(a)));
            case F32_FLOOR -> f(FloatOps.f32Floor(f(a)));
            case F32_TRUNC -> f(FloatOps.f32Trunc(f(a)));
            case F32_NEAREST -> f(FloatOps.f32Nearest(f(a)));
            case F32_SQRT -> f(FloatOps.f32Sqrt(f(a)));
            case F64_ABS -> FloatOps.f64AbsBits(a);
            case F64_NEG -> FloatOps.f64NegBits(a);
            case F64_CEIL -> d(FloatOps.f64Ceil(d(a)));
            case F64_FLOOR -> d(FloatOps.f64Floor(d(a)));
            case F64_TRUNC -> d(FloatOps.f64Trunc(d(a)));
            case F64_NEAREST -> d(FloatOps.f64Nearest(d(a)));
            case F64_SQRT -> d(FloatOps.f64Sqrt(d(a)));
            case I32_WRAP_I64 -> i;
            case I32_TRUNC_F32_S -> Conversions.i32TruncF32S(f(a));
            case I32_TRUNC_F32_U -> Conversions.i32TruncF32U(f(a));
            case I32_TRUNC_F64_S -> Conversions.i32TruncF64S(d(a));
            case I32_TRUNC_F64_U -> Conversions.i32TruncF64U(d(a));
            case I64_EXTEND_I32_S -> i;
            case I64_EXTEND_I32_U -> IntOps.i64ExtendI32U(i);
            case I64_TRUNC_F32_S -> Conversions.i64TruncF32S(f(a));
            case I64_TRUNC_F32_U -> Conversions.i64TruncF32U(f(a));
            case I64_TRUNC_F64_S -> Conversions.i64TruncF64S(d(a));
            case I64_TRUNC_F64_U -> Conversions.i64TruncF64U(d(a));
            case F32_CONVERT_I32_S -> f((float) i);
            case F32_CONVERT_I32_U -> f(Conversions.f32ConvertI32U(i));
            case F32_CONVERT_I64_S -> f((float) a);
            case F32_CONVERT_I64_U -> f(Conversions.f32ConvertI64U(a));
            case F32_DEMOTE_F64 -> f(FloatOps.f32DemoteF64(d(a)));
            case F64_CONVERT_I32_S -> d((double) i);
            case F64_CONVERT_I32_U -> d(Conversions.f64ConvertI32U(i));
            case F64_CONVERT_I64_S -> d((double) a);
            case F64_CONVERT_I64_U -> d(Conversions.f64ConvertI64U(a));
            case F64_PROMOTE_F32 -> d(FloatOps.f64PromoteF32(f(a)));
            // Reinterpretations keep the bits; only the i32 view is re-normalised.
            case I32_REINTERPRET_F32, F32_REINTERPRET_I32 -> i;
            case I64_REINTERPRET_F64, F64_REINTERPRET_I64 -> a;
            case I32_EXTEND8_S -> IntOps.i32Extend8S(i);
            case I32_EXTEND16_S -> IntOps.i32Extend16S(i);
            case I64_EXTEND8_S -> IntOps.i64Extend8S(a);
            case I64_EXTEND16_S -> IntOps.i64Extend16S(a);
            case I64_EXTEND32_S -> IntOps.i64Extend32S(a);
            case I32_TRUNC_SAT_F32_S -> Conversions.i32TruncSatF32S(f(a));
            case I32_TRUNC_SAT_F32_U -> Conversions.i32TruncSatF32U(f(a));
            case I32_TRUNC_SAT_F64_S -> Conversions.i32TruncSatF64S(d(a));
            case I32_TRUNC_SAT_F64_U -> Conversions.i32TruncSatF64U(d(a));
            case I64_TRUNC_SAT_F32_S -> Conversions.i64TruncSatF32S(f(a));
            case I64_TRUNC_SAT_F32_U -> Conversions.i64TruncSatF32U(f(a));
            case I64_TRUNC_SAT_F64_S -> Conversions.i64TruncSatF64S(d(a));
            case I64_TRUNC_SAT_F64_U -> Conversions.i64TruncSatF64U(d(a));
            case REF_IS_NULL -> b(a == 0);
            case REF_AS_NON_NULL -> {
                if (a == 0) {
                    throw new Trap(TrapKind.NULL_REFERENCE);
                }
                yield a;
            }
            default -> throw new IllegalStateException("not a unary operator: " + OPCODES[ordinal]);
        };
    }

    /** A binary operator or comparison (spec 4.3.2-4.3.4). */
    static long binary(int ordinal, long a, long b) {
        int x = (int) a;
        int y = (int) b;
        return switch (OPCODES[ordinal]) {
            case I32_EQ -> b(x == y);
            case I32_NE -> b(x != y);
            case I32_LT_S -> b(x < y);
            case I32_LT_U -> IntOps.i32LtU(x, y);
            case I32_GT_S -> b(x > y);
            case I32_GT_U -> IntOps.i32GtU(x, y);
            case I32_LE_S -> b(x <= y);
            case I32_LE_U -> IntOps.i32LeU(x, y);
            case I32_GE_S -> b(x >= y);
            case I32_GE_U -> IntOps.i32GeU(x, y);
            case I64_EQ -> b(a == b);
            case I64_NE -> b(a != b);
            case I64_LT_S -> b(a < b);
            case I64_LT_U -> IntOps.i64LtU(a, b);
            case I64_GT_S -> b(a > b);
            case I64_GT_U -> IntOps.i64GtU(a, b);
            case I64_LE_S -> b(a <= b);
            case I64_LE_U -> IntOps.i64LeU(a, b);
            case I64_GE_S -> b(a >= b);
            case I64_GE_U -> IntOps.i64GeU(a, b);
            case F32_EQ -> b(f(a) == f(b));
            case F32_NE -> b(f(a) != f(b));
            case F32_LT -> b(f(a) < f(b));
            case F32_GT -> b(f(a) > f(b));
            case F32_LE -> b(f(a) <= f(b));
            case F32_GE -> b(f(a) >= f(b));
            case F64_EQ -> b(d(a) == d(b));
            case F64_NE -> b(d(a) != d(b));
            case F64_LT -> b(d(a) < d(b));
            case F64_GT -> b(d(a) > d(b));
            case F64_LE -> b(d(a) <= d(b));
            case F64_GE -> b(d(a) >= d(b));
            case I32_ADD -> x + y;
            case I32_SUB -> x - y;
            case I32_MUL -> x * y;
            case I32_DIV_S -> IntOps.i32DivS(x, y);
            case I32_DIV_U -> IntOps.i32DivU(x, y);
            case I32_REM_S -> IntOps.i32RemS(x, y);
            case I32_REM_U -> IntOps.i32RemU(x, y);
            case I32_AND -> x & y;
            case I32_OR -> x | y;
            case I32_XOR -> x ^ y;
            case I32_SHL -> x << y;
            case I32_SHR_S -> x >> y;
            case I32_SHR_U -> x >>> y;
            case I32_ROTL -> IntOps.i32Rotl(x, y);
            case I32_ROTR -> IntOps.i32Rotr(x, y);
            case I64_ADD -> a + b;
            case I64_SUB -> a - b;
            case I64_MUL -> a * b;
            case I64_DIV_S -> IntOps.i64DivS(a, b);
            case I64_DIV_U -> IntOps.i64DivU(a, b);
            case I64_REM_S -> IntOps.i64RemS(a, b);
            case I64_REM_U -> IntOps.i64RemU(a, b);
            case I64_AND -> a & b;
            case I64_OR -> a | b;
            case I64_XOR -> a ^ b;
            case I64_SHL -> a << b;
            case I64_SHR_S -> a >> b;
            case I64_SHR_U -> a >>> b;
            case I64_ROTL -> IntOps.i64Rotl(a, b);
            case I64_ROTR -> IntOps.i64Rotr(a, b);
            case F32_ADD -> f(f(a) + f(b));
            case F32_SUB -> f(f(a) - f(b));
            case F32_MUL -> f(f(a) * f(b));
            case F32_DIV -> f(f(a) / f(b));
            case F32_MIN -> f(FloatOps.f32Min(f(a), f(b)));
            case F32_MAX -> f(FloatOps.f32Max(f(a), f(b)));
            case F32_COPYSIGN -> FloatOps.f32CopysignBits(x, y);
            case F64_ADD -> d(d(a) + d(b));
            case F64_SUB -> d(d(a) - d(b));
            case F64_MUL -> d(d(a) * d(b));
            case F64_DIV -> d(d(a) / d(b));
            case F64_MIN -> d(FloatOps.f64Min(d(a), d(b)));
            case F64_MAX -> d(FloatOps.f64Max(d(a), d(b)));
            case F64_COPYSIGN -> FloatOps.f64CopysignBits(a, b);
            case REF_EQ -> b(a == b);
            default -> throw new IllegalStateException("not a binary operator: " + OPCODES[ordinal]);
        };
    }
}
