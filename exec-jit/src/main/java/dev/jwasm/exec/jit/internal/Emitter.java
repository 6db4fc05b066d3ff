package dev.jwasm.exec.jit.internal;

import static net.bytebuddy.jar.asm.Opcodes.AALOAD;
import static net.bytebuddy.jar.asm.Opcodes.ALOAD;
import static net.bytebuddy.jar.asm.Opcodes.ASTORE;
import static net.bytebuddy.jar.asm.Opcodes.DUP;
import static net.bytebuddy.jar.asm.Opcodes.GETFIELD;
import static net.bytebuddy.jar.asm.Opcodes.GOTO;
import static net.bytebuddy.jar.asm.Opcodes.I2L;
import static net.bytebuddy.jar.asm.Opcodes.ICONST_0;
import static net.bytebuddy.jar.asm.Opcodes.ICONST_1;
import static net.bytebuddy.jar.asm.Opcodes.INEG;
import static net.bytebuddy.jar.asm.Opcodes.INVOKESTATIC;
import static net.bytebuddy.jar.asm.Opcodes.IOR;
import static net.bytebuddy.jar.asm.Opcodes.ISHL;
import static net.bytebuddy.jar.asm.Opcodes.IUSHR;
import static net.bytebuddy.jar.asm.Opcodes.L2I;
import static net.bytebuddy.jar.asm.Opcodes.LADD;
import static net.bytebuddy.jar.asm.Opcodes.LALOAD;
import static net.bytebuddy.jar.asm.Opcodes.LAND;
import static net.bytebuddy.jar.asm.Opcodes.LASTORE;
import static net.bytebuddy.jar.asm.Opcodes.LCONST_0;
import static net.bytebuddy.jar.asm.Opcodes.LCONST_1;
import static net.bytebuddy.jar.asm.Opcodes.LLOAD;
import static net.bytebuddy.jar.asm.Opcodes.LOR;
import static net.bytebuddy.jar.asm.Opcodes.LSHL;
import static net.bytebuddy.jar.asm.Opcodes.LSTORE;
import static net.bytebuddy.jar.asm.Opcodes.LUSHR;
import static net.bytebuddy.jar.asm.Opcodes.NEWARRAY;
import static net.bytebuddy.jar.asm.Opcodes.T_LONG;

import dev.jwasm.api.code.Opcode;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.ValType;
import dev.jwasm.exec.interp.internal.IrOp;
import dev.jwasm.exec.interp.internal.TierSupport.Lowered;
import dev.jwasm.spi.runtime.InstanceState;
import java.util.List;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;

/**
 * What every part of a compiled function's emission shares: the JVM frame layout of one method
 * (Wasm slot {@code i} is the long local {@code 2 + 2i}; then the memories, a scratch array,
 * a caught exception, and in a function with v128 values the high half of each slot, the
 * SimdOps result pair and a scratch address), moving values between slots and the JVM stack,
 * the flat calling convention's arrays, scalar operators and effective addresses.
 * {@link FunctionCompiler} emits control flow and calls, {@link MemoryEmitter} memory, atomic
 * and table operations, {@link SimdEmitter} v128 operations.
 */
abstract class Emitter {
    static final String INST = "dev/jwasm/spi/runtime/InstanceState";

    static final String RT = "dev/jwasm/exec/jit/internal/JitRuntime";

    static final String TAIL = "dev/jwasm/exec/jit/internal/TailCall";

    static final String WASM_EXCEPTION = "dev/jwasm/api/WasmException";

    static final String MEM = "dev/jwasm/spi/LinearMemory";

    static final String STORE = "dev/jwasm/spi/runtime/StoreState";

    static final String CELL = "dev/jwasm/spi/runtime/GlobalCell";

    static final String RMW_OP = "dev/jwasm/spi/LinearMemory$RmwOp";

    /** JVM local 0 is the instance, 1 the call depth; Wasm slot i is the long at 2 + 2i. */
    static final int FIRST_SLOT = 2;

    /** Set in a memory operand when the memory is 64-bit (as in the interpreter's MemoryOps). */
    static final int MEMORY64 = 1 << 31;

    /** The memory index of a memory operand's flags (those without {@link #MEMORY64}). */
    static int memoryOf(int flags) {
        return flags & ~MEMORY64;
    }

    final MethodVisitor mv;

    final InstanceState inst;

    final FuncType type;

    final Lowered fn;

    final int[] code;

    final int memBase;

    /** The class each memory's accessors are invoked on (see {@link MemoryShape}). */
    final MemoryShape memories;

    final int scratch;

    /** Whether the function touches v128 values: then each slot has a high-half local too. */
    final boolean v128;

    /**
     * Whether the function accesses a memory itself ({@link #touchesMemory}); if not, its entry
     * and calls load no memory, which for a small function called often (a recursive one, say)
     * is a good part of the work per call.
     */
    final boolean memoryUsed;

    /** JVM local of slot 0's high half; then the SimdOps result pair and a scratch address. */
    final int hiBase;

    final int out;

    final int eaTemp;

    /** The first local past the frame layout (where a chunk of a split function keeps its own). */
    final int frameTop;

    /**
     * The locals of the memories accessed through their segment ({@link MemoryShape#segment}):
     * per memory its segment and, from {@code + 1}, a long per access width, its size less that
     * width (MemoryEmitter.loadSegment). Above the chunk's and the GC spill's locals.
     */
    final int segBase;

    /** JVM locals per memory at {@link #segBase}: the segment, then four longs. */
    static final int SEGMENT_LOCALS = 9;

    /** Set when the method is only measured, to split the function (see SplitFunction). */
    final SplitFunction.Probe probe;

    Emitter(MethodVisitor mv, InstanceState inst, FuncType type, Lowered fn, SplitFunction.Probe probe) {
        this.mv = mv;
        this.probe = probe;
        this.inst = inst;
        this.type = type;
        this.fn = fn;
        this.code = fn.code();
        this.memBase = FIRST_SLOT + 2 * fn.frameSize();
        this.memories = MemoryShape.of(inst);
        this.scratch = memBase + inst.memories.length;
        this.v128 = usesV128(inst, type, fn);
        this.memoryUsed = touchesMemory(fn);
        // scratch + 1 holds a caught exception (FunctionCompiler.handlerStub).
        this.hiBase = scratch + 2;
        this.out = hiBase + 2 * fn.frameSize();
        this.eaTemp = out + 1;
        this.frameTop = v128 ? eaTemp + 2 : scratch + 2;
        this.segBase = frameTop + SplitFunction.CHUNK_LOCALS + GcSpill.LOCALS;
    }

    /** An emitter of another part of the same method, sharing its frame layout. */
    Emitter(Emitter method) {
        this.mv = method.mv;
        this.inst = method.inst;
        this.type = method.type;
        this.fn = method.fn;
        this.code = method.code;
        this.memBase = method.memBase;
        this.memories = method.memories;
        this.scratch = method.scratch;
        this.v128 = method.v128;
        this.memoryUsed = method.memoryUsed;
        this.hiBase = method.hiBase;
        this.out = method.out;
        this.eaTemp = method.eaTemp;
        this.frameTop = method.frameTop;
        this.segBase = method.segBase;
        this.probe = method.probe;
    }

    /**
     * Whether an IR operation of {@code fn} reads the memory locals: a scalar or v128 load or
     * store, memory.size, memory.grow or an atomic. (Bulk operations reach memories through the
     * instance.)
     */
    static boolean touchesMemory(Lowered fn) {
        int[] code = fn.code();
        for (int pc = 0; pc < code.length; pc += IrOp.at(code, pc).length(code, pc)) {
            IrOp op = IrOp.at(code, pc);
            boolean touches =
                    switch (op) {
                        case MEMORY_SIZE, MEMORY_GROW, ATOMIC, SIMD_MEM -> true;
                        default -> Memory.accessAt(code, pc) != null;
                    };
            if (touches) {
                return true;
            }
        }
        return false;
    }

    /** Whether v128 values can appear in the function's frame (see {@link #v128}). */
    static boolean usesV128(InstanceState inst, FuncType type, Lowered fn) {
        if (fn.v128Locals() || hasV128(type)) {
            return true;
        }
        int[] code = fn.code();
        for (int pc = 0; pc < code.length; pc += IrOp.at(code, pc).length(code, pc)) {
            IrOp op = IrOp.at(code, pc);
            if (JitOps.V128_OPS.contains(op) || op == IrOp.GC && GcEmitter.touchesV128(inst, code, pc)) {
                return true;
            }
            FuncType callee =
                    switch (op) {
                        case CALL, RETURN_CALL -> inst.functions[code[pc + 1]].type();
                        case CALL_INDIRECT, CALL_REF, RETURN_CALL_INDIRECT, RETURN_CALL_REF -> inst.types[code[pc + 1]];
                        default -> null;
                    };
            if (callee != null && hasV128(callee)) {
                return true;
            }
        }
        return false;
    }

    static boolean hasV128(FuncType type) {
        return type.params().contains(ValType.V128) || type.results().contains(ValType.V128);
    }

    static int local(int slot) {
        return FIRST_SLOT + 2 * slot;
    }

    long offset(int at) {
        return (code[at] & 0xFFFF_FFFFL) | ((long) code[at + 1] << 32);
    }

    // ---- values

    void push(int v) {
        if (v >= -1 && v <= 5) {
            mv.visitInsn(ICONST_0 + v);
        } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            mv.visitIntInsn(net.bytebuddy.jar.asm.Opcodes.BIPUSH, v);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            mv.visitIntInsn(net.bytebuddy.jar.asm.Opcodes.SIPUSH, v);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    void pushLong(long v) {
        if (v == 0) {
            mv.visitInsn(LCONST_0);
        } else if (v == 1) {
            mv.visitInsn(LCONST_1);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    void loadL(int slot) {
        if (probe != null) {
            probe.slot(slot, false);
        }
        mv.visitVarInsn(LLOAD, local(slot));
    }

    void storeL(int slot) {
        if (probe != null) {
            probe.slot(slot, true);
        }
        mv.visitVarInsn(LSTORE, local(slot));
    }

    /** An i32 (or f32 bits) from a slot: its low 32 bits. */
    void loadI(int slot) {
        loadL(slot);
        mv.visitInsn(L2I);
    }

    /** Stores an int as the interpreter does: sign-extended. */
    void storeI(int slot) {
        mv.visitInsn(I2L);
        storeL(slot);
    }

    void loadF(int slot) {
        loadI(slot);
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
    }

    void storeF(int slot) {
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "floatToRawIntBits", "(F)I", false);
        storeI(slot);
    }

    void loadD(int slot) {
        loadL(slot);
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
    }

    void storeD(int slot) {
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J", false);
        storeL(slot);
    }

    /** Stores 1 if the jump {@code jumpOp} on the operands on the stack is taken, else 0. */
    void bool(int jumpOp, int dst) {
        Label yes = new Label();
        Label done = new Label();
        mv.visitJumpInsn(jumpOp, yes);
        mv.visitInsn(ICONST_0);
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(yes);
        mv.visitInsn(ICONST_1);
        mv.visitLabel(done);
        storeI(dst);
    }

    void unsignedCompare() {
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "compareUnsigned", "(II)I", false);
    }

    void global(int index) {
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, INST, "globals", "[L" + CELL + ";");
        push(index);
        mv.visitInsn(AALOAD);
    }

    /** A new long[] holding {@code count} slots from {@code base}, left on the stack. */
    void array(int base, int count) {
        array(base, count, count);
    }

    /** A new long[size] whose first {@code count} elements are the slots from {@code base}. */
    void array(int base, int count, int size) {
        push(size);
        mv.visitIntInsn(NEWARRAY, T_LONG);
        for (int i = 0; i < count; i++) {
            mv.visitInsn(DUP);
            push(i);
            loadL(base + i);
            mv.visitInsn(LASTORE);
        }
    }

    /** Unpacks the long[] on the stack into {@code count} slots from {@code base}. */
    void results(int base, int count) {
        mv.visitVarInsn(ASTORE, scratch);
        for (int i = 0; i < count; i++) {
            mv.visitVarInsn(ALOAD, scratch);
            push(i);
            mv.visitInsn(LALOAD);
            storeL(base + i);
        }
    }

    /** A new flat long[] of the values of {@code types} in the slots from {@code base}. */
    void flatArray(int base, List<ValType> types) {
        flatArray(base, types, base);
    }

    /** The same, the high halves of v128s read from the slots from {@code highBase}. */
    void flatArray(int base, List<ValType> types, int highBase) {
        if (!types.contains(ValType.V128)) {
            array(base, types.size());
            return;
        }
        push(Abi.flat(types));
        mv.visitIntInsn(NEWARRAY, T_LONG);
        int at = 0;
        for (int i = 0; i < types.size(); i++) {
            mv.visitInsn(DUP);
            push(at++);
            loadL(base + i);
            mv.visitInsn(LASTORE);
            if (types.get(i) == ValType.V128) {
                mv.visitInsn(DUP);
                push(at++);
                loadHi(highBase + i);
                mv.visitInsn(LASTORE);
            }
        }
    }

    /** Unpacks the flat long[] on the stack, values of {@code types}, into the slots from {@code base}. */
    void flatResults(int base, List<ValType> types) {
        mv.visitVarInsn(ASTORE, scratch);
        int at = 0;
        for (int i = 0; i < types.size(); i++) {
            mv.visitVarInsn(ALOAD, scratch);
            push(at++);
            mv.visitInsn(LALOAD);
            storeL(base + i);
            if (types.get(i) == ValType.V128) {
                mv.visitVarInsn(ALOAD, scratch);
                push(at++);
                mv.visitInsn(LALOAD);
                storeHi(base + i);
            }
        }
    }

    int hi(int slot) {
        if (!v128) {
            throw new IllegalStateException("a v128 slot in a function without v128 values");
        }
        return hiBase + 2 * slot;
    }

    void loadHi(int slot) {
        if (probe != null) {
            // A split function's frame array holds the high halves from index frameSize on.
            probe.slot(fn.frameSize() + slot, false);
        }
        mv.visitVarInsn(LLOAD, hi(slot));
    }

    void storeHi(int slot) {
        if (probe != null) {
            probe.slot(fn.frameSize() + slot, true);
        }
        mv.visitVarInsn(LSTORE, hi(slot));
    }

    // ---- operators

    /** Scalar operator {@code wasm} on the slots {@code operands} into {@code dst} (see Numerics). */
    void numeric(Opcode wasm, int dst, int... operands) {
        if (Numerics.isRotate(wasm)) {
            rotate(wasm, dst, operands[0], operands[1]);
            return;
        }
        Numerics.Op n = Numerics.of(wasm);
        if (n == null) {
            throw new IllegalStateException(wasm + " passed the compilable check");
        }
        loadOperands(n, operands);
        n.emit(mv);
        switch (n.result()) {
            case 'I' -> storeI(dst);
            case 'J' -> storeL(dst);
            case 'F' -> storeF(dst);
            case 'D' -> storeD(dst);
            default -> throw new IllegalStateException(n.desc());
        }
    }

    /**
     * A rotate of slot {@code x} by slot {@code n} as {@code (x << n) | (x >>> -n)} (the shift
     * counts masked as the JVM does, as Wasm's are), which C2 turns into one rotate instruction;
     * see {@link Numerics#isRotate}.
     */
    private void rotate(Opcode wasm, int dst, int x, int n) {
        boolean wide = wasm == Opcode.I64_ROTL || wasm == Opcode.I64_ROTR;
        boolean left = wasm == Opcode.I32_ROTL || wasm == Opcode.I64_ROTL;
        for (int half = 0; half < 2; half++) {
            if (wide) {
                loadL(x);
                loadL(n);
                mv.visitInsn(L2I);
            } else {
                loadI(x);
                loadI(n);
            }
            if (half == 1) {
                mv.visitInsn(INEG);
            }
            boolean shiftLeft = left == (half == 0);
            mv.visitInsn(wide ? (shiftLeft ? LSHL : LUSHR) : (shiftLeft ? ISHL : IUSHR));
        }
        mv.visitInsn(wide ? LOR : IOR);
        if (wide) {
            storeL(dst);
        } else {
            storeI(dst);
        }
    }

    void loadOperands(Numerics.Op n, int... operands) {
        String params = n.params();
        for (int i = 0; i < params.length(); i++) {
            switch (params.charAt(i)) {
                case 'I' -> loadI(operands[i]);
                case 'J' -> loadL(operands[i]);
                case 'F' -> loadF(operands[i]);
                case 'D' -> loadD(operands[i]);
                default -> throw new IllegalStateException(n.desc());
            }
        }
    }

    // ---- memory

    /** The class to invoke the accessors of the memory in operand {@code flags} on. */
    String memOwner(int flags) {
        return memories.owner(memoryOf(flags));
    }

    /** The JVM local of memory {@code memory}'s segment; its limits (longs) follow it. */
    int segmentLocal(int memory) {
        return segBase + SEGMENT_LOCALS * memory;
    }

    /** Leaves the memory and the effective address (spec 4.4.7.1) on the stack. */
    void address(int addr, int flags, long offset) {
        mv.visitVarInsn(ALOAD, memBase + memoryOf(flags));
        effectiveAddress(addr, flags, offset);
    }

    /** Leaves the effective address of slot {@code addr} plus {@code offset} on the stack. */
    void effectiveAddress(int addr, int flags, long offset) {
        loadL(addr);
        if ((flags & MEMORY64) == 0) {
            // A zero-extended u32 plus a u32 offset cannot overflow.
            pushLong(0xFFFF_FFFFL);
            mv.visitInsn(LAND);
            if (offset != 0) {
                pushLong(offset);
                mv.visitInsn(LADD);
            }
        } else {
            push(flags);
            pushLong(offset);
            mv.visitMethodInsn(INVOKESTATIC, RT, "address", "(JIJ)J", false);
        }
    }
}
