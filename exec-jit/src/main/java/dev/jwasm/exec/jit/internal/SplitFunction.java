package dev.jwasm.exec.jit.internal;

import static net.bytebuddy.jar.asm.Opcodes.AALOAD;
import static net.bytebuddy.jar.asm.Opcodes.AASTORE;
import static net.bytebuddy.jar.asm.Opcodes.ACC_STATIC;
import static net.bytebuddy.jar.asm.Opcodes.ACONST_NULL;
import static net.bytebuddy.jar.asm.Opcodes.ALOAD;
import static net.bytebuddy.jar.asm.Opcodes.ANEWARRAY;
import static net.bytebuddy.jar.asm.Opcodes.ARETURN;
import static net.bytebuddy.jar.asm.Opcodes.ASTORE;
import static net.bytebuddy.jar.asm.Opcodes.ATHROW;
import static net.bytebuddy.jar.asm.Opcodes.BIPUSH;
import static net.bytebuddy.jar.asm.Opcodes.DUP;
import static net.bytebuddy.jar.asm.Opcodes.GOTO;
import static net.bytebuddy.jar.asm.Opcodes.ICONST_0;
import static net.bytebuddy.jar.asm.Opcodes.ICONST_1;
import static net.bytebuddy.jar.asm.Opcodes.IFGE;
import static net.bytebuddy.jar.asm.Opcodes.IF_ICMPGE;
import static net.bytebuddy.jar.asm.Opcodes.IF_ICMPLT;
import static net.bytebuddy.jar.asm.Opcodes.IF_ICMPNE;
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
import static net.bytebuddy.jar.asm.Opcodes.RETURN;
import static net.bytebuddy.jar.asm.Opcodes.SIPUSH;
import static net.bytebuddy.jar.asm.Opcodes.SWAP;
import static net.bytebuddy.jar.asm.Opcodes.T_LONG;

import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.ValType;
import dev.jwasm.exec.interp.internal.IrOp;
import dev.jwasm.exec.interp.internal.TierSupport;
import dev.jwasm.exec.interp.internal.TierSupport.Lowered;
import dev.jwasm.spi.runtime.InstanceState;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
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
 * inst, int depth, long[] frame, int pc, Object[] tailCall)}. A chunk loads the slots it uses from
 * {@code frame} into JVM locals, starts at {@code pc} (its first instruction or a target of a jump
 * or of a Wasm exception handler from another chunk), and runs until control leaves its range:
 * then it stores the slots it wrote back and returns the pc to go on at, or -1 after a return (the
 * results in the first slots of {@code frame}), or -2 after a tail call to another function (the
 * {@link TailCall} in {@code tailCall[0]}). The function's own method, {@code f<index>} with the
 * usual descriptor (or the body form {@code t<index>} when it makes tail calls to others, see
 * {@link FunctionCompiler#tailCallsOthers}), makes the frame and calls the chunks in a loop. Jumps
 * inside a chunk, the hot loops, stay plain JVM jumps; a tail call of the function to itself is a
 * jump to pc 0, the first chunk's start.
 *
 * <p>A Wasm exception handler range may cross chunks: each chunk covers the part inside it with
 * its own JVM exception table entry and handler stub (see {@code FunctionCompiler.handlerRanges}),
 * so a throw lands in the chunk where it happens; the stub stores the caught values and goes on at
 * the handler's target, which is an entry of its chunk. The catch's payload and exnref slots
 * therefore count as written by every chunk the range crosses.
 *
 * <p>Chunks are cut by measurement: the function is first emitted into a scratch class to learn
 * each instruction's bytecode size and slots, then cut greedily so that each chunk, with the
 * code that loads and stores its slots, stays under a budget.
 */
final class SplitFunction {
    /** Locals a chunk needs past the slots and memories: scratch array, caught exception, frame, pc, tail call. */
    static final int EXTRA_LOCALS = 5;
    /** Locals a chunk keeps above the frame layout: the frame, the pc and the tail-call cell. */
    static final int CHUNK_LOCALS = 3;
    /** {@code (InstanceState inst, int depth, long[] frame, int pc, Object[] tailCall) int}. */
    static final String CHUNK_DESCRIPTOR = "(L" + FunctionCompiler.INST + ";I[JI[Ljava/lang/Object;)I";
    /** What a chunk returns after a return. */
    private static final int RETURNED = -1;
    /** What a chunk returns after a tail call to another function. */
    private static final int TAIL_CALLED = -2;
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

    private SplitFunction() {}

    /**
     * Emits function {@code index} as an entry method and chunks of at most about {@code budget}
     * bytes; returns the size of the largest method emitted.
     */
    static int compile(ClassVisitor cv, CompileContext ctx, int index, Lowered fn, int budget) {
        return compile(cv, ctx, index, fn, budget, false);
    }

    /**
     * Whether function {@code index} can have an OSR entry ({@link #compileOsr}): its frame is
     * the interpreter's slots as they are (no v128 high halves) and it makes no tail calls to
     * others (which its caller would have to make).
     */
    static boolean osrCapable(InstanceState inst, int index, Lowered fn) {
        return !FunctionCompiler.usesV128(inst, inst.functions[index].type(), fn)
                && !TailDispatch.tailCallsOthers(fn, index);
    }

    /**
     * Emits function {@code index} split as {@link #compile} does, with every loop header (the
     * target of a backward jump) an entry of its chunk, and the OSR entry {@code static long[]
     * o<index>(InstanceState inst, int depth, long[] frame, int pc)}: it runs the function from
     * loop header {@code pc} on {@code frame} (an interpreter frame's slots, taken over) to its
     * return, and returns the results flat. Requires {@link #osrCapable}. Its calls of the
     * functions {@code linked} says are in the module's class go there through invokedynamic.
     */
    static int compileOsr(ClassVisitor cv, CompileContext ctx, int index, Lowered fn) {
        return compile(cv, ctx, index, fn, BUDGET, true);
    }

    static String osrMethodName(int index) {
        return "o" + index;
    }

    /** The OSR entry's descriptor: {@code (InstanceState, int depth, long[] frame, int pc) long[]}. */
    static final String OSR_DESCRIPTOR = "(L" + FunctionCompiler.INST + ";I[JI)[J";

    private static int compile(ClassVisitor cv, CompileContext ctx, int index, Lowered fn, int budget, boolean osr) {
        InstanceState inst = ctx.inst();
        var probe = new Probe();
        int total = FunctionCompiler.compile(new ClassWriter(0), ctx.scratch(), index, fn, null, probe);
        var loopHeaders = new BitSet();
        if (osr) {
            FunctionCompiler.jumps(fn.code(), (at, target) -> {
                if (target <= at) {
                    loopHeaders.set(target);
                }
            });
        }
        List<Chunk> chunks = cut(probe, total, inst, fn, budget, loopHeaders);
        boolean tail = TailDispatch.tailCallsOthers(fn, index);
        int largest = entry(cv, inst, index, fn, chunks, tail);
        if (osr) {
            largest = Math.max(largest, osrEntry(cv, index, inst.functions[index].type(), fn, chunks));
        }
        var sizes = new ArrayList<Integer>();
        for (Chunk chunk : chunks) {
            int size = FunctionCompiler.compile(cv, ctx, index, fn, chunk, null);
            sizes.add(size);
            largest = Math.max(largest, size);
        }
        TailDispatch.wrappers(cv, index, inst.functions[index].type(), tail);
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
    static int measure(CompileContext ctx, int index, Lowered fn) {
        return FunctionCompiler.compile(new ClassWriter(0), ctx.scratch(), index, fn, null, null);
    }

    /** Cuts the measured instructions greedily into chunks within {@code budget}. */
    private static List<Chunk> cut(
            Probe probe, int total, InstanceState inst, Lowered fn, int budget, BitSet extraEntries) {
        int[] code = fn.code();
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
            boolean leaves = IrOp.at(code, at) == IrOp.BR_TABLE && code[at + 2] > MAX_TABLE;
            if (at < r[0] || at >= r[1] || leaves) {
                entries.get(k).add(target);
            }
        });
        handlers(inst, fn, ranges, sets, entries);
        extraEntries.stream().forEach(pc -> entries.get(chunkOf(ranges, pc)).add(pc));
        List<Chunk> chunks = new ArrayList<>();
        for (int k = 0; k < ranges.size(); k++) {
            int[] e = entries.get(k).stream().mapToInt(Integer::intValue).toArray();
            chunks.add(new Chunk(
                    k, ranges.get(k)[0], ranges.get(k)[1], sets.get(k)[0], sets.get(k)[1], e, fn.frameSize()));
        }
        return chunks;
    }

    /**
     * A Wasm handler range in chunk k lands in k's own stub, which writes the catch's payload and
     * exnref slots and goes on at the catch's target: those slots are k's, and the target is an
     * entry of its chunk when that is another.
     */
    private static void handlers(
            InstanceState inst, Lowered fn, List<int[]> ranges, List<BitSet[]> sets, List<TreeSet<Integer>> entries) {
        for (TierSupport.HandlerRange h : fn.handlers()) {
            for (int k = 0; k < ranges.size(); k++) {
                int[] r = ranges.get(k);
                if (h.start() >= r[1] || h.end() <= r[0] || h.start() >= h.end()) {
                    continue;
                }
                for (TierSupport.Catch c : h.catches()) {
                    var slots = new BitSet();
                    if (c.payloadSlot() >= 0 && c.tag() != TierSupport.CATCH_ALL) {
                        // One slot per parameter; a v128's high half at frameSize on.
                        List<ValType> payload = inst.tags[c.tag()].type().params();
                        for (int i = 0; i < payload.size(); i++) {
                            slots.set(c.payloadSlot() + i);
                            if (payload.get(i) == ValType.V128) {
                                slots.set(fn.frameSize() + c.payloadSlot() + i);
                            }
                        }
                    }
                    if (c.refSlot() >= 0) {
                        slots.set(c.refSlot());
                    }
                    sets.get(k)[0].or(slots);
                    sets.get(k)[1].or(slots);
                    int t = chunkOf(ranges, c.target());
                    if (t != k) {
                        entries.get(t).add(c.target());
                    }
                }
            }
        }
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
     * {@code f<index>} (or, with {@code tail}, the body form {@code t<index>}): past the JIT's
     * nesting depth, the interpreter; else a fresh frame with the parameters and the frame image,
     * then the chunks, each returning where to go on, until one returns a negative code; then the
     * results from the frame, or (body form) the tail call a chunk made. Returns its bytecode size.
     */
    private static int entry(
            ClassVisitor cv, InstanceState inst, int index, Lowered fn, List<Chunk> chunks, boolean tail) {
        FuncType type = inst.functions[index].type();
        boolean v128 = FunctionCompiler.usesV128(inst, type, fn);
        int frameSize = fn.frameSize();
        int params = type.params().size();
        MethodVisitor mv = cv.visitMethod(
                ACC_STATIC,
                tail ? TailDispatch.tailMethodName(index) : FunctionCompiler.methodName(index),
                tail ? TailDispatch.tailDescriptor(type) : FunctionCompiler.descriptor(type),
                null,
                null);
        mv.visitCode();
        Label start = new Label();
        mv.visitLabel(start);
        Label ok = new Label();
        mv.visitVarInsn(ILOAD, 1);
        push(mv, FunctionCompiler.MAX_JIT_DEPTH);
        mv.visitJumpInsn(IF_ICMPLT, ok);
        mv.visitVarInsn(ALOAD, 0);
        push(mv, index);
        Abi.flatFromArgs(mv, type, FunctionCompiler.local(0));
        mv.visitVarInsn(ILOAD, 1);
        mv.visitMethodInsn(
                INVOKESTATIC, FunctionCompiler.RT, "interpret", "(L" + FunctionCompiler.INST + ";I[JI)[J", false);
        if (tail) {
            mv.visitInsn(ARETURN);
        } else {
            Abi.returnFlat(mv, type);
        }
        mv.visitLabel(ok);
        int frame = FunctionCompiler.local(Abi.jvmParams(type));
        int pc = frame + 1;
        int tailCall = frame + 2;
        if (tail) {
            mv.visitInsn(ICONST_1);
            mv.visitTypeInsn(ANEWARRAY, "java/lang/Object");
        } else {
            mv.visitInsn(ACONST_NULL);
        }
        mv.visitVarInsn(ASTORE, tailCall);
        mv.visitVarInsn(ALOAD, 0);
        push(mv, index);
        mv.visitMethodInsn(
                INVOKESTATIC, FunctionCompiler.RT, "newFrame", "(L" + FunctionCompiler.INST + ";I)[J", false);
        if (v128) {
            // Room for the high halves, zero at entry as in one method (FunctionCompiler.initFrame).
            push(mv, 2 * frameSize);
            mv.visitMethodInsn(INVOKESTATIC, "java/util/Arrays", "copyOf", "([JI)[J", false);
        }
        mv.visitVarInsn(ASTORE, frame);
        int high = params;
        for (int p = 0; p < params; p++) {
            mv.visitVarInsn(ALOAD, frame);
            push(mv, p);
            mv.visitVarInsn(LLOAD, FunctionCompiler.local(p));
            mv.visitInsn(LASTORE);
            if (type.params().get(p) == ValType.V128) {
                // Its high half comes after all the low halves (Abi).
                mv.visitVarInsn(ALOAD, frame);
                push(mv, frameSize + p);
                mv.visitVarInsn(LLOAD, FunctionCompiler.local(high++));
                mv.visitInsn(LASTORE);
            }
        }
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, pc);
        chunkLoop(mv, index, chunks, frame, pc, tailCall);
        if (tail) {
            // The body form: the tail call a chunk made, or the flat results.
            Label returned = new Label();
            mv.visitVarInsn(ILOAD, pc);
            push(mv, TAIL_CALLED);
            mv.visitJumpInsn(IF_ICMPNE, returned);
            mv.visitVarInsn(ALOAD, tailCall);
            mv.visitInsn(ICONST_0);
            mv.visitInsn(AALOAD);
            mv.visitInsn(ARETURN);
            mv.visitLabel(returned);
        }
        returnFromFrame(mv, frame, type.results(), frameSize, tail);
        Label end = new Label();
        mv.visitLabel(end);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        return end.getOffset();
    }

    /**
     * {@code o<index>} (see {@link #compileOsr}): the chunks from the given pc on the given frame,
     * then the results as a long[]. Its bytecode size.
     */
    private static int osrEntry(ClassVisitor cv, int index, FuncType type, Lowered fn, List<Chunk> chunks) {
        MethodVisitor mv = cv.visitMethod(ACC_STATIC, osrMethodName(index), OSR_DESCRIPTOR, null, null);
        mv.visitCode();
        int tailCall = 4;
        mv.visitInsn(ACONST_NULL);
        mv.visitVarInsn(ASTORE, tailCall);
        chunkLoop(mv, index, chunks, 2, 3, tailCall);
        returnFromFrame(mv, 2, type.results(), fn.frameSize(), true);
        Label end = new Label();
        mv.visitLabel(end);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        return end.getOffset();
    }

    /**
     * Calls the chunk whose range holds the pc (local {@code pc}) until one returns a negative
     * code, which is left in {@code pc}; locals 0 and 1 are the instance and the depth.
     */
    private static void chunkLoop(MethodVisitor mv, int index, List<Chunk> chunks, int frame, int pc, int tailCall) {
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
            mv.visitVarInsn(ALOAD, tailCall);
            mv.visitMethodInsn(INVOKESTATIC, ModuleCompiler.CLASS_NAME, c.methodName(index), CHUNK_DESCRIPTOR, false);
            mv.visitInsn(DUP);
            mv.visitVarInsn(ISTORE, pc);
            mv.visitJumpInsn(IFGE, loop);
            mv.visitJumpInsn(GOTO, done);
        }
        mv.visitLabel(done);
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

    /**
     * Returns the results in the frame's first slots (a v128's high half at frameSize on) in the
     * flat layout, as the method's descriptor says; the body form ({@code tail}) returns them as
     * a long[] whatever their number.
     */
    private static void returnFromFrame(
            MethodVisitor mv, int frame, List<ValType> results, int frameSize, boolean tail) {
        int flat = Abi.flat(results);
        if (!tail && flat == 0) {
            mv.visitInsn(RETURN);
            return;
        }
        if (!tail && flat == 1) {
            mv.visitVarInsn(ALOAD, frame);
            mv.visitInsn(ICONST_0);
            mv.visitInsn(LALOAD);
            mv.visitInsn(LRETURN);
            return;
        }
        if (flat == results.size()) {
            mv.visitVarInsn(ALOAD, frame);
            push(mv, flat);
            mv.visitMethodInsn(INVOKESTATIC, "java/util/Arrays", "copyOf", "([JI)[J", false);
            mv.visitInsn(ARETURN);
            return;
        }
        push(mv, flat);
        mv.visitIntInsn(NEWARRAY, T_LONG);
        int at = 0;
        for (int i = 0; i < results.size(); i++) {
            copy(mv, frame, i, at++);
            if (results.get(i) == ValType.V128) {
                copy(mv, frame, frameSize + i, at++);
            }
        }
        mv.visitInsn(ARETURN);
    }

    /** With a long[] on the stack, stores {@code frame[from]} at {@code to}. */
    private static void copy(MethodVisitor mv, int frame, int from, int to) {
        mv.visitInsn(DUP);
        push(mv, to);
        mv.visitVarInsn(ALOAD, frame);
        push(mv, from);
        mv.visitInsn(LALOAD);
        mv.visitInsn(LASTORE);
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
        private int tailCallLocal;
        /** Frame index {@code frameSize + s} holds slot s's v128 high half. */
        private final int frameSize;
        /** The JVM local of slot 0's high half, or -1 in a function without v128 values. */
        private int hiBase = -1;

        Chunk(int number, int from, int to, BitSet touched, BitSet written, int[] entries, int frameSize) {
            this.frameSize = frameSize;
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

        /**
         * Keeps the frame, the pc and the tail-call cell (locals 2 to 4) in the locals from {@code
         * free} on, above the slots, then loads the slots used.
         */
        void prologue(MethodVisitor mv, int free, int hiBase) {
            this.hiBase = hiBase;
            frameLocal = free;
            pcLocal = free + 1;
            tailCallLocal = free + 2;
            mv.visitVarInsn(ALOAD, 2);
            mv.visitVarInsn(ASTORE, frameLocal);
            mv.visitVarInsn(ILOAD, 3);
            mv.visitVarInsn(ISTORE, pcLocal);
            mv.visitVarInsn(ALOAD, 4);
            mv.visitVarInsn(ASTORE, tailCallLocal);
            for (int s = touched.nextSetBit(0); s >= 0; s = touched.nextSetBit(s + 1)) {
                mv.visitVarInsn(ALOAD, frameLocal);
                push(mv, s);
                mv.visitInsn(LALOAD);
                mv.visitVarInsn(LSTORE, localOf(s));
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

        /** The JVM local of frame index {@code s}: a slot's, or from frameSize on a high half's. */
        private int localOf(int s) {
            return s < frameSize ? FunctionCompiler.local(s) : hiBase + 2 * (s - frameSize);
        }

        /** Before a return: result {@code i}'s v128 high half, in JVM local {@code local}, to the frame. */
        void storeHigh(MethodVisitor mv, int i, int local) {
            mv.visitVarInsn(ALOAD, frameLocal);
            push(mv, frameSize + i);
            mv.visitVarInsn(LLOAD, local);
            mv.visitInsn(LASTORE);
        }

        /** A return: the results to the frame's first slots, and -1. */
        void ret(MethodVisitor mv, int src, int count) {
            for (int i = 0; i < count; i++) {
                mv.visitVarInsn(ALOAD, frameLocal);
                push(mv, i);
                mv.visitVarInsn(LLOAD, FunctionCompiler.local(src + i));
                mv.visitInsn(LASTORE);
            }
            push(mv, RETURNED);
            mv.visitInsn(IRETURN);
        }

        /**
         * A tail call to another function (the TailCall on the stack): it goes to the cell for the
         * entry to return; the function is left, so no slot needs storing.
         */
        void tailCall(MethodVisitor mv) {
            mv.visitVarInsn(ALOAD, tailCallLocal);
            mv.visitInsn(SWAP);
            mv.visitInsn(ICONST_0);
            mv.visitInsn(SWAP);
            mv.visitInsn(AASTORE);
            push(mv, TAIL_CALLED);
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
        void exits(MethodVisitor mv) {
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
                mv.visitVarInsn(LLOAD, localOf(s));
                mv.visitInsn(LASTORE);
            }
            mv.visitVarInsn(ILOAD, pcLocal);
            mv.visitInsn(IRETURN);
        }
    }
}
