package dev.jwasm.exec.jit.internal;

import static net.bytebuddy.jar.asm.Opcodes.ALOAD;
import static net.bytebuddy.jar.asm.Opcodes.ASTORE;
import static net.bytebuddy.jar.asm.Opcodes.ATHROW;
import static net.bytebuddy.jar.asm.Opcodes.DUP;
import static net.bytebuddy.jar.asm.Opcodes.DUP2;
import static net.bytebuddy.jar.asm.Opcodes.DUP_X2;
import static net.bytebuddy.jar.asm.Opcodes.GETSTATIC;
import static net.bytebuddy.jar.asm.Opcodes.I2L;
import static net.bytebuddy.jar.asm.Opcodes.ICONST_0;
import static net.bytebuddy.jar.asm.Opcodes.IFGT;
import static net.bytebuddy.jar.asm.Opcodes.IFLT;
import static net.bytebuddy.jar.asm.Opcodes.INVOKEINTERFACE;
import static net.bytebuddy.jar.asm.Opcodes.INVOKESTATIC;
import static net.bytebuddy.jar.asm.Opcodes.INVOKEVIRTUAL;
import static net.bytebuddy.jar.asm.Opcodes.L2I;
import static net.bytebuddy.jar.asm.Opcodes.LAND;
import static net.bytebuddy.jar.asm.Opcodes.LCMP;
import static net.bytebuddy.jar.asm.Opcodes.LCONST_0;
import static net.bytebuddy.jar.asm.Opcodes.LLOAD;
import static net.bytebuddy.jar.asm.Opcodes.LSTORE;
import static net.bytebuddy.jar.asm.Opcodes.LSUB;
import static net.bytebuddy.jar.asm.Opcodes.POP;
import static net.bytebuddy.jar.asm.Opcodes.POP2;

import dev.jwasm.api.code.Opcode;
import dev.jwasm.api.model.ValType;
import dev.jwasm.exec.interp.internal.AtomicOps;
import dev.jwasm.exec.interp.internal.BulkOps;
import dev.jwasm.exec.interp.internal.IrOp;
import dev.jwasm.exec.interp.internal.TierSupport;
import net.bytebuddy.jar.asm.Label;

/**
 * Emits memory accesses (scalar loads and stores through the memory's accessor of each width, or
 * on its segment),
 * the threads proposal's atomics, and table, bulk-memory and segment operations.
 */
final class MemoryEmitter extends Emitter {
    /** Per width (by log2 of its bytes), the trap block of this method's segment accesses. */
    private final Label[] outOfBounds = new Label[4];

    /** The widths this function's scalar accesses have, a bit per log2 of their bytes. */
    private final int widths;

    /** How many of this function's scalar accesses are segment accesses (unrolled copies too). */
    private int segmentAccesses;

    MemoryEmitter(Emitter method) {
        super(method);
        int used = 0;
        int onSegments = 0;
        for (int pc = 0; pc < code.length; pc += IrOp.at(code, pc).length(code, pc)) {
            Memory.Access a = Memory.accessAt(code, pc);
            if (a != null) {
                used |= 1 << SegmentAccess.of(a).log2();
                if (onSegment(pc)) {
                    onSegments++;
                }
            }
        }
        this.widths = used;
        this.segmentAccesses = onSegments;
    }

    /** The code from {@code from} to {@code to} is emitted {@code extra} more times. */
    void unrolled(int from, int to, int extra) {
        for (int pc = from; pc < to; pc += IrOp.at(code, pc).length(code, pc)) {
            if (Memory.accessAt(code, pc) != null && onSegment(pc)) {
                segmentAccesses += extra;
            }
        }
    }

    /**
     * A scalar load ({@code dst addr memFlags offset}) or store ({@code addr value memFlags
     * offset}): the memory's accessor of the access's width.
     */
    void access(Memory.Access a, int pc) {
        if (onSegment(pc)) {
            segmentAccess(a, pc);
            return;
        }
        if (a.load()) {
            address(code[pc + 2], code[pc + 3], offset(pc + 4));
            mv.visitMethodInsn(INVOKEVIRTUAL, memOwner(code[pc + 3]), a.method(), a.desc(), false);
            storeLoaded(a, code[pc + 1]);
        } else {
            address(code[pc + 1], code[pc + 3], offset(pc + 4));
            pushStored(a, code[pc + 2]);
            mv.visitMethodInsn(INVOKEVIRTUAL, memOwner(code[pc + 3]), a.method(), a.desc(), false);
        }
    }

    /** Whether the scalar access at {@code pc} is on a memory accessed through its segment. */
    private boolean onSegment(int pc) {
        return memories.segment(memoryOf(code[pc + 3]));
    }

    /**
     * The same access on the memory's segment held in JVM locals (see {@link MemoryShape#segment}):
     * the Wasm bounds check here, as a compare C2 can hoist out of a loop, then one {@code
     * MemorySegment.get}/{@code set}, which inlines into far fewer C2 nodes than the accessor
     * with its exception handler, so big functions keep every access inlined. The check is kept
     * small, as a function's bytecode decides whether C1 manages it and whether it must be split:
     * the address stays on the stack under the segment and layout, is compared with the
     * memory's limit for this width (its size less the width, a local), and a failure jumps to
     * one trap block per width ({@link #outOfBoundsBlocks}).
     */
    private void segmentAccess(Memory.Access a, int pc) {
        int flags = code[pc + 3];
        int m = memoryOf(flags);
        SegmentAccess.Width w = SegmentAccess.of(a);
        Label outside = outOfBounds[w.log2()];
        if (outside == null) {
            outside = outOfBounds[w.log2()] = new Label();
        }
        mv.visitVarInsn(ALOAD, segmentLocal(m));
        mv.visitFieldInsn(GETSTATIC, SegmentAccess.OWNER, w.field(), w.layout());
        effectiveAddress(code[pc + (a.load() ? 2 : 1)], flags, offset(pc + 4));
        // Spec 4.4.7.1. A 32-bit memory's address is a u33 sum, never negative; a memory64 sum
        // (checked for wrapping by JitRuntime.address) of 2^63 or more is. A limit below zero
        // (a memory smaller than the width) fails every address.
        if ((flags & MEMORY64) != 0) {
            mv.visitInsn(DUP2);
            mv.visitInsn(LCONST_0);
            mv.visitInsn(LCMP);
            mv.visitJumpInsn(IFLT, outside);
        }
        mv.visitInsn(DUP2);
        mv.visitVarInsn(LLOAD, limitLocal(m, w));
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFGT, outside);
        if (a.load()) {
            mv.visitMethodInsn(INVOKEINTERFACE, SegmentAccess.SEGMENT, "get", w.getDesc(), true);
            storeLoaded(a, code[pc + 1]);
        } else {
            pushStored(a, code[pc + 2]);
            mv.visitMethodInsn(INVOKEINTERFACE, SegmentAccess.SEGMENT, "set", w.setDesc(), true);
        }
    }

    /** The loaded value on the stack, extended to a slot's long as the access says, into {@code dst}. */
    private void storeLoaded(Memory.Access a, int dst) {
        for (int insn : a.after()) {
            mv.visitInsn(insn);
        }
        if (a.mask() != 0) {
            pushLong(a.mask());
            mv.visitInsn(LAND);
        }
        storeL(dst);
    }

    /** Pushes slot {@code value} as the access stores it (narrowed to its JVM type). */
    private void pushStored(Memory.Access a, int value) {
        loadL(value);
        for (int insn : a.before()) {
            mv.visitInsn(insn);
        }
    }

    /** The local holding memory {@code m}'s size less {@code w}'s bytes (see {@link #loadSegment}). */
    private int limitLocal(int m, SegmentAccess.Width w) {
        return segmentLocal(m) + 1 + 2 * w.log2();
    }

    /**
     * The trap blocks the segment accesses of this method jump to, one per width that has any:
     * each drops the segment, layout and address the access had pushed (the same types at every
     * jump to it) and throws the out-of-bounds trap. Emitted inside the method's trap range, so
     * the trap gets this function's frame.
     */
    void outOfBoundsBlocks() {
        for (Label block : outOfBounds) {
            if (block == null) {
                continue;
            }
            mv.visitLabel(block);
            mv.visitInsn(POP2);
            mv.visitInsn(POP2);
            mv.visitMethodInsn(INVOKESTATIC, RT, "outOfBounds", "()Ldev/jwasm/api/Trap;", false);
            mv.visitInsn(ATHROW);
        }
    }

    /**
     * Loads memory {@code m}'s current segment and, for each width this function accesses, its
     * limit into their locals: at function entry and again after anything that can grow it (see
     * FunctionCompiler.reloadsSegments).
     */
    void loadSegment(int m) {
        mv.visitVarInsn(ALOAD, memBase + m);
        mv.visitMethodInsn(INVOKEVIRTUAL, memories.owner(m), "segment", "()L" + SegmentAccess.SEGMENT + ";", false);
        mv.visitInsn(DUP);
        mv.visitVarInsn(ASTORE, segmentLocal(m));
        mv.visitMethodInsn(INVOKEINTERFACE, SegmentAccess.SEGMENT, "byteSize", "()J", true);
        for (SegmentAccess.Width w : SegmentAccess.WIDTHS) {
            if ((widths & (1 << w.log2())) != 0) {
                mv.visitInsn(DUP2);
                pushLong(w.bytes());
                mv.visitInsn(LSUB);
                mv.visitVarInsn(LSTORE, limitLocal(m, w));
            }
        }
        mv.visitInsn(POP2);
    }

    /** Whether this function has too many segment accesses for C1's profiling tier (see {@link TierNudge}). */
    boolean beyondC1() {
        return segmentAccesses > TierNudge.C1_SEGMENT_ACCESSES;
    }

    /**
     * {@link #loadSegment} for every memory accessed through its segment, if this function has
     * scalar accesses at all (only they read the segment locals).
     */
    void loadSegments() {
        if (widths == 0) {
            return;
        }
        for (int m = 0; m < inst.memories.length; m++) {
            if (memories.segment(m)) {
                loadSegment(m);
            }
        }
    }

    /**
     * {@code ATOMIC opcode base memFlags offset}: the memory's atomic accessor for the opcode's
     * kind and width (the threads proposal); operands from the base up, the result to the base.
     */
    void atomic(int pc) {
        Atomics.Atomic a = Atomics.of(IrOp.ATOMIC.carried(code, pc));
        int base = code[pc + 2];
        if (a.kind() == AtomicOps.Kind.FENCE) {
            // Every atomic access is sequentially consistent already; this orders the plain ones.
            mv.visitMethodInsn(INVOKESTATIC, "java/lang/invoke/VarHandle", "fullFence", "()V", false);
            return;
        }
        int flags = code[pc + 3];
        switch (a.kind()) {
            case LOAD -> {
                address(base, flags, offset(pc + 4));
                push(a.width());
                swapIntUnderLong();
                mv.visitMethodInsn(INVOKEVIRTUAL, memOwner(flags), "atomicLoad", "(IJ)J", false);
            }
            case STORE -> {
                address(base, flags, offset(pc + 4));
                push(a.width());
                swapIntUnderLong();
                loadL(base + 1);
                mv.visitMethodInsn(INVOKEVIRTUAL, memOwner(flags), "atomicStore", "(IJJ)V", false);
            }
            case RMW -> {
                mv.visitVarInsn(ALOAD, memBase + memoryOf(flags));
                mv.visitFieldInsn(GETSTATIC, RMW_OP, a.rmw().name(), "L" + RMW_OP + ";");
                push(a.width());
                effectiveAddress(base, flags, offset(pc + 4));
                loadL(base + 1);
                mv.visitMethodInsn(INVOKEVIRTUAL, memOwner(flags), "atomicRmw", "(L" + RMW_OP + ";IJJ)J", false);
            }
            case CMPXCHG -> {
                address(base, flags, offset(pc + 4));
                push(a.width());
                swapIntUnderLong();
                loadL(base + 1);
                loadL(base + 2);
                mv.visitMethodInsn(INVOKEVIRTUAL, memOwner(flags), "atomicCmpxchg", "(IJJJ)J", false);
            }
            case WAIT -> {
                address(base, flags, offset(pc + 4));
                push(a.width());
                loadL(base + 1);
                loadL(base + 2);
                mv.visitVarInsn(ALOAD, 0);
                mv.visitMethodInsn(INVOKESTATIC, RT, "atomicWait", "(L" + MEM + ";JIJJL" + INST + ";)J", false);
            }
            case NOTIFY -> {
                address(base, flags, offset(pc + 4));
                // The count is a u32.
                loadL(base + 1);
                pushLong(0xFFFF_FFFFL);
                mv.visitInsn(LAND);
                mv.visitMethodInsn(INVOKEVIRTUAL, memOwner(flags), "atomicNotify", "(JJ)I", false);
                mv.visitInsn(I2L);
            }
            case FENCE -> throw new IllegalStateException("handled above");
        }
        if (!a.wasm().results().isEmpty()) {
            // Narrow results are zero-extended by the memory; i32 slots stay sign-extended.
            if (a.wasm().results().getFirst() == ValType.I32) {
                mv.visitInsn(L2I);
                storeI(base);
            } else {
                storeL(base);
            }
        } else if (a.kind() != AtomicOps.Kind.STORE) {
            mv.visitInsn(POP2);
        }
    }

    /** Stack {@code long, int} to {@code int, long}, for accessors taking the width first. */
    void swapIntUnderLong() {
        // long(2) int(1) -> int long: dup_x2 then pop.
        mv.visitInsn(DUP_X2);
        mv.visitInsn(POP);
    }

    // ---- table, bulk-memory and segment operations, on a small array of slots

    /**
     * {@code BULK opcode immA immB at}: a direct call of the interpreter's method for that
     * operation ({@code BulkOps.methodOf}), on an array of its operand slots, which also holds
     * its result afterwards.
     */
    void bulk(int ordinal, int a, int b, int at) {
        Opcode op = Opcode.values()[ordinal];
        int pops = TierSupport.bulkPops(ordinal);
        int pushes = TierSupport.bulkPushes(ordinal);
        // The helper reads its operands from index 0 and writes its result there.
        array(at, pops, Math.max(pops, pushes));
        mv.visitVarInsn(ASTORE, scratch);
        push(a);
        push(b);
        mv.visitVarInsn(ALOAD, scratch);
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitMethodInsn(INVOKESTATIC, BULK_OPS, BulkOps.methodOf(op), BULK_DESC, false);
        if (pushes > 0) {
            mv.visitVarInsn(ALOAD, scratch);
            results(at, pushes);
        }
    }

    static final String BULK_OPS = "dev/jwasm/exec/interp/internal/BulkOps";
    static final String BULK_DESC = "(II[JIL" + INST + ";)V";
}
