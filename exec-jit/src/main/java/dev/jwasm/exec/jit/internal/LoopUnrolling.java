package dev.jwasm.exec.jit.internal;

import dev.jwasm.exec.interp.internal.IrOp;
import dev.jwasm.exec.interp.internal.IrOp.Operand;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Chooses the loops {@link FunctionCompiler} writes out several times in a row: small loops whose
 * exit depends on a value they load, such as {@code strlen} or a scan for a delimiter.
 *
 * <p>C2 unrolls a loop it can count (an induction variable compared with an invariant limit), but
 * not one whose trip count comes from memory, and there each iteration pays for its loop-back
 * branch and safepoint poll: about two cycles per byte for a {@code strlen}, where V8 takes one.
 * Written out four times, with the exit test in every copy and the back-edge (with its stop
 * check) only in the last, the same loop in plain Java went from 0.62 to 0.44 ns per byte. A loop
 * C2 can count is left alone (copies with exits between them would hide the count from it).
 *
 * <p>A loop qualifies when its body is straight-line code apart from forward branches inside it
 * or out of it: no calls, no nested loop, no instruction that code outside jumps into, and only
 * scalar operations and memory accesses (see {@link #allowed}).
 */
final class LoopUnrolling {
    /** Longest body (IR words) that is written out at all, and four times. */
    private static final int MAX_BODY = 48;

    private static final int MAX_BODY_FOUR = 24;

    /** Operands an instruction of an unrolled body may have. */
    private static final Set<Operand> SCALAR =
            EnumSet.of(Operand.DST, Operand.SLOT, Operand.VALUE, Operand.MEMFLAGS, Operand.OFFSET, Operand.TARGET);

    /** Generic IR operations an unrolled body may hold (the others run calls, tables, SIMD, GC). */
    private static final Set<IrOp> GENERIC = EnumSet.of(
            IrOp.CONST,
            IrOp.COPY,
            IrOp.SELECT,
            IrOp.UNARY,
            IrOp.BINARY,
            IrOp.LOAD,
            IrOp.STORE,
            IrOp.SAFEPOINT,
            IrOp.JUMP,
            IrOp.JUMP_IF_ZERO,
            IrOp.JUMP_IF_NONZERO);

    private LoopUnrolling() {}

    /**
     * A loop from {@code header} to the conditional back-edge at {@code last} ({@code end} is the
     * pc after it), to be written out {@code copies} times; {@code targets} are the pcs inside it
     * that its own forward branches go to, which get a label per copy.
     */
    record Loop(int header, int last, int end, int copies, List<Integer> targets) {}

    /**
     * The loops of {@code code} to unroll, by header pc. {@code labelled} tells which pcs have a
     * label once all jump targets are marked. The caller leaves out functions with exception
     * handlers (their stubs jump to catch targets from outside the code).
     */
    static Map<Integer, Loop> plan(int[] code, IntPredicate labelled) {
        // The last back-edge to each header, and every pc some jump goes to, with where from.
        var lastBackEdge = new HashMap<Integer, Integer>();
        var jumpsInto = new HashMap<Integer, List<Integer>>();
        FunctionCompiler.jumps(code, (at, target) -> {
            jumpsInto.computeIfAbsent(target, t -> new ArrayList<>()).add(at);
            if (target <= at && conditional(IrOp.at(code, at))) {
                lastBackEdge.merge(target, at, Math::max);
            }
        });
        var loops = new HashMap<Integer, Loop>();
        for (var e : lastBackEdge.entrySet()) {
            Loop loop = loop(code, e.getKey(), e.getValue(), labelled, jumpsInto);
            if (loop != null) {
                loops.put(loop.header(), loop);
            }
        }
        return loops;
    }

    private static Loop loop(
            int[] code, int header, int last, IntPredicate labelled, Map<Integer, List<Integer>> jumpsInto) {
        int end = last + IrOp.at(code, last).length(code, last);
        if (end - header > MAX_BODY) {
            return null;
        }
        var targets = new ArrayList<Integer>();
        var loaded = new BitSet();
        for (int pc = header; pc < end; pc += IrOp.at(code, pc).length(code, pc)) {
            IrOp op = IrOp.at(code, pc);
            if (!allowed(op)) {
                return null;
            }
            int t = op.offsetOf(Operand.TARGET);
            // Inside, only forward branches, and the back-edges to the header.
            if (t > 0 && code[pc + t] <= pc && code[pc + t] != header) {
                return null;
            }
            if (pc != header) {
                if (labelled.test(pc)) {
                    // Only this loop's own forward branches may lead here.
                    for (int from : jumpsInto.getOrDefault(pc, List.of())) {
                        if (from < header || from >= end) {
                            return null;
                        }
                    }
                    if (!jumpsInto.containsKey(pc)) {
                        return null; // labelled for another reason
                    }
                    targets.add(pc);
                }
            }
            track(code, pc, op, loaded);
        }
        if (!exitsOnLoaded(code, last, loaded)) {
            return null;
        }
        return new Loop(header, last, end, end - header <= MAX_BODY_FOUR ? 4 : 2, List.copyOf(targets));
    }

    /** Whether {@code op} may be part of an unrolled body. */
    static boolean allowed(IrOp op) {
        if (op.generic() || op.wasm() == null) {
            return GENERIC.contains(op);
        }
        return SCALAR.containsAll(op.layout());
    }

    private static boolean conditional(IrOp op) {
        return op != IrOp.JUMP && op != IrOp.BR_TABLE && op.offsetOf(Operand.TARGET) > 0;
    }

    /**
     * Follows which slots hold a value derived from a load in this iteration: a load's result,
     * and what an operation computes from one; a slot written otherwise no longer counts.
     */
    private static void track(int[] code, int pc, IrOp op, BitSet loaded) {
        int dst = op.offsetOf(Operand.DST);
        if (dst < 0) {
            return;
        }
        boolean derived = op.offsetOf(Operand.MEMFLAGS) > 0; // a load (a store has no DST)
        int at = 1;
        for (Operand o : op.layout()) {
            if (o == Operand.SLOT && loaded.get(code[pc + at])) {
                derived = true;
            }
            at += o.words();
        }
        loaded.set(code[pc + dst], derived);
    }

    /** Whether the back-edge at {@code last} tests a slot derived from a load. */
    private static boolean exitsOnLoaded(int[] code, int last, BitSet loaded) {
        IrOp op = IrOp.at(code, last);
        int at = 1;
        for (Operand o : op.layout()) {
            if (o == Operand.SLOT && loaded.get(code[last + at])) {
                return true;
            }
            at += o.words();
        }
        return false;
    }
}
