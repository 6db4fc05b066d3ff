package dev.jwasm.exec.jit.internal;

import static net.bytebuddy.jar.asm.Opcodes.ACC_STATIC;
import static net.bytebuddy.jar.asm.Opcodes.ALOAD;
import static net.bytebuddy.jar.asm.Opcodes.ARETURN;
import static net.bytebuddy.jar.asm.Opcodes.ASTORE;
import static net.bytebuddy.jar.asm.Opcodes.ATHROW;
import static net.bytebuddy.jar.asm.Opcodes.BIPUSH;
import static net.bytebuddy.jar.asm.Opcodes.DUP;
import static net.bytebuddy.jar.asm.Opcodes.GOTO;
import static net.bytebuddy.jar.asm.Opcodes.ICONST_0;
import static net.bytebuddy.jar.asm.Opcodes.ICONST_M1;
import static net.bytebuddy.jar.asm.Opcodes.IFGE;
import static net.bytebuddy.jar.asm.Opcodes.IF_ICMPGE;
import static net.bytebuddy.jar.asm.Opcodes.IF_ICMPLT;
import static net.bytebuddy.jar.asm.Opcodes.ILOAD;
import static net.bytebuddy.jar.asm.Opcodes.INVOKESTATIC;
import static net.bytebuddy.jar.asm.Opcodes.IRETURN;
import static net.bytebuddy.jar.asm.Opcodes.ISTORE;
import static net.bytebuddy.jar.asm.Opcodes.LALOAD;
import static net.bytebuddy.jar.asm.Opcodes.LASTORE;
import static net.bytebuddy.jar.asm.Opcodes.LLOAD;
import static net.bytebuddy.jar.asm.Opcodes.LRETURN;
import static net.bytebuddy.jar.asm.Opcodes.LSTORE;
import static net.bytebuddy.jar.asm.Opcodes.NEWARRAY;
import static net.bytebuddy.jar.asm.Opcodes.POP;
import static net.bytebuddy.jar.asm.Opcodes.RETURN;
import static net.bytebuddy.jar.asm.Opcodes.SIPUSH;
import static net.bytebuddy.jar.asm.Opcodes.T_LONG;

import dev.jwasm.api.model.FuncType;
import dev.jwasm.exec.interp.internal.TierSupport.Lowered;
import dev.jwasm.spi.runtime.InstanceState;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntFunction;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;

/**
 * A function too big for one JVM method that HotSpot compiles (8,000 bytes of bytecode, its
 * HugeMethodLimit) becomes several: its IR is cut into chunks, contiguous instruction ranges each
 * compiled by {@link FunctionCompiler} to a method {@code static int s<index>_<k>(InstanceState
 * inst, int depth, long[] frame, int pc)}. A chunk loads the slots it uses from {@code frame} into
 * JVM locals, starts at {@code pc} (its first instruction or a target of a jump from another
 * chunk), and runs until control leaves its range: then it stores the slots it wrote back and
 * returns the pc to go on at, or -1 after a return (the results in the first slots of {@code
 * frame}). The function's own method {@code f<index>}, with the usual descriptor, makes the frame
 * and calls the chunks in a loop. Jumps inside a chunk, the hot loops, stay plain JVM jumps.
 *
 * <p>Chunks are cut by measurement: the function is first emitted into a scratch class to learn
 * each instruction's bytecode size and slots, then cut greedily so that each chunk, with the
 * code that loads and stores its slots, stays under a budget.
 */
final class SplitFunction {
    /** Locals a chunk needs past the slots and memories: scratch array, frame, pc. */
    static final int EXTRA_LOCALS = 3;
    /** {@code (InstanceState inst, int depth, long[] frame, int pc) int}. */
    static final String CHUNK_DESCRIPTOR = "(L" + FunctionCompiler.INST + ";I[JI)I";
    /** The first budget, in bytes of bytecode per chunk: HugeMethodLimit with room to spare. */
    static final int BUDGET = 6_000;
    /** Below this budget splitting gives up (an instruction that alone is bigger cannot be split). */
    static final int MIN_BUDGET = 700;
    /** A br_table with more targets than this leaves its chunk through {@link JitRuntime#brTableTarget}. */
    static final int MAX_TABLE = 256;
    /** Bytes to load or store one slot: aload, sipush, laload/lload, lstore/lastore (wide). */
    private static final int SLOT_BYTES = 9;
    /** Bytes per entry of a chunk: a lookupswitch case, and maybe an exit stub elsewhere. */
    private static final int ENTRY_BYTES = 14;
    /** A chunk's fixed cost: prologue, dispatch, handlers, the common exit. */
    private static final int OVERHEAD = 120;

    /**
     * IR that a split function cannot carry across chunks yet: a chunk passes the 64-bit slots
     * only, so v128 values (their high halves) and exception handlers (try ranges) must stay in
     * one method.
     */
    private static final List<String> UNSPLITTABLE = List.of(
            "V128_CONST",
            "V128_COPY",
            "HIGH_MOVE_N",
            "V128_SELECT",
            "V128_GLOBAL_GET",
            "V128_GLOBAL_SET",
            "SIMD_UNARY",
            "SIMD_BINARY",
            "SIMD_TERNARY",
            "SIMD_TO_V128",
            "SIMD_TO_SCALAR",
            "SHUFFLE",
            "SIMD_MEM");

    private SplitFunction() {}

    /** Why {@code fn} cannot be split, or null if it can. */
    static String whyNot(Lowered fn) {
        if (fn.v128Locals() || fn.exceptionHandlers()) {
            return "too big for one method, and split functions carry no v128 values or handlers yet";
        }
        var ops = new java.util.HashSet<Integer>();
        for (String name : UNSPLITTABLE) {
            ops.add(dev.jwasm.exec.interp.internal.TierSupport.irOpcode(name));
        }
        int[] code = fn.code();
        for (int pc = 0; pc < code.length; pc += IrOp.length(code, pc)) {
            if (ops.contains(code[pc])) {
                return "too big for one method, and split functions carry no v128 values yet";
            }
        }
        return null;
    }

    /**
     * Emits function {@code index} as an entry method and chunks of at most about {@code budget}
     * bytes; returns the size of the largest method emitted.
     */
    static int compile(
            ClassVisitor cv,
            InstanceState inst,
            int index,
            Lowered fn,
            boolean[] compiled,
            boolean meterFuel,
            Set<Integer> indirectTypes,
            int budget) {
        var probe = new Probe();
        int total = FunctionCompiler.compile(
                new ClassWriter(0), inst, index, fn, compiled, meterFuel, new TreeSet<>(), null, probe);
        List<Chunk> chunks = cut(probe, total, fn.code(), budget);
        int largest = entry(cv, inst, index, fn, chunks);
        var sizes = new ArrayList<Integer>();
        for (Chunk chunk : chunks) {
            int size = FunctionCompiler.compile(cv, inst, index, fn, compiled, meterFuel, indirectTypes, chunk, null);
            sizes.add(size);
            largest = Math.max(largest, size);
        }
        if (ModuleCompiler.VERBOSE) {
            System.err.println("jwasm jit: function " + index + " (" + total + " bytes of bytecode, " + fn.frameSize()
                    + " slots) split into " + chunks.size() + " methods of " + sizes + " bytes");
        }
        return largest;
    }

    /**
     * The bytecode size of function {@code index} as one method, measured without the cost of
     * computing its stack map frames.
     */
    static int measure(InstanceState inst, int index, Lowered fn, boolean[] compiled, boolean meterFuel) {
        return FunctionCompiler.compile(
                new ClassWriter(0), inst, index, fn, compiled, meterFuel, new TreeSet<>(), null, null);
    }

    /** Cuts the measured instructions greedily into chunks within {@code budget}. */
    private static List<Chunk> cut(Probe probe, int total, int[] code, int budget) {
        int n = probe.pcs.size();
        // Every jump target may become an entry of its chunk: a case of its dispatch switch.
        var targets = new BitSet();
        FunctionCompiler.jumps(code, (at, target) -> targets.set(target));
        List<int[]> ranges = new ArrayList<>();
        List<BitSet[]> sets = new ArrayList<>();
        int from = 0;
        var touched = new BitSet();
        var written = new BitSet();
        for (int i = 0; i < n; i++) {
            int endOffset = i + 1 < n ? probe.offset(i + 1) : total;
            var t = (BitSet) touched.clone();
            var w = (BitSet) written.clone();
            probe.slots(i, t, w);
            int entries = targets.get(probe.pcs.get(from), probe.pcs.get(i) + 1).cardinality();
            int estimate = endOffset
                    - probe.offset(from)
                    + SLOT_BYTES * (t.cardinality() + w.cardinality())
                    + ENTRY_BYTES * entries
                    + OVERHEAD;
            if (estimate > budget && i > from) {
                ranges.add(new int[] {probe.pcs.get(from), probe.pcs.get(i)});
                sets.add(new BitSet[] {touched, written});
                from = i;
                touched = new BitSet();
                written = new BitSet();
                probe.slots(i, touched, written);
            } else {
                touched = t;
                written = w;
            }
        }
        ranges.add(new int[] {probe.pcs.get(from), code.length});
        sets.add(new BitSet[] {touched, written});
        // A chunk is entered at its start and at every target of a jump from another chunk.
        List<TreeSet<Integer>> entries = new ArrayList<>();
        for (int[] r : ranges) {
            var e = new TreeSet<Integer>();
            e.add(r[0]);
            entries.add(e);
        }
        FunctionCompiler.jumps(code, (at, target) -> {
            int k = chunkOf(ranges, target);
            int[] r = ranges.get(k);
            // A big br_table leaves its chunk even for a target inside it (leaveByTable).
            boolean leaves = code[at] == IrOp.BR_TABLE && code[at + 2] > MAX_TABLE;
            if (at < r[0] || at >= r[1] || leaves) {
                entries.get(k).add(target);
            }
        });
        List<Chunk> chunks = new ArrayList<>();
        for (int k = 0; k < ranges.size(); k++) {
            int[] e = entries.get(k).stream().mapToInt(Integer::intValue).toArray();
            chunks.add(new Chunk(k, ranges.get(k)[0], ranges.get(k)[1], sets.get(k)[0], sets.get(k)[1], e));
        }
        return chunks;
    }

    private static int chunkOf(List<int[]> ranges, int pc) {
        int lo = 0;
        int hi = ranges.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (ranges.get(mid)[0] <= pc) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /**
     * {@code f<index>}: past the JIT's nesting depth, the interpreter; else a fresh frame with the
     * parameters and the frame image, then the chunks, each returning where to go on, until one
     * returns -1; then the results from the frame. Returns its bytecode size.
     */
    private static int entry(ClassVisitor cv, InstanceState inst, int index, Lowered fn, List<Chunk> chunks) {
        FuncType type = inst.functions[index].type();
        int params = type.params().size();
        int results = type.results().size();
        MethodVisitor mv = cv.visitMethod(
                ACC_STATIC, FunctionCompiler.methodName(index), FunctionCompiler.descriptor(type), null, null);
        mv.visitCode();
        Label start = new Label();
        mv.visitLabel(start);
        Label ok = new Label();
        mv.visitVarInsn(ILOAD, 1);
        push(mv, FunctionCompiler.MAX_JIT_DEPTH);
        mv.visitJumpInsn(IF_ICMPLT, ok);
        mv.visitVarInsn(ALOAD, 0);
        push(mv, index);
        push(mv, params);
        mv.visitIntInsn(NEWARRAY, T_LONG);
        for (int p = 0; p < params; p++) {
            mv.visitInsn(DUP);
            push(mv, p);
            mv.visitVarInsn(LLOAD, FunctionCompiler.local(p));
            mv.visitInsn(LASTORE);
        }
        mv.visitVarInsn(ILOAD, 1);
        mv.visitMethodInsn(
                INVOKESTATIC, FunctionCompiler.RT, "interpret", "(L" + FunctionCompiler.INST + ";I[JI)[J", false);
        returnFlat(mv, results);
        mv.visitLabel(ok);
        int frame = FunctionCompiler.local(params);
        int pc = frame + 1;
        mv.visitVarInsn(ALOAD, 0);
        push(mv, index);
        mv.visitMethodInsn(
                INVOKESTATIC, FunctionCompiler.RT, "newFrame", "(L" + FunctionCompiler.INST + ";I)[J", false);
        mv.visitVarInsn(ASTORE, frame);
        for (int p = 0; p < params; p++) {
            mv.visitVarInsn(ALOAD, frame);
            push(mv, p);
            mv.visitVarInsn(LLOAD, FunctionCompiler.local(p));
            mv.visitInsn(LASTORE);
        }
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, pc);
        Label loop = new Label();
        Label done = new Label();
        mv.visitLabel(loop);
        Label[] calls = new Label[chunks.size()];
        for (Chunk c : chunks) {
            calls[c.number] = new Label();
        }
        // The chunk whose range holds the pc, by binary search over their starts: code in the
        // number of chunks, not of entries (a big br_table has thousands).
        search(mv, pc, chunks, 0, chunks.size() - 1, calls);
        for (Chunk c : chunks) {
            mv.visitLabel(calls[c.number]);
            mv.visitVarInsn(ALOAD, 0);
            mv.visitVarInsn(ILOAD, 1);
            mv.visitVarInsn(ALOAD, frame);
            mv.visitVarInsn(ILOAD, pc);
            mv.visitMethodInsn(INVOKESTATIC, ModuleCompiler.CLASS_NAME, c.methodName(index), CHUNK_DESCRIPTOR, false);
            mv.visitInsn(DUP);
            mv.visitVarInsn(ISTORE, pc);
            mv.visitJumpInsn(IFGE, loop);
            mv.visitJumpInsn(GOTO, done);
        }
        mv.visitLabel(done);
        switch (results) {
            case 0 -> mv.visitInsn(RETURN);
            case 1 -> {
                mv.visitVarInsn(ALOAD, frame);
                mv.visitInsn(ICONST_0);
                mv.visitInsn(LALOAD);
                mv.visitInsn(LRETURN);
            }
            default -> {
                mv.visitVarInsn(ALOAD, frame);
                push(mv, results);
                mv.visitMethodInsn(INVOKESTATIC, "java/util/Arrays", "copyOf", "([JI)[J", false);
                mv.visitInsn(ARETURN);
            }
        }
        Label end = new Label();
        mv.visitLabel(end);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        return end.getOffset();
    }

    /** Jumps to {@code calls[k]} for the chunk k in {@code [lo, hi]} whose range holds the pc. */
    private static void search(MethodVisitor mv, int pc, List<Chunk> chunks, int lo, int hi, Label[] calls) {
        if (lo == hi) {
            mv.visitJumpInsn(GOTO, calls[lo]);
            return;
        }
        int mid = (lo + hi + 1) >>> 1;
        Label upper = new Label();
        mv.visitVarInsn(ILOAD, pc);
        push(mv, chunks.get(mid).from);
        mv.visitJumpInsn(IF_ICMPGE, upper);
        search(mv, pc, chunks, lo, mid - 1, calls);
        mv.visitLabel(upper);
        search(mv, pc, chunks, mid, hi, calls);
    }

    /** Returns the flat results on the stack as the method's descriptor says. */
    private static void returnFlat(MethodVisitor mv, int results) {
        switch (results) {
            case 0 -> {
                mv.visitInsn(POP);
                mv.visitInsn(RETURN);
            }
            case 1 -> {
                mv.visitInsn(ICONST_0);
                mv.visitInsn(LALOAD);
                mv.visitInsn(LRETURN);
            }
            default -> mv.visitInsn(ARETURN);
        }
    }

    static void push(MethodVisitor mv, int v) {
        if (v >= -1 && v <= 5) {
            mv.visitInsn(ICONST_0 + v);
        } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            mv.visitIntInsn(BIPUSH, v);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            mv.visitIntInsn(SIPUSH, v);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    /** What measuring learns: where each instruction's bytecode starts and which slots it uses. */
    static final class Probe {
        private final List<Integer> pcs = new ArrayList<>();
        private final List<Label> starts = new ArrayList<>();
        /** Per instruction (by ordinal), its slot accesses: slot << 1 | (1 if written). */
        private final List<List<Integer>> accesses = new ArrayList<>();

        /** The instruction at {@code pc} is about to be emitted into {@code mv}. */
        void instruction(int pc, MethodVisitor mv) {
            var label = new Label();
            mv.visitLabel(label);
            pcs.add(pc);
            starts.add(label);
            accesses.add(new ArrayList<>());
        }

        /** The current instruction reads or writes {@code slot}. */
        void slot(int slot, boolean write) {
            if (!accesses.isEmpty()) {
                accesses.getLast().add(slot << 1 | (write ? 1 : 0));
            }
        }

        int offset(int ordinal) {
            return starts.get(ordinal).getOffset();
        }

        void slots(int ordinal, BitSet touched, BitSet written) {
            for (int a : accesses.get(ordinal)) {
                touched.set(a >>> 1);
                if ((a & 1) != 0) {
                    written.set(a >>> 1);
                }
            }
        }
    }

    /** One chunk: the IR range {@code [from, to)}, the slots it uses and writes, its entry pcs. */
    static final class Chunk {
        final int number;
        private final int from;
        private final int to;
        private final BitSet touched;
        private final BitSet written;
        final int[] entries;
        private final Map<Integer, Label> exits = new TreeMap<>();
        private final Label commonExit = new Label();
        private boolean leavesByTable;
        private int frameLocal;
        private int pcLocal;

        Chunk(int number, int from, int to, BitSet touched, BitSet written, int[] entries) {
            this.number = number;
            this.from = from;
            this.to = to;
            this.touched = touched;
            this.written = written;
            this.entries = entries;
        }

        int from() {
            return from;
        }

        int to() {
            return to;
        }

        boolean contains(int pc) {
            return pc >= from && pc < to;
        }

        String methodName(int index) {
            return "s" + index + "_" + number;
        }

        /** Where a jump to {@code pc}, another chunk's, goes: a stub that leaves for it. */
        Label exit(int pc) {
            return exits.computeIfAbsent(pc, p -> new Label());
        }

        /** Keeps the frame and the pc (locals 2 and 3) above the slots, then loads the slots used. */
        void prologue(MethodVisitor mv, int scratch) {
            frameLocal = scratch + 1;
            pcLocal = scratch + 2;
            mv.visitVarInsn(ALOAD, 2);
            mv.visitVarInsn(ASTORE, frameLocal);
            mv.visitVarInsn(ILOAD, 3);
            mv.visitVarInsn(ISTORE, pcLocal);
            for (int s = touched.nextSetBit(0); s >= 0; s = touched.nextSetBit(s + 1)) {
                mv.visitVarInsn(ALOAD, frameLocal);
                push(mv, s);
                mv.visitInsn(LALOAD);
                mv.visitVarInsn(LSTORE, FunctionCompiler.local(s));
            }
        }

        /** Jumps to the entry the pc names. */
        void dispatch(MethodVisitor mv, IntFunction<Label> label) {
            if (entries.length == 1) {
                return;
            }
            Label[] targets = new Label[entries.length];
            for (int i = 0; i < entries.length; i++) {
                targets[i] = label.apply(entries[i]);
            }
            Label none = new Label();
            mv.visitVarInsn(ILOAD, pcLocal);
            mv.visitLookupSwitchInsn(none, entries, targets);
            mv.visitLabel(none);
            mv.visitVarInsn(ILOAD, pcLocal);
            mv.visitMethodInsn(
                    INVOKESTATIC, FunctionCompiler.RT, "noEntry", "(I)Ljava/lang/IllegalStateException;", false);
            mv.visitInsn(ATHROW);
        }

        /** A return: the results to the frame's first slots, and -1. */
        void ret(MethodVisitor mv, int src, int count) {
            for (int i = 0; i < count; i++) {
                mv.visitVarInsn(ALOAD, frameLocal);
                push(mv, i);
                mv.visitVarInsn(LLOAD, FunctionCompiler.local(src + i));
                mv.visitInsn(LASTORE);
            }
            mv.visitInsn(ICONST_M1);
            mv.visitInsn(IRETURN);
        }

        /**
         * A big br_table: with the instance, function index, pc and table index on the stack,
         * leaves for the target {@link JitRuntime#brTableTarget} reads from the IR.
         */
        void leaveByTable(MethodVisitor mv) {
            mv.visitMethodInsn(
                    INVOKESTATIC, FunctionCompiler.RT, "brTableTarget", "(L" + FunctionCompiler.INST + ";III)I", false);
            mv.visitJumpInsn(GOTO, commonExit);
            leavesByTable = true;
        }

        /** The exit stubs and the common exit that stores the written slots and returns the pc. */
        void exits(MethodVisitor mv, int scratch) {
            if (exits.isEmpty() && !leavesByTable) {
                return;
            }
            for (var e : exits.entrySet()) {
                mv.visitLabel(e.getValue());
                push(mv, e.getKey());
                mv.visitJumpInsn(GOTO, commonExit);
            }
            mv.visitLabel(commonExit);
            mv.visitVarInsn(ISTORE, pcLocal);
            for (int s = written.nextSetBit(0); s >= 0; s = written.nextSetBit(s + 1)) {
                mv.visitVarInsn(ALOAD, frameLocal);
                push(mv, s);
                mv.visitVarInsn(LLOAD, FunctionCompiler.local(s));
                mv.visitInsn(LASTORE);
            }
            mv.visitVarInsn(ILOAD, pcLocal);
            mv.visitInsn(IRETURN);
        }
    }
}
