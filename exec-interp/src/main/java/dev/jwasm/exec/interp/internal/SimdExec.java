package dev.jwasm.exec.interp.internal;

import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.api.code.Opcode;
import dev.jwasm.api.numeric.SimdOps;
import dev.jwasm.spi.LinearMemory;
import dev.jwasm.spi.runtime.InstanceState;

/**
 * Executes the interpreter's v128 instructions (IR codes {@link Ir#V128_CONST} to {@link
 * Ir#SIMD_MEM}) outside the dispatch loop, with the lane semantics of {@link SimdOps} (including
 * its documented choices for relaxed SIMD).
 *
 * <p>A v128 in a frame slot keeps its low 64 bits in the machine's value stack and its high 64
 * bits in a parallel stack at the same index, so scalar code never pays for vectors. The f32 and
 * f64 lane moves (splat, extract, replace) use the i32/i64 forms: the bits are the same, and NaN
 * payloads never pass through a Java {@code float}.
 *
 * <p>One instance per {@link Machine}: {@link #out} is its scratch pair for results.
 */
final class SimdExec {
    private static final Opcode[] OPCODES = Opcode.values();

    /** The result of the last v128 operator: low, high. */
    private final long[] out = new long[2];

    /**
     * Runs the v128 instruction at {@code pc}; {@code s} and {@code hi} are the low and high
     * halves of the value stack, {@code fp} the frame base. Returns the next pc.
     */
    int execute(int[] code, int pc, long[] s, long[] hi, int fp, InstanceState inst) {
        int dst = fp + code[pc + 1];
        switch (code[pc]) {
            case Ir.V128_CONST -> {
                s[dst] = pair(code[pc + 2], code[pc + 3]);
                hi[dst] = pair(code[pc + 4], code[pc + 5]);
                return pc + 6;
            }
            case Ir.V128_COPY -> {
                int src = fp + code[pc + 2];
                s[dst] = s[src];
                hi[dst] = hi[src];
                return pc + 3;
            }
            case Ir.HIGH_MOVE_N -> {
                System.arraycopy(hi, fp + code[pc + 2], hi, dst, code[pc + 3]);
                return pc + 4;
            }
            case Ir.V128_SELECT -> {
                int src = fp + ((int) s[fp + code[pc + 4]] != 0 ? code[pc + 2] : code[pc + 3]);
                s[dst] = s[src];
                hi[dst] = hi[src];
                return pc + 5;
            }
            case Ir.V128_GLOBAL_GET -> {
                var cell = inst.globals[code[pc + 2]];
                s[dst] = cell.value;
                hi[dst] = cell.high;
                return pc + 3;
            }
            case Ir.V128_GLOBAL_SET -> {
                // Layout GLOBAL_SET: the first operand is the global, not a slot.
                var cell = inst.globals[code[pc + 1]];
                int src = fp + code[pc + 2];
                cell.value = s[src];
                cell.high = hi[src];
                return pc + 3;
            }
            case Ir.SIMD_UNARY -> {
                int a = fp + code[pc + 2];
                unary(code[pc + 3], s[a], hi[a]);
                return result(s, hi, dst, pc + 4);
            }
            case Ir.SIMD_BINARY -> {
                int a = fp + code[pc + 2];
                int b = fp + code[pc + 3];
                binary(code[pc + 4], s[a], hi[a], s[b], hi[b]);
                return result(s, hi, dst, pc + 5);
            }
            case Ir.SIMD_TERNARY -> {
                int a = fp + code[pc + 2];
                int b = fp + code[pc + 3];
                int c = fp + code[pc + 4];
                ternary(code[pc + 5], s[a], hi[a], s[b], hi[b], s[c], hi[c]);
                return result(s, hi, dst, pc + 6);
            }
            case Ir.SIMD_TO_V128, Ir.SIMD_TO_SCALAR -> {
                int a = fp + code[pc + 2];
                long r = mixed(code[pc + 4], s[a], hi[a], s[fp + code[pc + 3]], code[pc + 5]);
                if (code[pc] == Ir.SIMD_TO_SCALAR) {
                    s[dst] = r;
                    return pc + 6;
                }
                return result(s, hi, dst, pc + 6);
            }
            case Ir.SHUFFLE -> {
                int a = fp + code[pc + 2];
                int b = fp + code[pc + 3];
                SimdOps.i8x16Shuffle(
                        s[a],
                        hi[a],
                        s[b],
                        hi[b],
                        pair(code[pc + 4], code[pc + 5]),
                        pair(code[pc + 6], code[pc + 7]),
                        out,
                        0);
                return result(s, hi, dst, pc + 8);
            }
            case Ir.SIMD_MEM -> {
                memory(code, pc, s, hi, fp, inst);
                return pc + 9;
            }
            default -> throw new IllegalStateException("not a v128 IR opcode: " + code[pc]);
        }
    }

    private static long pair(int lo, int hi) {
        return (lo & 0xFFFF_FFFFL) | ((long) hi << 32);
    }

    private int result(long[] s, long[] hi, int dst, int next) {
        s[dst] = out[0];
        hi[dst] = out[1];
        return next;
    }

    private static IllegalStateException notSimd(int op) {
        return new IllegalStateException("not a v128 operator: " + OPCODES[op]);
    }

    /**
     * {@code SIMD_MEM dst addr value memFlags offsetLo offsetHi opcodeOrdinal lane}: every v128
     * load and store (spec 4.4.7). Stores write the high half first: if any byte is out of bounds,
     * that half holds it, so a trapping store writes nothing.
     */
    private void memory(int[] code, int pc, long[] s, long[] hi, int fp, InstanceState inst) {
        int flags = code[pc + 4];
        long ea = MemoryOps.address(
                s[fp + code[pc + 2]], flags, (code[pc + 5] & 0xFFFF_FFFFL) | ((long) code[pc + 6] << 32));
        LinearMemory m = inst.memories[flags & 0x7FFF_FFFF];
        int value = fp + code[pc + 3];
        int lane = code[pc + 8];
        Opcode op = OPCODES[code[pc + 7]];
        switch (op) {
            case V128_STORE -> {
                m.store64(plus8(ea), hi[value]);
                m.store64(ea, s[value]);
                return;
            }
            case V128_STORE8_LANE -> {
                m.store8(ea, (byte) SimdOps.i8x16ExtractLaneU(s[value], hi[value], lane));
                return;
            }
            case V128_STORE16_LANE -> {
                m.store16(ea, (short) SimdOps.i16x8ExtractLaneU(s[value], hi[value], lane));
                return;
            }
            case V128_STORE32_LANE -> {
                m.store32(ea, SimdOps.i32x4ExtractLane(s[value], hi[value], lane));
                return;
            }
            case V128_STORE64_LANE -> {
                m.store64(ea, SimdOps.i64x2ExtractLane(s[value], hi[value], lane));
                return;
            }
            default -> load(op, m, ea, s[value], hi[value], lane);
        }
        int dst = fp + code[pc + 1];
        s[dst] = out[0];
        hi[dst] = out[1];
    }

    private void load(Opcode op, LinearMemory m, long ea, long vLo, long vHi, int lane) {
        switch (op) {
            case V128_LOAD -> {
                // The low half first: once it loads, ea is in bounds and ea + 8 cannot wrap.
                out[0] = m.load64(ea);
                out[1] = m.load64(ea + 8);
            }
            case V128_LOAD8X8_S -> SimdOps.i16x8ExtendLowI8x16S(m.load64(ea), 0, out, 0);
            case V128_LOAD8X8_U -> SimdOps.i16x8ExtendLowI8x16U(m.load64(ea), 0, out, 0);
            case V128_LOAD16X4_S -> SimdOps.i32x4ExtendLowI16x8S(m.load64(ea), 0, out, 0);
            case V128_LOAD16X4_U -> SimdOps.i32x4ExtendLowI16x8U(m.load64(ea), 0, out, 0);
            case V128_LOAD32X2_S -> SimdOps.i64x2ExtendLowI32x4S(m.load64(ea), 0, out, 0);
            case V128_LOAD32X2_U -> SimdOps.i64x2ExtendLowI32x4U(m.load64(ea), 0, out, 0);
            case V128_LOAD8_SPLAT -> SimdOps.i8x16Splat(m.load8(ea), out, 0);
            case V128_LOAD16_SPLAT -> SimdOps.i16x8Splat(m.load16(ea), out, 0);
            case V128_LOAD32_SPLAT -> SimdOps.i32x4Splat(m.load32(ea), out, 0);
            case V128_LOAD64_SPLAT -> SimdOps.i64x2Splat(m.load64(ea), out, 0);
            case V128_LOAD32_ZERO -> {
                out[0] = m.load32(ea) & 0xFFFF_FFFFL;
                out[1] = 0;
            }
            case V128_LOAD64_ZERO -> {
                out[0] = m.load64(ea);
                out[1] = 0;
            }
            case V128_LOAD8_LANE -> SimdOps.i8x16ReplaceLane(vLo, vHi, lane, m.load8(ea), out, 0);
            case V128_LOAD16_LANE -> SimdOps.i16x8ReplaceLane(vLo, vHi, lane, m.load16(ea), out, 0);
            case V128_LOAD32_LANE -> SimdOps.i32x4ReplaceLane(vLo, vHi, lane, m.load32(ea), out, 0);
            case V128_LOAD64_LANE -> SimdOps.i64x2ReplaceLane(vLo, vHi, lane, m.load64(ea), out, 0);
            default -> throw new IllegalStateException("not a v128 memory operator: " + op);
        }
    }

    /** The address of a v128's high half; a memory64 sum that wraps is out of bounds. */
    private static long plus8(long ea) {
        long e = ea + 8;
        if (Long.compareUnsigned(e, ea) < 0) {
            throw new Trap(TrapKind.OUT_OF_BOUNDS_MEMORY);
        }
        return e;
    }

    private void unary(int op, long aLo, long aHi) {
        switch (OPCODES[op]) {
            case V128_NOT -> SimdOps.v128Not(aLo, aHi, out, 0);
            case F32X4_DEMOTE_F64X2_ZERO -> SimdOps.f32x4DemoteF64x2Zero(aLo, aHi, out, 0);
            case F64X2_PROMOTE_LOW_F32X4 -> SimdOps.f64x2PromoteLowF32x4(aLo, aHi, out, 0);
            case I8X16_ABS -> SimdOps.i8x16Abs(aLo, aHi, out, 0);
            case I8X16_NEG -> SimdOps.i8x16Neg(aLo, aHi, out, 0);
            case I8X16_POPCNT -> SimdOps.i8x16Popcnt(aLo, aHi, out, 0);
            case F32X4_CEIL -> SimdOps.f32x4Ceil(aLo, aHi, out, 0);
            case F32X4_FLOOR -> SimdOps.f32x4Floor(aLo, aHi, out, 0);
            case F32X4_TRUNC -> SimdOps.f32x4Trunc(aLo, aHi, out, 0);
            case F32X4_NEAREST -> SimdOps.f32x4Nearest(aLo, aHi, out, 0);
            case F64X2_CEIL -> SimdOps.f64x2Ceil(aLo, aHi, out, 0);
            case F64X2_FLOOR -> SimdOps.f64x2Floor(aLo, aHi, out, 0);
            case F64X2_TRUNC -> SimdOps.f64x2Trunc(aLo, aHi, out, 0);
            case I16X8_EXTADD_PAIRWISE_I8X16_S -> SimdOps.i16x8ExtaddPairwiseI8x16S(aLo, aHi, out, 0);
            case I16X8_EXTADD_PAIRWISE_I8X16_U -> SimdOps.i16x8ExtaddPairwiseI8x16U(aLo, aHi, out, 0);
            case I32X4_EXTADD_PAIRWISE_I16X8_S -> SimdOps.i32x4ExtaddPairwiseI16x8S(aLo, aHi, out, 0);
            case I32X4_EXTADD_PAIRWISE_I16X8_U -> SimdOps.i32x4ExtaddPairwiseI16x8U(aLo, aHi, out, 0);
            case I16X8_ABS -> SimdOps.i16x8Abs(aLo, aHi, out, 0);
            case I16X8_NEG -> SimdOps.i16x8Neg(aLo, aHi, out, 0);
            case I16X8_EXTEND_LOW_I8X16_S -> SimdOps.i16x8ExtendLowI8x16S(aLo, aHi, out, 0);
            case I16X8_EXTEND_HIGH_I8X16_S -> SimdOps.i16x8ExtendHighI8x16S(aLo, aHi, out, 0);
            case I16X8_EXTEND_LOW_I8X16_U -> SimdOps.i16x8ExtendLowI8x16U(aLo, aHi, out, 0);
            case I16X8_EXTEND_HIGH_I8X16_U -> SimdOps.i16x8ExtendHighI8x16U(aLo, aHi, out, 0);
            case F64X2_NEAREST -> SimdOps.f64x2Nearest(aLo, aHi, out, 0);
            case I32X4_ABS -> SimdOps.i32x4Abs(aLo, aHi, out, 0);
            case I32X4_NEG -> SimdOps.i32x4Neg(aLo, aHi, out, 0);
            case I32X4_EXTEND_LOW_I16X8_S -> SimdOps.i32x4ExtendLowI16x8S(aLo, aHi, out, 0);
            case I32X4_EXTEND_HIGH_I16X8_S -> SimdOps.i32x4ExtendHighI16x8S(aLo, aHi, out, 0);
            case I32X4_EXTEND_LOW_I16X8_U -> SimdOps.i32x4ExtendLowI16x8U(aLo, aHi, out, 0);
            case I32X4_EXTEND_HIGH_I16X8_U -> SimdOps.i32x4ExtendHighI16x8U(aLo, aHi, out, 0);
            case I64X2_ABS -> SimdOps.i64x2Abs(aLo, aHi, out, 0);
            case I64X2_NEG -> SimdOps.i64x2Neg(aLo, aHi, out, 0);
            case I64X2_EXTEND_LOW_I32X4_S -> SimdOps.i64x2ExtendLowI32x4S(aLo, aHi, out, 0);
            case I64X2_EXTEND_HIGH_I32X4_S -> SimdOps.i64x2ExtendHighI32x4S(aLo, aHi, out, 0);
            case I64X2_EXTEND_LOW_I32X4_U -> SimdOps.i64x2ExtendLowI32x4U(aLo, aHi, out, 0);
            case I64X2_EXTEND_HIGH_I32X4_U -> SimdOps.i64x2ExtendHighI32x4U(aLo, aHi, out, 0);
            case F32X4_ABS -> SimdOps.f32x4Abs(aLo, aHi, out, 0);
            case F32X4_NEG -> SimdOps.f32x4Neg(aLo, aHi, out, 0);
            case F32X4_SQRT -> SimdOps.f32x4Sqrt(aLo, aHi, out, 0);
            case F64X2_ABS -> SimdOps.f64x2Abs(aLo, aHi, out, 0);
            case F64X2_NEG -> SimdOps.f64x2Neg(aLo, aHi, out, 0);
            case F64X2_SQRT -> SimdOps.f64x2Sqrt(aLo, aHi, out, 0);
            case I32X4_TRUNC_SAT_F32X4_S -> SimdOps.i32x4TruncSatF32x4S(aLo, aHi, out, 0);
            case I32X4_TRUNC_SAT_F32X4_U -> SimdOps.i32x4TruncSatF32x4U(aLo, aHi, out, 0);
            case F32X4_CONVERT_I32X4_S -> SimdOps.f32x4ConvertI32x4S(aLo, aHi, out, 0);
            case F32X4_CONVERT_I32X4_U -> SimdOps.f32x4ConvertI32x4U(aLo, aHi, out, 0);
            case I32X4_TRUNC_SAT_F64X2_S_ZERO -> SimdOps.i32x4TruncSatF64x2SZero(aLo, aHi, out, 0);
            case I32X4_TRUNC_SAT_F64X2_U_ZERO -> SimdOps.i32x4TruncSatF64x2UZero(aLo, aHi, out, 0);
            case F64X2_CONVERT_LOW_I32X4_S -> SimdOps.f64x2ConvertLowI32x4S(aLo, aHi, out, 0);
            case F64X2_CONVERT_LOW_I32X4_U -> SimdOps.f64x2ConvertLowI32x4U(aLo, aHi, out, 0);
            case I32X4_RELAXED_TRUNC_F32X4_S -> SimdOps.i32x4RelaxedTruncF32x4S(aLo, aHi, out, 0);
            case I32X4_RELAXED_TRUNC_F32X4_U -> SimdOps.i32x4RelaxedTruncF32x4U(aLo, aHi, out, 0);
            case I32X4_RELAXED_TRUNC_F64X2_S_ZERO -> SimdOps.i32x4RelaxedTruncF64x2SZero(aLo, aHi, out, 0);
            case I32X4_RELAXED_TRUNC_F64X2_U_ZERO -> SimdOps.i32x4RelaxedTruncF64x2UZero(aLo, aHi, out, 0);
            default -> throw notSimd(op);
        }
    }

    private void binary(int op, long aLo, long aHi, long bLo, long bHi) {
        switch (OPCODES[op]) {
            case I8X16_SWIZZLE -> SimdOps.i8x16Swizzle(aLo, aHi, bLo, bHi, out, 0);
            case I8X16_EQ -> SimdOps.i8x16Eq(aLo, aHi, bLo, bHi, out, 0);
            case I8X16_NE -> SimdOps.i8x16Ne(aLo, aHi, bLo, bHi, out, 0);
            case I8X16_LT_S -> SimdOps.i8x16LtS(aLo, aHi, bLo, bHi, out, 0);
            case I8X16_LT_U -> SimdOps.i8x16LtU(aLo, aHi, bLo, bHi, out, 0);
            case I8X16_GT_S -> SimdOps.i8x16GtS(aLo, aHi, bLo, bHi, out, 0);
            case I8X16_GT_U -> SimdOps.i8x16GtU(aLo, aHi, bLo, bHi, out, 0);
            case I8X16_LE_S -> SimdOps.i8x16LeS(aLo, aHi, bLo, bHi, out, 0);
            case I8X16_LE_U -> SimdOps.i8x16LeU(aLo, aHi, bLo, bHi, out, 0);
            case I8X16_GE_S -> SimdOps.i8x16GeS(aLo, aHi, bLo, bHi, out, 0);
            case I8X16_GE_U -> SimdOps.i8x16GeU(aLo, aHi, bLo, bHi, out, 0);
            case I16X8_EQ -> SimdOps.i16x8Eq(aLo, aHi, bLo, bHi, out, 0);
            case I16X8_NE -> SimdOps.i16x8Ne(aLo, aHi, bLo, bHi, out, 0);
            case I16X8_LT_S -> SimdOps.i16x8LtS(aLo, aHi, bLo, bHi, out, 0);
            case I16X8_LT_U -> SimdOps.i16x8LtU(aLo, aHi, bLo, bHi, out, 0);
            case I16X8_GT_S -> SimdOps.i16x8GtS(aLo, aHi, bLo, bHi, out, 0);
            case I16X8_GT_U -> SimdOps.i16x8GtU(aLo, aHi, bLo, bHi, out, 0);
            case I16X8_LE_S -> SimdOps.i16x8LeS(aLo, aHi, bLo, bHi, out, 0);
            case I16X8_LE_U -> SimdOps.i16x8LeU(aLo, aHi, bLo, bHi, out, 0);
            case I16X8_GE_S -> SimdOps.i16x8GeS(aLo, aHi, bLo, bHi, out, 0);
            case I16X8_GE_U -> SimdOps.i16x8GeU(aLo, aHi, bLo, bHi, out, 0);
            case I32X4_EQ -> SimdOps.i32x4Eq(aLo, aHi, bLo, bHi, out, 0);
            case I32X4_NE -> SimdOps.i32x4Ne(aLo, aHi, bLo, bHi, out, 0);
            case I32X4_LT_S -> SimdOps.i32x4LtS(aLo, aHi, bLo, bHi, out, 0);
            case I32X4_LT_U -> SimdOps.i32x4LtU(aLo, aHi, bLo, bHi, out, 0);
            case I32X4_GT_S -> SimdOps.i32x4GtS(aLo, aHi, bLo, bHi, out, 0);
            case I32X4_GT_U -> SimdOps.i32x4GtU(aLo, aHi, bLo, bHi, out, 0);
            case I32X4_LE_S -> SimdOps.i32x4LeS(aLo, aHi, bLo, bHi, out, 0);
            case I32X4_LE_U -> SimdOps.i32x4LeU(aLo, aHi, bLo, bHi, out, 0);
            case I32X4_GE_S -> SimdOps.i32x4GeS(aLo, aHi, bLo, bHi, out, 0);
            case I32X4_GE_U -> SimdOps.i32x4GeU(aLo, aHi, bLo, bHi, out, 0);
            case F32X4_EQ -> SimdOps.f32x4Eq(aLo, aHi, bLo, bHi, out, 0);
            case F32X4_NE -> SimdOps.f32x4Ne(aLo, aHi, bLo, bHi, out, 0);
            case F32X4_LT -> SimdOps.f32x4Lt(aLo, aHi, bLo, bHi, out, 0);
            case F32X4_GT -> SimdOps.f32x4Gt(aLo, aHi, bLo, bHi, out, 0);
            case F32X4_LE -> SimdOps.f32x4Le(aLo, aHi, bLo, bHi, out, 0);
            case F32X4_GE -> SimdOps.f32x4Ge(aLo, aHi, bLo, bHi, out, 0);
            case F64X2_EQ -> SimdOps.f64x2Eq(aLo, aHi, bLo, bHi, out, 0);
            case F64X2_NE -> SimdOps.f64x2Ne(aLo, aHi, bLo, bHi, out, 0);
            case F64X2_LT -> SimdOps.f64x2Lt(aLo, aHi, bLo, bHi, out, 0);
            case F64X2_GT -> SimdOps.f64x2Gt(aLo, aHi, bLo, bHi, out, 0);
            case F64X2_LE -> SimdOps.f64x2Le(aLo, aHi, bLo, bHi, out, 0);
            case F64X2_GE -> SimdOps.f64x2Ge(aLo, aHi, bLo, bHi, out, 0);
            case V128_AND -> SimdOps.v128And(aLo, aHi, bLo, bHi, out, 0);
            case V128_ANDNOT -> SimdOps.v128AndNot(aLo, aHi, bLo, bHi, out, 0);
            case V128_OR -> SimdOps.v128Or(aLo, aHi, bLo, bHi, out, 0);
            case V128_XOR -> SimdOps.v128Xor(aLo, aHi, bLo, bHi, out, 0);
            case I8X16_NARROW_I16X8_S -> SimdOps.i8x16NarrowI16x8S(aLo, aHi, bLo, bHi, out, 0);
            case I8X16_NARROW_I16X8_U -> SimdOps.i8x16NarrowI16x8U(aLo, aHi, bLo, bHi, out, 0);
            case I8X16_ADD -> SimdOps.i8x16Add(aLo, aHi, bLo, bHi, out, 0);
            case I8X16_ADD_SAT_S -> SimdOps.i8x16AddSatS(aLo, aHi, bLo, bHi, out, 0);
            case I8X16_ADD_SAT_U -> SimdOps.i8x16AddSatU(aLo, aHi, bLo, bHi, out, 0);
            case I8X16_SUB -> SimdOps.i8x16Sub(aLo, aHi, bLo, bHi, out, 0);
            case I8X16_SUB_SAT_S -> SimdOps.i8x16SubSatS(aLo, aHi, bLo, bHi, out, 0);
            case I8X16_SUB_SAT_U -> SimdOps.i8x16SubSatU(aLo, aHi, bLo, bHi, out, 0);
            case I8X16_MIN_S -> SimdOps.i8x16MinS(aLo, aHi, bLo, bHi, out, 0);
            case I8X16_MIN_U -> SimdOps.i8x16MinU(aLo, aHi, bLo, bHi, out, 0);
            case I8X16_MAX_S -> SimdOps.i8x16MaxS(aLo, aHi, bLo, bHi, out, 0);
            case I8X16_MAX_U -> SimdOps.i8x16MaxU(aLo, aHi, bLo, bHi, out, 0);
            case I8X16_AVGR_U -> SimdOps.i8x16AvgrU(aLo, aHi, bLo, bHi, out, 0);
            case I16X8_Q15MULR_SAT_S -> SimdOps.i16x8Q15mulrSatS(aLo, aHi, bLo, bHi, out, 0);
            case I16X8_NARROW_I32X4_S -> SimdOps.i16x8NarrowI32x4S(aLo, aHi, bLo, bHi, out, 0);
            case I16X8_NARROW_I32X4_U -> SimdOps.i16x8NarrowI32x4U(aLo, aHi, bLo, bHi, out, 0);
            case I16X8_ADD -> SimdOps.i16x8Add(aLo, aHi, bLo, bHi, out, 0);
            case I16X8_ADD_SAT_S -> SimdOps.i16x8AddSatS(aLo, aHi, bLo, bHi, out, 0);
            case I16X8_ADD_SAT_U -> SimdOps.i16x8AddSatU(aLo, aHi, bLo, bHi, out, 0);
            case I16X8_SUB -> SimdOps.i16x8Sub(aLo, aHi, bLo, bHi, out, 0);
            case I16X8_SUB_SAT_S -> SimdOps.i16x8SubSatS(aLo, aHi, bLo, bHi, out, 0);
            case I16X8_SUB_SAT_U -> SimdOps.i16x8SubSatU(aLo, aHi, bLo, bHi, out, 0);
            case I16X8_MUL -> SimdOps.i16x8Mul(aLo, aHi, bLo, bHi, out, 0);
            case I16X8_MIN_S -> SimdOps.i16x8MinS(aLo, aHi, bLo, bHi, out, 0);
            case I16X8_MIN_U -> SimdOps.i16x8MinU(aLo, aHi, bLo, bHi, out, 0);
            case I16X8_MAX_S -> SimdOps.i16x8MaxS(aLo, aHi, bLo, bHi, out, 0);
            case I16X8_MAX_U -> SimdOps.i16x8MaxU(aLo, aHi, bLo, bHi, out, 0);
            case I16X8_AVGR_U -> SimdOps.i16x8AvgrU(aLo, aHi, bLo, bHi, out, 0);
            case I16X8_EXTMUL_LOW_I8X16_S -> SimdOps.i16x8ExtmulLowI8x16S(aLo, aHi, bLo, bHi, out, 0);
            case I16X8_EXTMUL_HIGH_I8X16_S -> SimdOps.i16x8ExtmulHighI8x16S(aLo, aHi, bLo, bHi, out, 0);
            case I16X8_EXTMUL_LOW_I8X16_U -> SimdOps.i16x8ExtmulLowI8x16U(aLo, aHi, bLo, bHi, out, 0);
            case I16X8_EXTMUL_HIGH_I8X16_U -> SimdOps.i16x8ExtmulHighI8x16U(aLo, aHi, bLo, bHi, out, 0);
            case I32X4_ADD -> SimdOps.i32x4Add(aLo, aHi, bLo, bHi, out, 0);
            case I32X4_SUB -> SimdOps.i32x4Sub(aLo, aHi, bLo, bHi, out, 0);
            case I32X4_MUL -> SimdOps.i32x4Mul(aLo, aHi, bLo, bHi, out, 0);
            case I32X4_MIN_S -> SimdOps.i32x4MinS(aLo, aHi, bLo, bHi, out, 0);
            case I32X4_MIN_U -> SimdOps.i32x4MinU(aLo, aHi, bLo, bHi, out, 0);
            case I32X4_MAX_S -> SimdOps.i32x4MaxS(aLo, aHi, bLo, bHi, out, 0);
            case I32X4_MAX_U -> SimdOps.i32x4MaxU(aLo, aHi, bLo, bHi, out, 0);
            case I32X4_DOT_I16X8_S -> SimdOps.i32x4DotI16x8S(aLo, aHi, bLo, bHi, out, 0);
            case I32X4_EXTMUL_LOW_I16X8_S -> SimdOps.i32x4ExtmulLowI16x8S(aLo, aHi, bLo, bHi, out, 0);
            case I32X4_EXTMUL_HIGH_I16X8_S -> SimdOps.i32x4ExtmulHighI16x8S(aLo, aHi, bLo, bHi, out, 0);
            case I32X4_EXTMUL_LOW_I16X8_U -> SimdOps.i32x4ExtmulLowI16x8U(aLo, aHi, bLo, bHi, out, 0);
            case I32X4_EXTMUL_HIGH_I16X8_U -> SimdOps.i32x4ExtmulHighI16x8U(aLo, aHi, bLo, bHi, out, 0);
            case I64X2_ADD -> SimdOps.i64x2Add(aLo, aHi, bLo, bHi, out, 0);
            case I64X2_SUB -> SimdOps.i64x2Sub(aLo, aHi, bLo, bHi, out, 0);
            case I64X2_MUL -> SimdOps.i64x2Mul(aLo, aHi, bLo, bHi, out, 0);
            case I64X2_EQ -> SimdOps.i64x2Eq(aLo, aHi, bLo, bHi, out, 0);
            case I64X2_NE -> SimdOps.i64x2Ne(aLo, aHi, bLo, bHi, out, 0);
            case I64X2_LT_S -> SimdOps.i64x2LtS(aLo, aHi, bLo, bHi, out, 0);
            case I64X2_GT_S -> SimdOps.i64x2GtS(aLo, aHi, bLo, bHi, out, 0);
            case I64X2_LE_S -> SimdOps.i64x2LeS(aLo, aHi, bLo, bHi, out, 0);
            case I64X2_GE_S -> SimdOps.i64x2GeS(aLo, aHi, bLo, bHi, out, 0);
            case I64X2_EXTMUL_LOW_I32X4_S -> SimdOps.i64x2ExtmulLowI32x4S(aLo, aHi, bLo, bHi, out, 0);
            case I64X2_EXTMUL_HIGH_I32X4_S -> SimdOps.i64x2ExtmulHighI32x4S(aLo, aHi, bLo, bHi, out, 0);
            case I64X2_EXTMUL_LOW_I32X4_U -> SimdOps.i64x2ExtmulLowI32x4U(aLo, aHi, bLo, bHi, out, 0);
            case I64X2_EXTMUL_HIGH_I32X4_U -> SimdOps.i64x2ExtmulHighI32x4U(aLo, aHi, bLo, bHi, out, 0);
            case F32X4_ADD -> SimdOps.f32x4Add(aLo, aHi, bLo, bHi, out, 0);
            case F32X4_SUB -> SimdOps.f32x4Sub(aLo, aHi, bLo, bHi, out, 0);
            case F32X4_MUL -> SimdOps.f32x4Mul(aLo, aHi, bLo, bHi, out, 0);
            case F32X4_DIV -> SimdOps.f32x4Div(aLo, aHi, bLo, bHi, out, 0);
            case F32X4_MIN -> SimdOps.f32x4Min(aLo, aHi, bLo, bHi, out, 0);
            case F32X4_MAX -> SimdOps.f32x4Max(aLo, aHi, bLo, bHi, out, 0);
            case F32X4_PMIN -> SimdOps.f32x4Pmin(aLo, aHi, bLo, bHi, out, 0);
            case F32X4_PMAX -> SimdOps.f32x4Pmax(aLo, aHi, bLo, bHi, out, 0);
            case F64X2_ADD -> SimdOps.f64x2Add(aLo, aHi, bLo, bHi, out, 0);
            case F64X2_SUB -> SimdOps.f64x2Sub(aLo, aHi, bLo, bHi, out, 0);
            case F64X2_MUL -> SimdOps.f64x2Mul(aLo, aHi, bLo, bHi, out, 0);
            case F64X2_DIV -> SimdOps.f64x2Div(aLo, aHi, bLo, bHi, out, 0);
            case F64X2_MIN -> SimdOps.f64x2Min(aLo, aHi, bLo, bHi, out, 0);
            case F64X2_MAX -> SimdOps.f64x2Max(aLo, aHi, bLo, bHi, out, 0);
            case F64X2_PMIN -> SimdOps.f64x2Pmin(aLo, aHi, bLo, bHi, out, 0);
            case F64X2_PMAX -> SimdOps.f64x2Pmax(aLo, aHi, bLo, bHi, out, 0);
            case I8X16_RELAXED_SWIZZLE -> SimdOps.i8x16RelaxedSwizzle(aLo, aHi, bLo, bHi, out, 0);
            case F32X4_RELAXED_MIN -> SimdOps.f32x4RelaxedMin(aLo, aHi, bLo, bHi, out, 0);
            case F32X4_RELAXED_MAX -> SimdOps.f32x4RelaxedMax(aLo, aHi, bLo, bHi, out, 0);
            case F64X2_RELAXED_MIN -> SimdOps.f64x2RelaxedMin(aLo, aHi, bLo, bHi, out, 0);
            case F64X2_RELAXED_MAX -> SimdOps.f64x2RelaxedMax(aLo, aHi, bLo, bHi, out, 0);
            case I16X8_RELAXED_Q15MULR_S -> SimdOps.i16x8RelaxedQ15mulrS(aLo, aHi, bLo, bHi, out, 0);
            case I16X8_RELAXED_DOT_I8X16_I7X16_S -> SimdOps.i16x8RelaxedDotI8x16I7x16S(aLo, aHi, bLo, bHi, out, 0);
            default -> throw notSimd(op);
        }
    }

    private void ternary(int op, long aLo, long aHi, long bLo, long bHi, long cLo, long cHi) {
        switch (OPCODES[op]) {
            case V128_BITSELECT -> SimdOps.v128Bitselect(aLo, aHi, bLo, bHi, cLo, cHi, out, 0);
            case F32X4_RELAXED_MADD -> SimdOps.f32x4RelaxedMadd(aLo, aHi, bLo, bHi, cLo, cHi, out, 0);
            case F32X4_RELAXED_NMADD -> SimdOps.f32x4RelaxedNmadd(aLo, aHi, bLo, bHi, cLo, cHi, out, 0);
            case F64X2_RELAXED_MADD -> SimdOps.f64x2RelaxedMadd(aLo, aHi, bLo, bHi, cLo, cHi, out, 0);
            case F64X2_RELAXED_NMADD -> SimdOps.f64x2RelaxedNmadd(aLo, aHi, bLo, bHi, cLo, cHi, out, 0);
            case I8X16_RELAXED_LANESELECT -> SimdOps.i8x16RelaxedLaneselect(aLo, aHi, bLo, bHi, cLo, cHi, out, 0);
            case I16X8_RELAXED_LANESELECT -> SimdOps.i16x8RelaxedLaneselect(aLo, aHi, bLo, bHi, cLo, cHi, out, 0);
            case I32X4_RELAXED_LANESELECT -> SimdOps.i32x4RelaxedLaneselect(aLo, aHi, bLo, bHi, cLo, cHi, out, 0);
            case I64X2_RELAXED_LANESELECT -> SimdOps.i64x2RelaxedLaneselect(aLo, aHi, bLo, bHi, cLo, cHi, out, 0);
            case I32X4_RELAXED_DOT_I8X16_I7X16_ADD_S ->
                SimdOps.i32x4RelaxedDotI8x16I7x16AddS(aLo, aHi, bLo, bHi, cLo, cHi, out, 0);
            default -> throw notSimd(op);
        }
    }

    /**
     * Operators mixing a v128 with scalars (splat, lanes, shifts, tests): {@code a} and {@code b}
     * are the raw operand slots. Returns the scalar result, or writes a v128 result to {@link
     * #out} and returns 0.
     */
    private long mixed(int op, long a, long aHi, long b, int lane) {
        return switch (OPCODES[op]) {
            case I8X16_SPLAT -> {
                SimdOps.i8x16Splat((int) a, out, 0);
                yield 0;
            }
            case I16X8_SPLAT -> {
                SimdOps.i16x8Splat((int) a, out, 0);
                yield 0;
            }
            case I32X4_SPLAT -> {
                SimdOps.i32x4Splat((int) a, out, 0);
                yield 0;
            }
            case I64X2_SPLAT -> {
                SimdOps.i64x2Splat(a, out, 0);
                yield 0;
            }
            case F32X4_SPLAT -> {
                SimdOps.i32x4Splat((int) a, out, 0);
                yield 0;
            }
            case F64X2_SPLAT -> {
                SimdOps.i64x2Splat(a, out, 0);
                yield 0;
            }
            case I8X16_EXTRACT_LANE_S -> SimdOps.i8x16ExtractLaneS(a, aHi, lane);
            case I8X16_EXTRACT_LANE_U -> SimdOps.i8x16ExtractLaneU(a, aHi, lane);
            case I8X16_REPLACE_LANE -> {
                SimdOps.i8x16ReplaceLane(a, aHi, lane, (int) b, out, 0);
                yield 0;
            }
            case I16X8_EXTRACT_LANE_S -> SimdOps.i16x8ExtractLaneS(a, aHi, lane);
            case I16X8_EXTRACT_LANE_U -> SimdOps.i16x8ExtractLaneU(a, aHi, lane);
            case I16X8_REPLACE_LANE -> {
                SimdOps.i16x8ReplaceLane(a, aHi, lane, (int) b, out, 0);
                yield 0;
            }
            case I32X4_EXTRACT_LANE -> SimdOps.i32x4ExtractLane(a, aHi, lane);
            case I32X4_REPLACE_LANE -> {
                SimdOps.i32x4ReplaceLane(a, aHi, lane, (int) b, out, 0);
                yield 0;
            }
            case I64X2_EXTRACT_LANE -> SimdOps.i64x2ExtractLane(a, aHi, lane);
            case I64X2_REPLACE_LANE -> {
                SimdOps.i64x2ReplaceLane(a, aHi, lane, b, out, 0);
                yield 0;
            }
            case F32X4_EXTRACT_LANE -> SimdOps.i32x4ExtractLane(a, aHi, lane);
            case F32X4_REPLACE_LANE -> {
                SimdOps.i32x4ReplaceLane(a, aHi, lane, (int) b, out, 0);
                yield 0;
            }
            case F64X2_EXTRACT_LANE -> SimdOps.i64x2ExtractLane(a, aHi, lane);
            case F64X2_REPLACE_LANE -> {
                SimdOps.i64x2ReplaceLane(a, aHi, lane, b, out, 0);
                yield 0;
            }
            case V128_ANY_TRUE -> SimdOps.v128AnyTrue(a, aHi);
            case I8X16_ALL_TRUE -> SimdOps.i8x16AllTrue(a, aHi);
            case I8X16_BITMASK -> SimdOps.i8x16Bitmask(a, aHi);
            case I8X16_SHL -> {
                SimdOps.i8x16Shl(a, aHi, (int) b, out, 0);
                yield 0;
            }
            case I8X16_SHR_S -> {
                SimdOps.i8x16ShrS(a, aHi, (int) b, out, 0);
                yield 0;
            }
            case I8X16_SHR_U -> {
                SimdOps.i8x16ShrU(a, aHi, (int) b, out, 0);
                yield 0;
            }
            case I16X8_ALL_TRUE -> SimdOps.i16x8AllTrue(a, aHi);
            case I16X8_BITMASK -> SimdOps.i16x8Bitmask(a, aHi);
            case I16X8_SHL -> {
                SimdOps.i16x8Shl(a, aHi, (int) b, out, 0);
                yield 0;
            }
            case I16X8_SHR_S -> {
                SimdOps.i16x8ShrS(a, aHi, (int) b, out, 0);
                yield 0;
            }
            case I16X8_SHR_U -> {
                SimdOps.i16x8ShrU(a, aHi, (int) b, out, 0);
                yield 0;
            }
            case I32X4_ALL_TRUE -> SimdOps.i32x4AllTrue(a, aHi);
            case I32X4_BITMASK -> SimdOps.i32x4Bitmask(a, aHi);
            case I32X4_SHL -> {
                SimdOps.i32x4Shl(a, aHi, (int) b, out, 0);
                yield 0;
            }
            case I32X4_SHR_S -> {
                SimdOps.i32x4ShrS(a, aHi, (int) b, out, 0);
                yield 0;
            }
            case I32X4_SHR_U -> {
                SimdOps.i32x4ShrU(a, aHi, (int) b, out, 0);
                yield 0;
            }
            case I64X2_ALL_TRUE -> SimdOps.i64x2AllTrue(a, aHi);
            case I64X2_BITMASK -> SimdOps.i64x2Bitmask(a, aHi);
            case I64X2_SHL -> {
                SimdOps.i64x2Shl(a, aHi, (int) b, out, 0);
                yield 0;
            }
            case I64X2_SHR_S -> {
                SimdOps.i64x2ShrS(a, aHi, (int) b, out, 0);
                yield 0;
            }
            case I64X2_SHR_U -> {
                SimdOps.i64x2ShrU(a, aHi, (int) b, out, 0);
                yield 0;
            }
            default -> throw notSimd(op);
        };
    }
}
