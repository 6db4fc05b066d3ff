package dev.jwasm.exec.jit.internal;

import dev.jwasm.api.code.Immediates;
import dev.jwasm.api.code.Opcode;
import dev.jwasm.api.model.ValType;
import java.util.Locale;
import java.util.Map;

/**
 * Which {@code dev.jwasm.api.numeric.SimdOps} method runs each v128 lane operator, and with what
 * JVM descriptor: the same lane numerics the interpreter's {@code SimdExec} calls, so both tiers
 * agree bit for bit (relaxed SIMD's documented choices included).
 *
 * <p>A v128 is two {@code long}s (low, high): the representation chosen for compiled code, as in
 * the interpreter's frames, because scalar code then keeps its plain JVM locals, SimdOps' API
 * already takes and produces (low, high) pairs, and HotSpot keeps both halves in registers. The
 * Vector API (an incubator module, {@code --add-modules} at run time, and lane-type boxing
 * across calls) was not chosen. A v128 result is written to a per-call {@code long[2]}.
 *
 * <p>The method is named after the operator ({@code I8X16_ADD_SAT_S} is {@code i8x16AddSatS}),
 * except where the table below says otherwise; a test checks every carried operator resolves.
 */
final class SimdCode {
    static final String OWNER = "dev/jwasm/api/numeric/SimdOps";

    /**
     * Operators run by another method: f32/f64 lane moves use the i32/i64 forms, so that a NaN's
     * payload never passes through a Java float (as in SimdExec).
     */
    private static final Map<Opcode, String> RENAMED = Map.of(
            Opcode.V128_ANDNOT, "v128AndNot",
            Opcode.F32X4_SPLAT, "i32x4Splat",
            Opcode.F64X2_SPLAT, "i64x2Splat",
            Opcode.F32X4_EXTRACT_LANE, "i32x4ExtractLane",
            Opcode.F32X4_REPLACE_LANE, "i32x4ReplaceLane",
            Opcode.F64X2_EXTRACT_LANE, "i64x2ExtractLane",
            Opcode.F64X2_REPLACE_LANE, "i64x2ReplaceLane");

    private SimdCode() {}

    static String method(Opcode op) {
        String renamed = RENAMED.get(op);
        if (renamed != null) {
            return renamed;
        }
        String[] parts = op.name().toLowerCase(Locale.ROOT).split("_");
        var sb = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            sb.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return sb.toString();
    }

    /**
     * The descriptor: each v128 operand as two longs (a lane immediate after the first), scalars
     * as int (i32, f32 bits) or long (i64, f64 bits); a v128 result goes to {@code (long[] out,
     * int at)}, a scalar one is returned.
     */
    static String descriptor(Opcode op) {
        var sb = new StringBuilder("(");
        boolean lane = op.immediates() == Immediates.LANE;
        for (ValType t : op.operands()) {
            if (t == ValType.V128) {
                sb.append("JJ");
                if (lane) {
                    sb.append('I');
                    lane = false;
                }
            } else {
                sb.append(scalar(t));
            }
        }
        ValType result = op.results().getFirst();
        if (result == ValType.V128) {
            return sb.append("[JI)V").toString();
        }
        return sb.append(')').append(scalar(result)).toString();
    }

    static char scalar(ValType t) {
        return t == ValType.I64 || t == ValType.F64 ? 'J' : 'I';
    }
}
