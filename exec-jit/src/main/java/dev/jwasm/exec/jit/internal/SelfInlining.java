package dev.jwasm.exec.jit.internal;

import dev.jwasm.exec.interp.internal.IrOp;
import dev.jwasm.exec.interp.internal.IrOp.Operand;
import dev.jwasm.exec.interp.internal.TierSupport.Lowered;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Copies a small recursive function's body into its own calls of itself, and into the copies'
 * calls, up to {@link #MAX_LEVELS} deep, so that each JVM frame runs several levels of the recursion.
 *
 * <p>Why: a JVM call costs a prologue, a stack bang and the spilling of every value live across
 * it (C2 has no callee-saved registers), and for code like {@code fib} that is most of the work.
 * HotSpot inlines a recursive call only one level deep ({@code MaxRecursiveInlineLevel}), and only
 * while the method is under {@code FreqInlineSize} (325 bytecodes): shootout/fib2 ran two Wasm
 * calls per JVM frame, level with Chicory's compiler, which pays the same. Copied here, the depth
 * per frame no longer depends on C2's limits. fib2 on jwasm-jit-mmap (JMH ProgramBenchmark,
 * {@code -f 1 -wi 3 -w 2 -i 3 -r 2}): 670 ms/op before, 541 with three levels of copies, 486 with
 * six; Chicory's compiler 609 in the same session.
 *
 * <p>A copy runs in the frame the call would have had: the callee's slot {@code s} is the
 * caller's slot {@code base + s} (a call clobbers every slot from its base up, so no value of the
 * caller lives there), except the pooled constants, which every level shares (they are the same
 * constants, and never written). Entry zeroes the copy's declared locals as function entry would;
 * each {@code RETURN} moves its results down to {@code base} and jumps past the copy; the deepest
 * copies' calls of the function stay calls. A trap leaving a copy still records the frames the
 * copies stand for ({@link FunctionCompiler} covers each copy with a JVM handler of its own). A
 * copy has no stop check at its entry: a body without loops or calls ends by itself, and its loops
 * and calls check as ever. Its calls pass on the Wasm call depth of the calls the copies stand
 * for, so the engine's call-depth limit counts every level.
 */
final class SelfInlining {
    /** Longest function (IR words) whose calls of itself are copied. */
    static final int MAX_CODE = 200;

    /** Most IR words the function may have with all its copies. */
    static final int MAX_TOTAL = 800;

    /** Most levels of copies: each JVM frame then runs up to this many calls more. */
    static final int MAX_LEVELS = 6;

    /**
     * Most slots the frame may have with all its copies (each level adds at most the function's
     * own): compiled calls nest up to {@link FunctionCompiler#MAX_JIT_DEPTH} JVM frames deep
     * before the interpreter takes over, and the thread's stack must hold them.
     */
    static final int MAX_FRAME = 160;

    /** Operands an instruction of a copied function may have (no SIMD, no exception tags). */
    private static final Set<Operand> COPYABLE =
            EnumSet.complementOf(EnumSet.of(Operand.V128, Operand.LANES, Operand.TAG));

    private SelfInlining() {}

    /** {@code fn} with its calls of itself replaced by {@code copies}, deepest level first. */
    record Inlined(Lowered fn, List<Copy> copies) {}

    /**
     * One copy of the body: the IR pcs {@code [start, end)} it takes in the new code, and its
     * level, the number of Wasm frames a trap in it (outside deeper copies) leaves before the
     * method's own.
     */
    record Copy(int start, int end, int level) {}

    /**
     * Function {@code index}'s IR {@code fn} with its calls of itself copied in, or null when it
     * does not qualify: it must be small, call itself, have no exception handlers, tail calls,
     * SIMD values or references live across a call, and run without fuel metering (which charges
     * per call).
     */
    static Inlined apply(Lowered fn, int index, boolean meterFuel) {
        int[] code = fn.code();
        if (meterFuel
                || code.length > MAX_CODE
                || fn.exceptionHandlers()
                || !fn.handlers().isEmpty()
                || fn.v128Locals()
                || fn.gcMaps().pcs().length > 0) {
            return null;
        }
        var shape = new Shape(fn);
        int sites = 0;
        for (int pc = 0; pc < code.length; pc += IrOp.at(code, pc).length(code, pc)) {
            IrOp op = IrOp.at(code, pc);
            if (!COPYABLE.containsAll(op.layout())
                    || op == IrOp.RETURN_CALL
                    || op == IrOp.RETURN_CALL_INDIRECT
                    || op == IrOp.RETURN_CALL_REF
                    || !shape.poolReadAsSingleSlots(code, pc, op)) {
                return null;
            }
            if (shape.selfCall(code, pc, index)) {
                sites++;
            }
        }
        int levels = 0;
        while (levels < MAX_LEVELS
                && shape.length(levels + 1, index) <= MAX_TOTAL
                && (levels + 2) * fn.frameSize() <= MAX_FRAME) {
            levels++;
        }
        if (sites == 0 || levels == 0) {
            return null;
        }
        var out = new Writer(fn, shape, index);
        int[] at = new int[code.length + 1];
        for (int pc = 0; pc < code.length; pc += IrOp.at(code, pc).length(code, pc)) {
            at[pc] = out.size();
            if (shape.selfCall(code, pc, index)) {
                out.copy(code[pc + 2], levels, 1);
            } else {
                out.instruction(code, pc, 0, null);
            }
        }
        at[code.length] = out.size();
        out.resolve(at);
        var inlined = new Lowered(
                out.code(),
                fn.params(),
                fn.locals(),
                out.frameSize(),
                false,
                false,
                fn.frameInit(),
                List.of(),
                fn.gcMaps());
        var copies = new ArrayList<>(out.copies);
        copies.sort(Comparator.comparingInt(Copy::level).reversed());
        return new Inlined(inlined, List.copyOf(copies));
    }

    /** What copying needs to know of the function: where its constant pool is, how long a copy is. */
    private record Shape(Lowered fn, int poolStart, int poolEnd) {
        Shape(Lowered fn) {
            this(fn, fn.locals(), fn.params() + fn.frameInit().length);
        }

        boolean pooled(int slot) {
            return slot >= poolStart && slot < poolEnd;
        }

        /** Where the callee's slot {@code slot} is in a copy whose frame starts at {@code base}. */
        int slot(int slot, int base) {
            return pooled(slot) ? slot : base + slot;
        }

        boolean selfCall(int[] code, int pc, int index) {
            return code[pc] == IrOp.CALL.code() && code[pc + 1] == index;
        }

        /**
         * Whether the instruction only reads pooled constants, one slot each: a copy moves every
         * other slot, so a run of slots (a call's arguments, moved values) must not start in the
         * pool, and nothing may write there.
         */
        boolean poolReadAsSingleSlots(int[] code, int pc, IrOp op) {
            int count = op.offsetOf(Operand.COUNT);
            // MOVE_N's and RETURN's slot starts a run of COUNT slots (BR_TABLE's is its index).
            boolean counted = count > 0 && op != IrOp.BR_TABLE && code[pc + count] > 1;
            int word = pc + 1;
            for (Operand o : op.layout()) {
                boolean run = o == Operand.BASE || o == Operand.DST || (o == Operand.SLOT && counted);
                if (run && pooled(code[word])) {
                    return false;
                }
                word += o.words();
            }
            return true;
        }

        /** IR words of the function with {@code levels} levels of copies (0: as it is). */
        int length(int levels, int index) {
            int[] code = fn.code();
            if (levels == 0) {
                return code.length;
            }
            int total = 0;
            for (int pc = 0; pc < code.length; pc += IrOp.at(code, pc).length(code, pc)) {
                total += selfCall(code, pc, index)
                        ? copyLength(levels, index)
                        : IrOp.at(code, pc).length(code, pc);
            }
            return total;
        }

        /** IR words of one copy with {@code levels - 1} levels of copies inside. */
        int copyLength(int levels, int index) {
            int[] code = fn.code();
            int total = (fn.locals() - fn.params()) * IrOp.CONST.length(null, 0);
            for (int pc = 0; pc < code.length; pc += IrOp.at(code, pc).length(code, pc)) {
                total += copiedLength(pc, levels, index);
            }
            return total;
        }

        /** IR words the instruction at {@code pc} takes in a copy with {@code levels - 1} levels inside. */
        int copiedLength(int pc, int levels, int index) {
            int[] code = fn.code();
            if (code[pc] == IrOp.RETURN.code()) {
                return returnLength(code[pc + 2]);
            }
            if (levels > 1 && selfCall(code, pc, index)) {
                return copyLength(levels - 1, index);
            }
            return IrOp.at(code, pc).length(code, pc);
        }

        static int returnLength(int count) {
            int move = count == 0 ? 0 : count == 1 ? IrOp.COPY.length(null, 0) : IrOp.MOVE_N.length(null, 0);
            return move + IrOp.JUMP.length(null, 0);
        }
    }

    /** Appends instructions, then points the caller's jumps at their new pcs ({@link #resolve}). */
    private static final class Writer {
        private final Lowered fn;
        private final Shape shape;
        private final int index;
        private int[] words = new int[256];
        private int size;
        private int frameSize;
        /** The positions of the caller's own jump targets, to rewrite once all pcs are known. */
        private final List<Integer> callerTargets = new ArrayList<>();

        final List<Copy> copies = new ArrayList<>();

        Writer(Lowered fn, Shape shape, int index) {
            this.fn = fn;
            this.shape = shape;
            this.index = index;
            this.frameSize = fn.frameSize();
        }

        int size() {
            return size;
        }

        int frameSize() {
            return frameSize;
        }

        int[] code() {
            return Arrays.copyOf(words, size);
        }

        private void put(int word) {
            if (size == words.length) {
                words = Arrays.copyOf(words, size * 2);
            }
            words[size++] = word;
        }

        /**
         * Copies the instruction at {@code pc} of {@code code} with its slots moved to a frame at
         * {@code base} and its jump targets mapped by {@code copyAt}; without it (the caller's
         * own instructions) a target stays an old pc, to be mapped by {@link #resolve}.
         */
        void instruction(int[] code, int pc, int base, int[] copyAt) {
            IrOp op = IrOp.at(code, pc);
            put(code[pc]);
            int word = pc + 1;
            for (Operand o : op.layout()) {
                switch (o) {
                    case DST, SLOT, BASE -> put(shape.slot(code[word], base));
                    case TARGET -> target(code[word], copyAt);
                    case TARGETS -> {
                        // Follows its COUNT, the last word written: count + 1 targets.
                        for (int i = 0; i <= code[word - 1]; i++) {
                            target(code[word + i], copyAt);
                        }
                        word += code[word - 1] + 1;
                    }
                    default -> {
                        for (int i = 0; i < o.words(); i++) {
                            put(code[word + i]);
                        }
                    }
                }
                word += o.words();
            }
        }

        private void target(int pc, int[] copyAt) {
            if (copyAt == null) {
                callerTargets.add(size);
                put(pc);
            } else {
                put(copyAt[pc]);
            }
        }

        /**
         * A copy of the whole body in the frame from {@code base}, with {@code levels - 1} levels
         * of copies in its own calls of the function: zeroed declared locals, then every
         * instruction, each RETURN made a move of its results to {@code base} and a jump past.
         */
        void copy(int base, int levels, int level) {
            int[] code = fn.code();
            frameSize = Math.max(frameSize, base + fn.frameSize());
            int start = size;
            // First the copy's own pcs, so that its jumps can be written as they come.
            int[] at = new int[code.length + 1];
            int pos = size + (fn.locals() - fn.params()) * IrOp.CONST.length(null, 0);
            for (int pc = 0; pc < code.length; pc += IrOp.at(code, pc).length(code, pc)) {
                at[pc] = pos;
                pos += shape.copiedLength(pc, levels, index);
            }
            int end = pos;
            at[code.length] = end;
            for (int local = fn.params(); local < fn.locals(); local++) {
                put(IrOp.CONST.code());
                put(base + local);
                put(0);
                put(0);
            }
            for (int pc = 0; pc < code.length; pc += IrOp.at(code, pc).length(code, pc)) {
                if (code[pc] == IrOp.RETURN.code()) {
                    results(shape.slot(code[pc + 1], base), base, code[pc + 2]);
                    put(IrOp.JUMP.code());
                    put(end);
                } else if (levels > 1 && shape.selfCall(code, pc, index)) {
                    copy(base + code[pc + 2], levels - 1, level + 1);
                } else {
                    instruction(code, pc, base, at);
                }
            }
            if (size != end) {
                throw new IllegalStateException("copy of " + (end - size) + " words mislaid");
            }
            copies.add(new Copy(start, end, level));
        }

        /** Moves {@code count} results from {@code src} to {@code dst} (a RETURN's, always written). */
        private void results(int src, int dst, int count) {
            if (count == 1) {
                put(IrOp.COPY.code());
                put(dst);
                put(src);
            } else if (count > 1) {
                put(IrOp.MOVE_N.code());
                put(dst);
                put(src);
                put(count);
            }
        }

        /** Points the caller's own jumps at the new pcs of their targets. */
        void resolve(int[] at) {
            for (int word : callerTargets) {
                words[word] = at[words[word]];
            }
        }
    }
}
