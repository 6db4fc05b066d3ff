package dev.jwasm.exec.jit.internal;

import static net.bytebuddy.jar.asm.Opcodes.ALOAD;
import static net.bytebuddy.jar.asm.Opcodes.DUP;
import static net.bytebuddy.jar.asm.Opcodes.GETFIELD;
import static net.bytebuddy.jar.asm.Opcodes.GOTO;
import static net.bytebuddy.jar.asm.Opcodes.I2B;
import static net.bytebuddy.jar.asm.Opcodes.I2L;
import static net.bytebuddy.jar.asm.Opcodes.I2S;
import static net.bytebuddy.jar.asm.Opcodes.ICONST_0;
import static net.bytebuddy.jar.asm.Opcodes.ICONST_1;
import static net.bytebuddy.jar.asm.Opcodes.IFEQ;
import static net.bytebuddy.jar.asm.Opcodes.INVOKESTATIC;
import static net.bytebuddy.jar.asm.Opcodes.INVOKEVIRTUAL;
import static net.bytebuddy.jar.asm.Opcodes.LADD;
import static net.bytebuddy.jar.asm.Opcodes.LALOAD;
import static net.bytebuddy.jar.asm.Opcodes.LAND;
import static net.bytebuddy.jar.asm.Opcodes.LCONST_0;
import static net.bytebuddy.jar.asm.Opcodes.LLOAD;
import static net.bytebuddy.jar.asm.Opcodes.LSTORE;
import static net.bytebuddy.jar.asm.Opcodes.PUTFIELD;

import dev.jwasm.api.code.Opcode;
import dev.jwasm.api.model.ValType;
import dev.jwasm.exec.interp.internal.IrOp;
import net.bytebuddy.jar.asm.Label;

/**
 * Emits the v128 operations: a v128 is two longs, the low half in its slot's local and the high
 * half in {@code hi(slot)}; lane operators call their SimdOps method (see SimdCode).
 */
final class SimdEmitter extends Emitter {
    SimdEmitter(Emitter method) {
        super(method);
    }

    /** The v128 instructions at {@code pc}; see SimdCode for which lane helper each operator calls. */
    void simd(IrOp op, int pc) {
        switch (op) {
            case V128_CONST -> {
                pushLong(offset(pc + 2));
                storeL(code[pc + 1]);
                pushLong(offset(pc + 4));
                storeHi(code[pc + 1]);
            }
            case V128_COPY -> {
                loadL(code[pc + 2]);
                storeL(code[pc + 1]);
                loadHi(code[pc + 2]);
                storeHi(code[pc + 1]);
            }
            case HIGH_MOVE_N -> {
                for (int i = 0; i < code[pc + 3]; i++) {
                    loadHi(code[pc + 2] + i);
                    storeHi(code[pc + 1] + i);
                }
            }
            case V128_SELECT -> {
                Label second = new Label();
                Label done = new Label();
                loadI(code[pc + 4]);
                mv.visitJumpInsn(IFEQ, second);
                loadL(code[pc + 2]);
                loadHi(code[pc + 2]);
                mv.visitJumpInsn(GOTO, done);
                mv.visitLabel(second);
                loadL(code[pc + 3]);
                loadHi(code[pc + 3]);
                mv.visitLabel(done);
                storeHi(code[pc + 1]);
                storeL(code[pc + 1]);
            }
            case V128_GLOBAL_GET -> {
                global(code[pc + 2]);
                mv.visitInsn(DUP);
                mv.visitFieldInsn(GETFIELD, CELL, "value", "J");
                storeL(code[pc + 1]);
                mv.visitFieldInsn(GETFIELD, CELL, "high", "J");
                storeHi(code[pc + 1]);
            }
            case V128_GLOBAL_SET -> {
                global(code[pc + 1]);
                mv.visitInsn(DUP);
                loadL(code[pc + 2]);
                mv.visitFieldInsn(PUTFIELD, CELL, "value", "J");
                loadHi(code[pc + 2]);
                mv.visitFieldInsn(PUTFIELD, CELL, "high", "J");
            }
            case SIMD_UNARY, SIMD_BINARY, SIMD_TERNARY -> {
                Opcode wasm = op.carried(code, pc);
                int n = wasm.operands().size();
                for (int i = 0; i < n; i++) {
                    loadL(code[pc + 2 + i]);
                    loadHi(code[pc + 2 + i]);
                }
                lanes(wasm, code[pc + 1]);
            }
            case SIMD_TO_V128, SIMD_TO_SCALAR -> mixed(op.carried(code, pc), pc);
            case SHUFFLE -> {
                for (int i = 2; i <= 3; i++) {
                    loadL(code[pc + i]);
                    loadHi(code[pc + i]);
                }
                pushLong(offset(pc + 4));
                pushLong(offset(pc + 6));
                mv.visitVarInsn(ALOAD, out);
                mv.visitInsn(ICONST_0);
                mv.visitMethodInsn(INVOKESTATIC, SimdCode.OWNER, "i8x16Shuffle", "(JJJJJJ[JI)V", false);
                result(code[pc + 1]);
            }
            case SIMD_MEM -> simdMemory(pc);
            default -> throw new IllegalStateException(op + " is no v128 operation");
        }
    }

    /** Calls the lane helper of {@code wasm} on the operands pushed, and stores its v128 result. */
    void lanes(Opcode wasm, int dst) {
        mv.visitVarInsn(ALOAD, out);
        mv.visitInsn(ICONST_0);
        mv.visitMethodInsn(INVOKESTATIC, SimdCode.OWNER, SimdCode.method(wasm), SimdCode.descriptor(wasm), false);
        result(dst);
    }

    /** Moves the helper's result pair into slot {@code dst}. */
    void result(int dst) {
        mv.visitVarInsn(ALOAD, out);
        mv.visitInsn(ICONST_0);
        mv.visitInsn(LALOAD);
        storeL(dst);
        mv.visitVarInsn(ALOAD, out);
        mv.visitInsn(ICONST_1);
        mv.visitInsn(LALOAD);
        storeHi(dst);
    }

    /**
     * {@code SIMD_TO_V128|SIMD_TO_SCALAR dst a b opcode lane}: splat, lanes, shifts, tests; the
     * scalar operand (b, or a for splat) is an int or a long as the helper takes it.
     */
    void mixed(Opcode wasm, int pc) {
        int dst = code[pc + 1];
        int a = code[pc + 2];
        int b = code[pc + 3];
        int lane = code[pc + 5];
        boolean lanes = wasm.immediates() == dev.jwasm.api.code.Immediates.LANE;
        var operands = wasm.operands();
        for (int i = 0; i < operands.size(); i++) {
            ValType t = operands.get(i);
            int slot = i == 0 ? a : b;
            if (t == ValType.V128) {
                loadL(slot);
                loadHi(slot);
                if (lanes) {
                    push(lane);
                    lanes = false;
                }
            } else if (SimdCode.scalar(t) == 'J') {
                loadL(slot);
            } else {
                loadI(slot);
            }
        }
        ValType result = wasm.results().getFirst();
        if (result == ValType.V128) {
            lanes(wasm, dst);
            return;
        }
        mv.visitMethodInsn(INVOKESTATIC, SimdCode.OWNER, SimdCode.method(wasm), SimdCode.descriptor(wasm), false);
        if (SimdCode.scalar(result) == 'J') {
            storeL(dst);
        } else {
            storeI(dst);
        }
    }

    /**
     * {@code SIMD_MEM dst addr value memFlags offset opcode lane}: every v128 load and store
     * (spec 4.4.7), as the interpreter's SimdExec: the memory's accessors plus the lane helpers.
     * A v128 store writes the high half first, so a store out of bounds writes nothing.
     */
    void simdMemory(int pc) {
        int dst = code[pc + 1];
        int value = code[pc + 3];
        int flags = code[pc + 4];
        int lane = code[pc + 8];
        Opcode wasm = Opcode.values()[code[pc + 7]];
        int mem = memBase + memoryOf(flags);
        effectiveAddress(code[pc + 2], flags, offset(pc + 5));
        mv.visitVarInsn(LSTORE, eaTemp);
        switch (wasm) {
            case V128_LOAD -> {
                // The low half first: once it loads, ea is in bounds and ea + 8 cannot wrap.
                memLoad(mem, "load64", "(J)J");
                storeL(dst);
                mv.visitVarInsn(ALOAD, mem);
                mv.visitVarInsn(LLOAD, eaTemp);
                pushLong(8);
                mv.visitInsn(LADD);
                mv.visitMethodInsn(INVOKEVIRTUAL, memories.owner(mem - memBase), "load64", "(J)J", false);
                storeHi(dst);
            }
            case V128_STORE -> {
                mv.visitVarInsn(ALOAD, mem);
                mv.visitVarInsn(LLOAD, eaTemp);
                mv.visitMethodInsn(INVOKESTATIC, RT, "plus8", "(J)J", false);
                loadHi(value);
                mv.visitMethodInsn(INVOKEVIRTUAL, memories.owner(mem - memBase), "store64", "(JJ)V", false);
                mv.visitVarInsn(ALOAD, mem);
                mv.visitVarInsn(LLOAD, eaTemp);
                loadL(value);
                mv.visitMethodInsn(INVOKEVIRTUAL, memories.owner(mem - memBase), "store64", "(JJ)V", false);
            }
            case V128_LOAD8X8_S, V128_LOAD8X8_U, V128_LOAD16X4_S, V128_LOAD16X4_U, V128_LOAD32X2_S, V128_LOAD32X2_U -> {
                memLoad(mem, "load64", "(J)J");
                mv.visitInsn(LCONST_0);
                mv.visitVarInsn(ALOAD, out);
                mv.visitInsn(ICONST_0);
                mv.visitMethodInsn(INVOKESTATIC, SimdCode.OWNER, extendLow(wasm), "(JJ[JI)V", false);
                result(dst);
            }
            case V128_LOAD8_SPLAT -> splatLoad(mem, "load8", "(J)B", "i8x16Splat", "(I[JI)V", dst);
            case V128_LOAD16_SPLAT -> splatLoad(mem, "load16", "(J)S", "i16x8Splat", "(I[JI)V", dst);
            case V128_LOAD32_SPLAT -> splatLoad(mem, "load32", "(J)I", "i32x4Splat", "(I[JI)V", dst);
            case V128_LOAD64_SPLAT -> splatLoad(mem, "load64", "(J)J", "i64x2Splat", "(J[JI)V", dst);
            case V128_LOAD32_ZERO -> {
                memLoad(mem, "load32", "(J)I");
                mv.visitInsn(I2L);
                pushLong(0xFFFF_FFFFL);
                mv.visitInsn(LAND);
                storeL(dst);
                mv.visitInsn(LCONST_0);
                storeHi(dst);
            }
            case V128_LOAD64_ZERO -> {
                memLoad(mem, "load64", "(J)J");
                storeL(dst);
                mv.visitInsn(LCONST_0);
                storeHi(dst);
            }
            case V128_LOAD8_LANE -> laneLoad(mem, value, lane, "load8", "(J)B", "i8x16ReplaceLane", "I", dst);
            case V128_LOAD16_LANE -> laneLoad(mem, value, lane, "load16", "(J)S", "i16x8ReplaceLane", "I", dst);
            case V128_LOAD32_LANE -> laneLoad(mem, value, lane, "load32", "(J)I", "i32x4ReplaceLane", "I", dst);
            case V128_LOAD64_LANE -> laneLoad(mem, value, lane, "load64", "(J)J", "i64x2ReplaceLane", "J", dst);
            case V128_STORE8_LANE -> laneStore(mem, value, lane, "i8x16ExtractLaneU", "I", I2B, "store8", "(JB)V");
            case V128_STORE16_LANE -> laneStore(mem, value, lane, "i16x8ExtractLaneU", "I", I2S, "store16", "(JS)V");
            case V128_STORE32_LANE -> laneStore(mem, value, lane, "i32x4ExtractLane", "I", 0, "store32", "(JI)V");
            case V128_STORE64_LANE -> laneStore(mem, value, lane, "i64x2ExtractLane", "J", 0, "store64", "(JJ)V");
            default -> throw new IllegalStateException("not a v128 memory operator: " + wasm);
        }
    }

    static String extendLow(Opcode wasm) {
        return switch (wasm) {
            case V128_LOAD8X8_S -> "i16x8ExtendLowI8x16S";
            case V128_LOAD8X8_U -> "i16x8ExtendLowI8x16U";
            case V128_LOAD16X4_S -> "i32x4ExtendLowI16x8S";
            case V128_LOAD16X4_U -> "i32x4ExtendLowI16x8U";
            case V128_LOAD32X2_S -> "i64x2ExtendLowI32x4S";
            default -> "i64x2ExtendLowI32x4U";
        };
    }

    /** Pushes the memory's {@code method} at the address in eaTemp. */
    void memLoad(int mem, String method, String desc) {
        mv.visitVarInsn(ALOAD, mem);
        mv.visitVarInsn(LLOAD, eaTemp);
        mv.visitMethodInsn(INVOKEVIRTUAL, memories.owner(mem - memBase), method, desc, false);
    }

    void splatLoad(int mem, String load, String loadDesc, String splat, String splatDesc, int dst) {
        memLoad(mem, load, loadDesc);
        mv.visitVarInsn(ALOAD, out);
        mv.visitInsn(ICONST_0);
        mv.visitMethodInsn(INVOKESTATIC, SimdCode.OWNER, splat, splatDesc, false);
        result(dst);
    }

    void laneLoad(int mem, int value, int lane, String load, String loadDesc, String replace, String x, int dst) {
        loadL(value);
        loadHi(value);
        push(lane);
        memLoad(mem, load, loadDesc);
        mv.visitVarInsn(ALOAD, out);
        mv.visitInsn(ICONST_0);
        mv.visitMethodInsn(INVOKESTATIC, SimdCode.OWNER, replace, "(JJI" + x + "[JI)V", false);
        result(dst);
    }

    void laneStore(int mem, int value, int lane, String extract, String x, int narrow, String store, String desc) {
        mv.visitVarInsn(ALOAD, mem);
        mv.visitVarInsn(LLOAD, eaTemp);
        loadL(value);
        loadHi(value);
        push(lane);
        mv.visitMethodInsn(INVOKESTATIC, SimdCode.OWNER, extract, "(JJI)" + x, false);
        if (narrow != 0) {
            mv.visitInsn(narrow);
        }
        mv.visitMethodInsn(INVOKEVIRTUAL, memories.owner(mem - memBase), store, desc, false);
    }
}
