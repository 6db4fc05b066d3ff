package dev.jwasm.exec.jit.internal;

import static net.bytebuddy.jar.asm.Opcodes.AALOAD;
import static net.bytebuddy.jar.asm.Opcodes.ACC_STATIC;
import static net.bytebuddy.jar.asm.Opcodes.ALOAD;
import static net.bytebuddy.jar.asm.Opcodes.ARETURN;
import static net.bytebuddy.jar.asm.Opcodes.ASTORE;
import static net.bytebuddy.jar.asm.Opcodes.ATHROW;
import static net.bytebuddy.jar.asm.Opcodes.CHECKCAST;
import static net.bytebuddy.jar.asm.Opcodes.DUP2;
import static net.bytebuddy.jar.asm.Opcodes.GETFIELD;
import static net.bytebuddy.jar.asm.Opcodes.GOTO;
import static net.bytebuddy.jar.asm.Opcodes.H_INVOKESTATIC;
import static net.bytebuddy.jar.asm.Opcodes.I2L;
import static net.bytebuddy.jar.asm.Opcodes.IADD;
import static net.bytebuddy.jar.asm.Opcodes.ICONST_0;
import static net.bytebuddy.jar.asm.Opcodes.ICONST_1;
import static net.bytebuddy.jar.asm.Opcodes.IFEQ;
import static net.bytebuddy.jar.asm.Opcodes.IFNE;
import static net.bytebuddy.jar.asm.Opcodes.IF_ICMPLT;
import static net.bytebuddy.jar.asm.Opcodes.ILOAD;
import static net.bytebuddy.jar.asm.Opcodes.IMUL;
import static net.bytebuddy.jar.asm.Opcodes.INVOKESTATIC;
import static net.bytebuddy.jar.asm.Opcodes.INVOKEVIRTUAL;
import static net.bytebuddy.jar.asm.Opcodes.LADD;
import static net.bytebuddy.jar.asm.Opcodes.LAND;
import static net.bytebuddy.jar.asm.Opcodes.LCMP;
import static net.bytebuddy.jar.asm.Opcodes.LCONST_0;
import static net.bytebuddy.jar.asm.Opcodes.LLOAD;
import static net.bytebuddy.jar.asm.Opcodes.LMUL;
import static net.bytebuddy.jar.asm.Opcodes.LRETURN;
import static net.bytebuddy.jar.asm.Opcodes.LSTORE;
import static net.bytebuddy.jar.asm.Opcodes.LSUB;
import static net.bytebuddy.jar.asm.Opcodes.NEWARRAY;
import static net.bytebuddy.jar.asm.Opcodes.NOP;
import static net.bytebuddy.jar.asm.Opcodes.POP;
import static net.bytebuddy.jar.asm.Opcodes.PUTFIELD;
import static net.bytebuddy.jar.asm.Opcodes.RETURN;
import static net.bytebuddy.jar.asm.Opcodes.T_LONG;

import dev.jwasm.api.code.Opcode;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.ValType;
import dev.jwasm.exec.interp.internal.IrOp;
import dev.jwasm.exec.interp.internal.TierSupport;
import dev.jwasm.exec.interp.internal.TierSupport.Lowered;
import dev.jwasm.spi.runtime.InstanceState;
import dev.jwasm.spi.runtime.WasmFunctionInstance;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;

/**
 * Compiles one function's register IR (the interpreter's lowering, see {@code TierSupport}) to
 * one static JVM method. Each IR slot (a Wasm local or operand-stack position) becomes a JVM
 * {@code long} local holding the same raw bits as the interpreter's frame slot (i32 and f32
 * sign-extended from 32 bits), so every branch target has an empty JVM operand stack and the two
 * tiers agree bit for bit; in a function with v128 values each slot also has a local for its
 * high half (see SimdCode). How each IR operation is compiled is classified in {@link JitOps}:
 * a few JVM instructions, or a direct call of that operation's own helper, so the semantics
 * (traps included) are shared with the interpreter.
 *
 * <p>The method is {@code static R f<index>(InstanceState inst, int depth, long... params)} in
 * the calling convention of {@link Abi}. Exception handlers are JVM exception table entries;
 * tail calls are loops or TailCalls (see {@link TailCall}).
 */
final class FunctionCompiler extends Emitter {
    /**
     * Compiled calls nest on the JVM stack, which a thread may have little of (1 MiB by default).
     * A call this deep runs on the interpreter instead, whose own stack holds the rest of the
     * recursion (up to the engine's call-depth limit), so deep recursion still completes.
     */
    static final int MAX_JIT_DEPTH = 1_000;

    /** The class this method is part of: which functions it holds, how others are called. */
    private final CompileContext ctx;

    private final boolean meterFuel;

    private final Label[] labels;

    private final int index;

    /** Set when this compiler emits one chunk of a function split into several methods. */
    private SplitFunction.Chunk chunk;

    /**
     * Whether the function makes tail calls to others (see TailCall): its body method, or each of
     * its chunks, hands the TailCall out instead of making the call.
     */
    private boolean tailForm;

    /** Where the body is copied into its own calls (see SelfInlining): each copy's IR pcs. */
    private List<SelfInlining.Copy> copies = List.of();

    /** The level of the copy the instruction being emitted is in (see copyLevel), or 0. */
    private int copyLevel;

    /** After the entry code of a function in one method: where a tail call of itself jumps. */
    private final Label selfStart = new Label();

    /** After this method's last instruction: where a Wasm handler range that runs to it ends. */
    private final Label codeEnd = new Label();

    /** The pcs where a Wasm handler range of this method starts (see handlerRanges). */
    private final Set<Integer> rangeStarts = new java.util.HashSet<>();

    /** In a chunk: the first JVM local free for the chunk's own (see SplitFunction.Chunk.prologue). */
    private final int chunkLocals;

    private final MemoryEmitter memory;
    private final SimdEmitter simd;
    private final GcEmitter gc;
    /** Spills the frame's references around each call and allocation (see GcSpill). */
    private final GcSpill spill;

    private FunctionCompiler(
            MethodVisitor mv, CompileContext ctx, int index, FuncType type, Lowered fn, SplitFunction.Probe probe) {
        super(mv, ctx.inst(), type, fn, probe);
        this.index = index;
        this.ctx = ctx;
        this.meterFuel = ctx.meterFuel();
        this.labels = new Label[code.length + 1];
        this.memory = new MemoryEmitter(this);
        this.simd = new SimdEmitter(this);
        this.chunkLocals = frameTop;
        this.gc = new GcEmitter(this);
        // Above the chunk's frame, pc and tail-call locals (SplitFunction.Chunk.prologue).
        this.spill = new GcSpill(this, chunkLocals + SplitFunction.CHUNK_LOCALS);
    }

    static String methodName(int index) {
        return "f" + index;
    }

    static String descriptor(FuncType type) {
        return Abi.descriptor(type);
    }

    /**
     * Why {@code function} cannot be compiled, or null if it can: it needs a size a JVM method
     * can hold, no value the GC heap must find (until compiled code spills GC roots), and only IR
     * operations {@link JitOps} classifies as compiled.
     */
    static String whyNot(WasmFunctionInstance function, Lowered fn) {
        String reason = Compilability.reason(function, fn);
        if (reason != null) {
            INTERPRETED.merge(reason, 1, Integer::sum);
        }
        return reason;
    }

    /**
     * Every reason {@link #whyNot} gave, with its count, since the JVM started or a test cleared
     * it: the spec coverage test checks that whole spec scripts compile with no fallback.
     */
    static final Map<String, Integer> INTERPRETED = new ConcurrentHashMap<>();

    /**
     * Emits function {@code index} into {@code cv} as one method; adds the type of each of its
     * {@code call_indirect}s to the context's indirect types. Returns the size of its bytecode.
     */
    static int compile(ClassVisitor cv, CompileContext ctx, int index, Lowered fn) {
        var inlined = SelfInlining.apply(fn, index, ctx.meterFuel());
        if (inlined == null) {
            return compile(cv, ctx, index, fn, null, null);
        }
        return compile(cv, ctx, index, inlined.fn(), null, null, inlined.copies());
    }

    /**
     * Emits function {@code index} as {@link #compile} does, or only the chunk {@code chunk} of it
     * (a method of its own, see {@link SplitFunction}), or, with a {@code probe}, only measures it.
     */
    static int compile(
            ClassVisitor cv,
            CompileContext ctx,
            int index,
            Lowered fn,
            SplitFunction.Chunk chunk,
            SplitFunction.Probe probe) {
        return compile(cv, ctx, index, fn, chunk, probe, List.of());
    }

    private static int compile(
            ClassVisitor cv,
            CompileContext ctx,
            int index,
            Lowered fn,
            SplitFunction.Chunk chunk,
            SplitFunction.Probe probe,
            List<SelfInlining.Copy> copies) {
        InstanceState inst = ctx.inst();
        FuncType type = inst.functions[index].type();
        boolean tail = TailDispatch.tailCallsOthers(fn, index);
        String name =
                chunk != null ? chunk.methodName(index) : tail ? TailDispatch.tailMethodName(index) : methodName(index);
        String desc = chunk != null
                ? SplitFunction.CHUNK_DESCRIPTOR
                : tail ? TailDispatch.tailDescriptor(type) : descriptor(type);
        MethodVisitor mv = cv.visitMethod(ACC_STATIC, name, desc, null, null);
        mv.visitCode();
        var compiler = new FunctionCompiler(mv, ctx, index, type, fn, probe);
        compiler.chunk = chunk;
        compiler.tailForm = tail;
        compiler.copies = copies;
        int size = compiler.body();
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        if (chunk == null) {
            // A split function's entry method emits these itself (SplitFunction.compile).
            TailDispatch.wrappers(cv, index, type, tail);
        }
        return size;
    }

    private Label label(int pc) {
        if (chunk != null && !chunk.contains(pc)) {
            // Another chunk's code: leave this method for it.
            return chunk.exit(pc);
        }
        if (labels[pc] == null) {
            labels[pc] = new Label();
        }
        return labels[pc];
    }

    /** Emits the method body; returns its bytecode size (without the exception handlers). */
    private int body() {
        // A trap leaving this method records its Wasm frame (innermost first, as the trap
        // unwinds); a JVM stack overflow becomes the trap "call stack exhausted" right here.
        Label start = new Label();
        Label end = new Label();
        Label onTrap = new Label();
        Label onOverflow = new Label();
        // Listed first, so that a copy's handler records its frame before the method's own.
        var copyStubs = copyHandlers();
        mv.visitTryCatchBlock(start, end, onTrap, "dev/jwasm/api/Trap");
        mv.visitTryCatchBlock(start, end, onOverflow, "java/lang/StackOverflowError");
        var stubs = handlerRanges();
        if (chunk != null) {
            // The slots (v128 high halves from index frameSize on) come from the frame array.
            chunk.prologue(mv, chunkLocals, v128 ? hiBase : -1);
            if (v128) {
                simdTemps();
            }
        } else {
            emitEntry();
        }
        spill.entry();
        planUnrolling();
        loadMemories();
        mv.visitLabel(start);
        mv.visitLabel(selfStart);
        if (chunk != null) {
            chunk.dispatch(mv, this::label);
        }
        int pc = chunk == null ? 0 : chunk.from();
        int to = chunk == null ? code.length : chunk.to();
        while (pc < to) {
            if (labels[pc] != null || isTarget(pc)) {
                mv.visitLabel(label(pc));
            }
            if (rangeStarts.contains(pc)) {
                // A JVM exception range must cover some bytecode; the instructions of a Wasm
                // range (a safepoint, say) may have none.
                mv.visitInsn(NOP);
            }
            if (probe != null) {
                probe.instruction(pc, mv);
            }
            var loop = unrolled.get(pc);
            copyLevel = copyLevel(pc);
            pc = loop == null ? instruction(pc) : unroll(loop);
        }
        mv.visitLabel(codeEnd);
        if (to < code.length) {
            // Falls through into the next chunk.
            mv.visitJumpInsn(GOTO, label(to));
        }
        // The IR ends in a return or trap, so control never falls into these.
        for (var back : backEdges.entrySet()) {
            mv.visitLabel(back.getValue());
            safepoint();
            mv.visitJumpInsn(GOTO, label(back.getKey()));
        }
        stubs.forEach(this::handlerStub);
        copyStubs.forEach(this::copyFrame);
        memory.outOfBoundsBlocks();
        if (chunk != null) {
            chunk.exits(mv);
        }
        mv.visitLabel(end);
        return handlers(end.getOffset(), onTrap, onOverflow);
    }

    /**
     * Wasm exception handlers (try_table, legacy try): JVM exception table entries over the IR
     * ranges they cover, each to a stub that tries the range's handlers in order. A chunk of a
     * split function covers the part of each range inside it: a throw in the chunk lands in its
     * own stub, which goes on at the handler's target, in this chunk or (through an exit) another.
     * Returns the stubs to emit, per list of catches.
     */
    private Map<List<TierSupport.Catch>, Label> handlerRanges() {
        var stubs = new LinkedHashMap<List<TierSupport.Catch>, Label>();
        int lo = chunk == null ? 0 : chunk.from();
        int hi = chunk == null ? code.length : chunk.to();
        for (TierSupport.HandlerRange r : fn.handlers()) {
            int from = Math.max(r.start(), lo);
            int to = Math.min(r.end(), hi);
            if (from >= to) {
                continue;
            }
            Label stub = stubs.computeIfAbsent(r.catches(), k -> new Label());
            rangeStarts.add(from);
            mv.visitTryCatchBlock(label(from), to == hi ? codeEnd : label(to), stub, WASM_EXCEPTION);
            for (TierSupport.Catch c : r.catches()) {
                label(c.target());
            }
        }
        return stubs;
    }

    /**
     * For each copy of the body in its own calls (see SelfInlining), the JVM handlers that record
     * the frame the copy stands for when a trap or stack overflow leaves it: the handler stubs
     * (trap, overflow) lie inside the method's own range, whose handler records the next frame.
     */
    private Map<SelfInlining.Copy, Label[]> copyHandlers() {
        var stubs = new LinkedHashMap<SelfInlining.Copy, Label[]>();
        // Deepest copies first: the JVM takes the first entry whose range holds the pc.
        for (SelfInlining.Copy c : copies) {
            Label[] stub = {new Label(), new Label()};
            mv.visitTryCatchBlock(label(c.start()), label(c.end()), stub[0], "dev/jwasm/api/Trap");
            mv.visitTryCatchBlock(label(c.start()), label(c.end()), stub[1], "java/lang/StackOverflowError");
            stubs.put(c, stub);
        }
        return stubs;
    }

    /** A copy's stubs: the trap with the frames of the copy's level, then the method's (see body). */
    private void copyFrame(SelfInlining.Copy copy, Label[] stub) {
        mv.visitLabel(stub[0]);
        for (int i = 1; i < copy.level(); i++) {
            withFrame();
        }
        rethrowWithFrame();
        mv.visitLabel(stub[1]);
        exhausted();
        for (int i = 1; i < copy.level(); i++) {
            withFrame();
        }
        mv.visitInsn(ATHROW);
    }

    /** Records this function's frame on the trap on the stack, which stays there. */
    private void withFrame() {
        mv.visitVarInsn(ALOAD, 0);
        push(index);
        mv.visitMethodInsn(
                INVOKESTATIC, RT, "frame", "(Ldev/jwasm/api/Trap;L" + INST + ";I)Ldev/jwasm/api/Trap;", false);
    }

    /** Rethrows the trap on the stack with this function's frame recorded. */
    private void rethrowWithFrame() {
        withFrame();
        mv.visitInsn(ATHROW);
    }

    /** Replaces the StackOverflowError on the stack by "call stack exhausted" with this frame. */
    private void exhausted() {
        mv.visitInsn(POP);
        mv.visitVarInsn(ALOAD, 0);
        push(index);
        mv.visitMethodInsn(INVOKESTATIC, RT, "exhausted", "(L" + INST + ";I)Ldev/jwasm/api/Trap;", false);
    }

    /** Function entry: v128 parameters' high halves, the JIT's nesting limit, the frame image. */
    private void emitEntry() {
        if (v128) {
            // A v128 parameter's high half arrives after all the low halves (see Abi): move
            // each to its slot's high local before the locals behind them are initialised.
            int arg = type.params().size();
            for (int i = 0; i < type.params().size(); i++) {
                if (type.params().get(i) == ValType.V128) {
                    mv.visitVarInsn(LLOAD, local(arg++));
                    storeHi(i);
                } else {
                    mv.visitInsn(LCONST_0);
                    storeHi(i);
                }
            }
        }
        tooDeep();
        // Entry stores the IR's frame image from the first non-parameter slot up (Wasm zeroes
        // declared locals; a constant pool follows them); the remaining operand slots are zeroed
        // too so that every JVM local is definitely assigned wherever control flow merges.
        initFrame();
    }

    private void loadMemories() {
        if (!memoryUsed) {
            return;
        }
        // The memories never change for an instance: load each once, as its concrete class.
        for (int m = 0; m < inst.memories.length; m++) {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitFieldInsn(GETFIELD, INST, "memories", "[L" + MEM + ";");
            push(m);
            mv.visitInsn(AALOAD);
            if (!memories.owner(m).equals(MEM)) {
                mv.visitTypeInsn(CHECKCAST, memories.owner(m));
            }
            mv.visitVarInsn(ASTORE, memBase + m);
        }
        memory.loadSegments();
        if (memory.beyondC1()) {
            TierNudge.emit(mv, index);
        }
    }

    /**
     * Whether memories accessed through their segment may have grown by the end of {@code op}, so
     * that their segment locals are loaded again: a call (the callee or a host function may grow
     * memory), a grow, and, for a shared memory grown by another thread, the operations that
     * synchronise with it (memory.size and the atomics: after one of them sees a grow, an access
     * in the new range must succeed). A stale segment is never unsafe, only smaller.
     */
    private static boolean reloadsSegments(IrOp op) {
        return switch (op) {
            case CALL, CALL_INDIRECT, CALL_REF, MEMORY_GROW, MEMORY_SIZE, ATOMIC -> true;
            default -> false;
        };
    }

    /** The handlers after the body, whose bytecode size is {@code size}; returns it. */
    private int handlers(int size, Label onTrap, Label onOverflow) {
        mv.visitLabel(onTrap);
        rethrowWithFrame();
        mv.visitLabel(onOverflow);
        exhausted();
        mv.visitInsn(ATHROW);
        return size;
    }

    /**
     * The frame image from the first non-parameter slot up (see body); with v128 values their
     * high halves zeroed too, and the SimdOps result pair allocated.
     */
    private void initFrame() {
        long[] init = fn.frameInit();
        for (int s = fn.params(); s < fn.frameSize(); s++) {
            int i = s - fn.params();
            pushLong(i < init.length ? init[i] : 0);
            mv.visitVarInsn(LSTORE, local(s));
            if (v128) {
                mv.visitInsn(LCONST_0);
                storeHi(s);
            }
        }
        if (v128) {
            simdTemps();
        }
    }

    /** The SimdOps result pair and the scratch address: temporaries of one instruction each. */
    private void simdTemps() {
        push(2);
        mv.visitIntInsn(NEWARRAY, T_LONG);
        mv.visitVarInsn(ASTORE, out);
        mv.visitInsn(LCONST_0);
        mv.visitVarInsn(LSTORE, eaTemp);
    }

    /**
     * The landing of a Wasm exception (the {@code WasmException} on the stack) thrown in a range
     * with handlers {@code catches}: the first whose tag matches (as the interpreter's
     * {@code Handlers.land}) gets its payload and exnref stored and continues at its target; when
     * none matches the exception leaves this function.
     */
    private void handlerStub(List<TierSupport.Catch> catches, Label stub) {
        int exn = scratch + 1;
        mv.visitLabel(stub);
        mv.visitVarInsn(ASTORE, exn);
        spill.landing();
        // The throw may come from a callee that grew memory.
        memory.loadSegments();
        Label[] lands = new Label[catches.size()];
        for (int i = 0; i < lands.length; i++) {
            lands[i] = new Label();
            TierSupport.Catch c = catches.get(i);
            if (c.tag() == TierSupport.CATCH_ALL) {
                mv.visitJumpInsn(GOTO, lands[i]);
                break;
            }
            mv.visitVarInsn(ALOAD, exn);
            mv.visitVarInsn(ALOAD, 0);
            push(c.tag());
            mv.visitMethodInsn(INVOKESTATIC, RT, "catches", "(L" + WASM_EXCEPTION + ";L" + INST + ";I)Z", false);
            mv.visitJumpInsn(IFNE, lands[i]);
        }
        mv.visitVarInsn(ALOAD, exn);
        mv.visitInsn(ATHROW);
        for (int i = 0; i < lands.length; i++) {
            TierSupport.Catch c = catches.get(i);
            mv.visitLabel(lands[i]);
            if (c.payloadSlot() >= 0 && c.tag() != TierSupport.CATCH_ALL) {
                // The payload is flat (two longs per v128): one slot per parameter.
                mv.visitVarInsn(ALOAD, exn);
                mv.visitMethodInsn(INVOKESTATIC, RT, "payload", "(L" + WASM_EXCEPTION + ";)[J", false);
                flatResults(c.payloadSlot(), inst.tags[c.tag()].type().params());
            }
            if (c.refSlot() >= 0) {
                mv.visitVarInsn(ALOAD, 0);
                mv.visitVarInsn(ALOAD, exn);
                mv.visitMethodInsn(INVOKESTATIC, RT, "exnRef", "(L" + INST + ";L" + WASM_EXCEPTION + ";)J", false);
                storeL(c.refSlot());
            }
            mv.visitJumpInsn(GOTO, label(c.target()));
            if (c.tag() == TierSupport.CATCH_ALL) {
                break;
            }
        }
    }

    /** The loops written out several times (see {@link LoopUnrolling}), by header pc. */
    private Map<Integer, LoopUnrolling.Loop> unrolled = Map.of();

    /** While a copy of an unrolled loop is emitted: its back-edge's pc and the next copy's start. */
    private int redirectPc = -1;

    private Label redirect;

    /**
     * Chooses the loops to unroll: in a whole function (not a chunk, not a measurement) small
     * enough that it was not measured for splitting (which counts each loop once), without fuel
     * metering (which charges each back-edge) or exception handlers (whose stubs jump into the
     * code from outside it).
     */
    private void planUnrolling() {
        if (chunk != null
                || probe != null
                || code.length > ModuleCompiler.MEASURE_ABOVE
                || meterFuel
                || !fn.handlers().isEmpty()) {
            return;
        }
        isTarget(0); // marks every jump target
        unrolled = LoopUnrolling.plan(code, pc -> labels[pc] != null);
        for (var loop : unrolled.values()) {
            memory.unrolled(loop.header(), loop.end(), loop.copies() - 1);
        }
    }

    /**
     * Emits {@code loop} {@code copies} times in a row: each copy but the last goes on into the
     * next where its back-edge would jump, and leaves at the loop's end where it would fall
     * through; the last copy's back-edge is the loop's (with its stop check). Every copy has
     * labels of its own for the branches inside it. Returns the pc after the loop.
     */
    private int unroll(LoopUnrolling.Loop loop) {
        Label exit = label(loop.end());
        for (int copy = 1; copy <= loop.copies(); copy++) {
            boolean lastCopy = copy == loop.copies();
            if (copy > 1) {
                loop.targets().forEach(t -> labels[t] = new Label());
            }
            Label next = lastCopy ? null : new Label();
            redirectPc = lastCopy ? -1 : loop.last();
            redirect = next;
            for (int pc = loop.header(); pc < loop.end(); ) {
                if (pc != loop.header() && labels[pc] != null) {
                    mv.visitLabel(labels[pc]);
                }
                pc = instruction(pc);
            }
            if (!lastCopy) {
                mv.visitJumpInsn(GOTO, exit);
                mv.visitLabel(next);
            }
        }
        redirectPc = -1;
        return loop.end();
    }

    /** Jump targets are known before they are reached only for backward jumps: mark all first. */
    private boolean targetsMarked;

    private boolean isTarget(int pc) {
        if (!targetsMarked) {
            targetsMarked = true;
            jumps(code, (at, target) -> mark(target));
            if (chunk != null) {
                // A tail call of the function to itself goes on at its first instruction.
                mark(0);
            }
        }
        return labels[pc] != null;
    }

    /** Calls {@code jump} with the pc and the target of every jump in {@code code}. */
    static void jumps(int[] code, java.util.function.BiConsumer<Integer, Integer> jump) {
        for (int at = 0; at < code.length; at += IrOp.at(code, at).length(code, at)) {
            IrOp op = IrOp.at(code, at);
            int t = op.offsetOf(IrOp.Operand.TARGET);
            if (t > 0) {
                jump.accept(at, code[at + t]);
            } else if (op == IrOp.BR_TABLE) {
                for (int i = 0; i <= code[at + 2]; i++) {
                    jump.accept(at, code[at + 3 + i]);
                }
            }
        }
    }

    /** Marks a jump target of this method's code (another chunk's needs no label here). */
    private void mark(int target) {
        if (chunk == null || chunk.contains(target)) {
            label(target);
        }
    }

    /** Per backward-jump target, the stub that checks stop flags and fuel before jumping there. */
    private final TreeMap<Integer, Label> backEdges = new TreeMap<>();

    /**
     * Where the jump at {@code pc} to {@code target} goes: the target itself when forward, else a
     * stub that first runs the back-edge check, so that a loop is charged (and can be stopped)
     * once per iteration the code actually takes, as the interpreter does in {@code Machine.to}.
     */
    private Label jumpTarget(int pc, int target) {
        if (pc == redirectPc) {
            return redirect;
        }
        if (target > pc) {
            return label(target);
        }
        label(target);
        return backEdges.computeIfAbsent(target, t -> new Label());
    }

    /** Emits the instruction at {@code pc}; returns the next pc. */
    private int instruction(int pc) {
        IrOp op = IrOp.at(code, pc);
        int next = pc + op.length(code, pc);
        int[] roots = spill.roots(op, pc, next);
        spill.before(roots);
        switch (op) {
            case UNREACHABLE -> {
                mv.visitMethodInsn(INVOKESTATIC, RT, "unreachable", "()Ldev/jwasm/api/Trap;", false);
                mv.visitInsn(ATHROW);
            }
            case CONST -> {
                pushLong(offset(pc + 2));
                storeL(code[pc + 1]);
            }
            case COPY -> {
                loadL(code[pc + 2]);
                storeL(code[pc + 1]);
            }
            case MOVE_N -> {
                for (int i = 0; i < code[pc + 3]; i++) {
                    loadL(code[pc + 2] + i);
                    storeL(code[pc + 1] + i);
                }
            }
            case GLOBAL_GET -> {
                global(code[pc + 2]);
                mv.visitFieldInsn(GETFIELD, CELL, "value", "J");
                storeL(code[pc + 1]);
            }
            case GLOBAL_SET -> {
                global(code[pc + 1]);
                loadL(code[pc + 2]);
                mv.visitFieldInsn(PUTFIELD, CELL, "value", "J");
            }
            case JUMP -> {
                if (code[pc + 1] <= pc) {
                    safepoint();
                }
                mv.visitJumpInsn(GOTO, label(code[pc + 1]));
            }
            case JUMP_IF_ZERO, JUMP_IF_NONZERO -> {
                loadI(code[pc + 1]);
                mv.visitJumpInsn(op == IrOp.JUMP_IF_ZERO ? IFEQ : IFNE, jumpTarget(pc, code[pc + 2]));
            }
            case JUMP_IF_NULL, JUMP_IF_NON_NULL -> {
                loadL(code[pc + 1]);
                mv.visitInsn(LCONST_0);
                mv.visitInsn(LCMP);
                mv.visitJumpInsn(op == IrOp.JUMP_IF_NULL ? IFEQ : IFNE, jumpTarget(pc, code[pc + 2]));
            }
            case BR_TABLE -> brTable(pc);
            case RETURN -> ret(code[pc + 1], code[pc + 2]);
            case CALL -> call(code[pc + 1], code[pc + 2]);
            case CALL_INDIRECT -> callIndirect(pc);
            case CALL_REF -> {
                FuncType callee = inst.types[code[pc + 1]];
                mv.visitVarInsn(ALOAD, 0);
                loadL(code[pc + 4]);
                flatArray(code[pc + 3], callee.params());
                deeper();
                mv.visitMethodInsn(INVOKESTATIC, RT, "callRef", "(L" + INST + ";J[JI)[J", false);
                flatResults(code[pc + 3], callee.results());
            }
            case SELECT -> {
                Label second = new Label();
                Label done = new Label();
                loadI(code[pc + 4]);
                mv.visitJumpInsn(IFEQ, second);
                loadL(code[pc + 2]);
                mv.visitJumpInsn(GOTO, done);
                mv.visitLabel(second);
                loadL(code[pc + 3]);
                mv.visitLabel(done);
                storeL(code[pc + 1]);
            }
            case UNARY -> numeric(op.carried(code, pc), code[pc + 1], code[pc + 2]);
            case BINARY -> numeric(op.carried(code, pc), code[pc + 1], code[pc + 2], code[pc + 3]);
            case LOAD, STORE -> memory.access(Memory.of(op.carried(code, pc)), pc);
            case MEMORY_SIZE -> {
                mv.visitVarInsn(ALOAD, memBase + code[pc + 2]);
                mv.visitMethodInsn(INVOKEVIRTUAL, memories.owner(code[pc + 2]), "pages", "()J", false);
                storeL(code[pc + 1]);
            }
            case MEMORY_GROW -> {
                mv.visitVarInsn(ALOAD, memBase + code[pc + 3]);
                loadL(code[pc + 2]);
                mv.visitMethodInsn(INVOKESTATIC, RT, "memoryGrow", "(L" + MEM + ";J)J", false);
                storeL(code[pc + 1]);
            }
            case REF_FUNC -> {
                mv.visitVarInsn(ALOAD, 0);
                push(code[pc + 2]);
                mv.visitMethodInsn(INVOKESTATIC, RT, "refFunc", "(L" + INST + ";I)J", false);
                storeL(code[pc + 1]);
            }
            case BULK -> memory.bulk(code[pc + 1], code[pc + 2], code[pc + 3], code[pc + 4]);
            case I32_MUL_ADD -> {
                // Wrapping 32-bit multiply then add, as i32.mul then i32.add would (spec 4.3.2).
                loadI(code[pc + 2]);
                loadI(code[pc + 3]);
                mv.visitInsn(IMUL);
                loadI(code[pc + 4]);
                mv.visitInsn(IADD);
                storeI(code[pc + 1]);
            }
            case SAFEPOINT -> {
                // Nothing: compiled code checks at the back-edges themselves (see jumpTarget), so a
                // SAFEPOINT in front of one would count it twice.
            }
            case WIDE -> wide(code[pc + 1], code[pc + 2]);
            case THROW -> {
                mv.visitVarInsn(ALOAD, 0);
                push(code[pc + 1]);
                flatArray(code[pc + 2], inst.tags[code[pc + 1]].type().params());
                mv.visitMethodInsn(INVOKESTATIC, RT, "throwNew", "(L" + INST + ";I[J)L" + WASM_EXCEPTION + ";", false);
                mv.visitInsn(ATHROW);
            }
            case THROW_REF -> {
                mv.visitVarInsn(ALOAD, 0);
                loadL(code[pc + 1]);
                mv.visitMethodInsn(INVOKESTATIC, RT, "throwRef", "(L" + INST + ";J)L" + WASM_EXCEPTION + ";", false);
                mv.visitInsn(ATHROW);
            }
            case RETURN_CALL -> {
                if (code[pc + 1] == index) {
                    selfTailCall(code[pc + 2]);
                } else {
                    mv.visitVarInsn(ALOAD, 0);
                    push(code[pc + 1]);
                    flatArray(code[pc + 2], inst.functions[code[pc + 1]].type().params());
                    mv.visitMethodInsn(INVOKESTATIC, RT, "tailCall", "(L" + INST + ";I[J)L" + TAIL + ";", false);
                    tailReturn();
                }
            }
            case RETURN_CALL_INDIRECT -> {
                mv.visitVarInsn(ALOAD, 0);
                push(code[pc + 1]);
                push(code[pc + 2]);
                loadL(code[pc + 4]);
                pushLong(0xFFFF_FFFFL);
                mv.visitInsn(LAND);
                flatArray(code[pc + 3], inst.types[code[pc + 1]].params());
                mv.visitMethodInsn(INVOKESTATIC, RT, "tailCallIndirect", "(L" + INST + ";IIJ[J)L" + TAIL + ";", false);
                tailReturn();
            }
            case RETURN_CALL_REF -> {
                mv.visitVarInsn(ALOAD, 0);
                loadL(code[pc + 4]);
                flatArray(code[pc + 3], inst.types[code[pc + 1]].params());
                mv.visitMethodInsn(INVOKESTATIC, RT, "tailCallRef", "(L" + INST + ";J[J)L" + TAIL + ";", false);
                tailReturn();
            }
            case ATOMIC -> memory.atomic(pc);
            case V128_CONST,
                    V128_COPY,
                    HIGH_MOVE_N,
                    V128_SELECT,
                    V128_GLOBAL_GET,
                    V128_GLOBAL_SET,
                    SIMD_UNARY,
                    SIMD_BINARY,
                    SIMD_TERNARY,
                    SIMD_TO_V128,
                    SIMD_TO_SCALAR,
                    SHUFFLE,
                    SIMD_MEM -> simd.simd(op, pc);
            case GC -> gc.gc(pc);
            default -> specific(op, pc);
        }
        spill.after(roots);
        if (reloadsSegments(op)) {
            memory.loadSegments();
        }
        return next;
    }

    /**
     * A specific scalar operation, compiled as the Wasm operator it implements: a fused
     * compare-and-branch ({@code a b target}), a load or store of one width, or an operator on
     * slots ({@code dst a [b]}).
     */
    private void specific(IrOp op, int pc) {
        Opcode wasm = op.wasm();
        if (wasm == null || op.generic()) {
            throw new IllegalStateException("IR " + op + " passed the compilable check");
        }
        int target = op.offsetOf(IrOp.Operand.TARGET);
        if (target > 0) {
            Numerics.Op n = Numerics.of(wasm);
            loadOperands(n, code[pc + 1], code[pc + 2]);
            n.emitJump(mv, jumpTarget(pc, code[pc + target]));
        } else if (Memory.of(wasm) != null) {
            memory.access(Memory.of(wasm), pc);
        } else if (op.layout().size() == 2) {
            numeric(wasm, code[pc + 1], code[pc + 2]);
        } else {
            numeric(wasm, code[pc + 1], code[pc + 2], code[pc + 3]);
        }
    }

    // ---- control

    private void brTable(int pc) {
        int n = code[pc + 2];
        if (chunk != null && n > SplitFunction.MAX_TABLE) {
            // Too big for a chunk as a tableswitch: the target comes from the IR at run time.
            mv.visitVarInsn(ALOAD, 0);
            push(index);
            push(pc);
            loadI(code[pc + 1]);
            chunk.leaveByTable(mv);
            return;
        }
        loadI(code[pc + 1]);
        Label dflt = jumpTarget(pc, code[pc + 3 + n]);
        if (n == 0) {
            mv.visitInsn(POP);
            mv.visitJumpInsn(GOTO, dflt);
            return;
        }
        Label[] targets = new Label[n];
        for (int i = 0; i < n; i++) {
            targets[i] = jumpTarget(pc, code[pc + 3 + i]);
        }
        // An index out of range (negative as unsigned included) takes the default.
        mv.visitTableSwitchInsn(0, n - 1, dflt, targets);
    }

    private void ret(int src, int count) {
        int results = type.results().size();
        if (chunk != null) {
            // The highs of v128 results are already in slot 0 up (a HIGH_MOVE_N precedes it).
            for (int i = 0; i < results; i++) {
                if (type.results().get(i) == ValType.V128) {
                    chunk.storeHigh(mv, i, hi(i));
                }
            }
            chunk.ret(mv, src, results == 1 ? 1 : Math.min(count, results));
            return;
        }
        if (tailForm) {
            // The flat results, as the trampoline hands them on.
            flatArray(src, type.results(), 0);
            mv.visitInsn(ARETURN);
            return;
        }
        if (Abi.flat(type.results()) != results) {
            // As the interpreter's RETURN: the lows from src, the highs already moved to slot 0 up
            // (a HIGH_MOVE_N precedes it).
            flatArray(src, type.results(), 0);
            mv.visitInsn(ARETURN);
            return;
        }
        if (results == 0) {
            mv.visitInsn(RETURN);
        } else if (results == 1) {
            loadL(src);
            mv.visitInsn(LRETURN);
        } else {
            array(src, Math.min(count, results));
            mv.visitInsn(ARETURN);
        }
    }

    /**
     * A function entry: the store's stop check ({@link StopCheck}: nothing until some store is
     * stopped, then one volatile read), and the slow path only when a stop was requested; with
     * fuel metered, always the slow path (as the interpreter does).
     */
    private void safepoint() {
        safepoint(mv, meterFuel);
    }

    /** The safepoint in any generated method whose local 0 is the instance. */
    static void safepoint(MethodVisitor mv, boolean meterFuel) {
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, INST, "store", "L" + STORE + ";");
        if (meterFuel) {
            mv.visitInsn(ICONST_1);
            mv.visitMethodInsn(INVOKESTATIC, RT, "safepoint", "(L" + STORE + ";Z)V", false);
            return;
        }
        Label go = new Label();
        StopCheck.emit(mv);
        mv.visitJumpInsn(IFEQ, go);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, INST, "store", "L" + STORE + ";");
        mv.visitInsn(ICONST_0);
        mv.visitMethodInsn(INVOKESTATIC, RT, "safepoint", "(L" + STORE + ";Z)V", false);
        mv.visitLabel(go);
    }

    /** Pushes the callee's depth: this function's plus one. */
    private void deeper() {
        mv.visitVarInsn(ILOAD, 1);
        // A call in a copy of the body (SelfInlining) is as deep as the calls the copies stand for.
        push(1 + copyLevel);
        mv.visitInsn(IADD);
    }

    /** The level of the innermost copy of the body (SelfInlining) holding {@code pc}, or 0. */
    private int copyLevel(int pc) {
        for (SelfInlining.Copy c : copies) {
            if (c.start() <= pc && pc < c.end()) {
                return c.level(); // deepest first
            }
        }
        return 0;
    }

    /**
     * At {@link #MAX_JIT_DEPTH}, runs this function on the interpreter (which also takes its
     * frame on a trap) and returns its results.
     */
    private void tooDeep() {
        Label ok = new Label();
        mv.visitVarInsn(ILOAD, 1);
        push(MAX_JIT_DEPTH);
        mv.visitJumpInsn(IF_ICMPLT, ok);
        mv.visitVarInsn(ALOAD, 0);
        push(index);
        flatArray(0, type.params());
        mv.visitVarInsn(ILOAD, 1);
        mv.visitMethodInsn(INVOKESTATIC, RT, "interpret", "(L" + INST + ";I[JI)[J", false);
        if (tailForm) {
            mv.visitInsn(ARETURN);
        } else {
            Abi.returnFlat(mv, type);
        }
        mv.visitLabel(ok);
    }

    /**
     * {@code return_call} of the function itself: the arguments become the parameters, the other
     * slots start over as at entry, and the code jumps back to its start, so the recursion runs
     * as a loop. It is a function entry: the safepoint runs first.
     */
    private void selfTailCall(int argBase) {
        safepoint();
        // Arguments lie above the locals, so moving them down in ascending order is safe.
        for (int i = 0; i < fn.params(); i++) {
            loadL(argBase + i);
            storeL(i);
            if (v128) {
                loadHi(argBase + i);
                storeHi(i);
            }
        }
        initFrame();
        // A chunk jumps to pc 0, which is in the first chunk (an exit when this is another).
        mv.visitJumpInsn(GOTO, chunk == null ? selfStart : label(0));
    }

    /** Hands the TailCall on the stack out: the body form returns it, a chunk passes it up. */
    private void tailReturn() {
        if (chunk != null) {
            chunk.tailCall(mv);
        } else {
            mv.visitInsn(ARETURN);
        }
    }

    /** Through the class's typed dispatch for this type (see IndirectCalls). */
    private void callIndirect(int pc) {
        FuncType callee = inst.types[code[pc + 1]];
        int argBase = code[pc + 3];
        mv.visitVarInsn(ALOAD, 0);
        deeper();
        push(code[pc + 2]);
        // The interpreter takes the low 32 bits of the index; so does this tier.
        loadL(code[pc + 4]);
        pushLong(0xFFFF_FFFFL);
        mv.visitInsn(LAND);
        pushArgs(argBase, callee);
        mv.visitMethodInsn(
                INVOKESTATIC,
                ModuleCompiler.CLASS_NAME,
                IndirectCalls.methodName(code[pc + 1]),
                IndirectCalls.descriptor(callee),
                false);
        ctx.indirectTypes().add(code[pc + 1]);
        storeResults(argBase, callee);
    }

    /**
     * The bootstrap of a call of another function of the module through its call site: {@link
     * JitRuntime#linkFunction}, with the callee's index.
     */
    static final Handle LINK_FUNCTION = new Handle(
            H_INVOKESTATIC,
            RT,
            "linkFunction",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;I)"
                    + "Ljava/lang/invoke/CallSite;",
            false);

    private void call(int index, int argBase) {
        FuncType callee = inst.functions[index].type();
        if (ctx.inClass(index)) {
            // Same class: a plain invokestatic, after the call's safepoint.
            safepoint();
            mv.visitVarInsn(ALOAD, 0);
            deeper();
            pushArgs(argBase, callee);
            mv.visitMethodInsn(INVOKESTATIC, ModuleCompiler.CLASS_NAME, methodName(index), descriptor(callee), false);
            storeResults(argBase, callee);
            return;
        }
        if (ctx.viaSite(index)) {
            // The callee's call site: its compiled entry (which takes the call's safepoint) once
            // it has one, until then the runtime's call (whose callee takes it); HotSpot inlines
            // the target as it would an invokestatic, and recompiles this code when it changes.
            mv.visitVarInsn(ALOAD, 0);
            deeper();
            pushArgs(argBase, callee);
            mv.visitInvokeDynamicInsn(methodName(index), descriptor(callee), LINK_FUNCTION, index);
            storeResults(argBase, callee);
            return;
        }
        mv.visitVarInsn(ALOAD, 0);
        push(index);
        flatArray(argBase, callee.params());
        deeper();
        mv.visitMethodInsn(INVOKESTATIC, RT, "call", "(L" + INST + ";I[JI)[J", false);
        flatResults(argBase, callee.results());
    }

    /** The arguments of a compiled call from the slots at {@code argBase}, as {@link Abi} orders them. */
    private void pushArgs(int argBase, FuncType callee) {
        List<ValType> params = callee.params();
        for (int i = 0; i < params.size(); i++) {
            loadL(argBase + i);
        }
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i) == ValType.V128) {
                loadHi(argBase + i);
            }
        }
    }

    /** Stores what a compiled call of {@code callee} returned into the slots from {@code argBase}. */
    private void storeResults(int argBase, FuncType callee) {
        int flat = Abi.flat(callee.results());
        if (flat == 1) {
            storeL(argBase);
        } else if (flat > 1) {
            flatResults(argBase, callee.results());
        }
    }

    /**
     * A wide-arithmetic operator on the i64 slots from {@code base} (a 128-bit value is low then
     * high), inline: its two results go to base and base + 1, as WideOps computes them.
     */
    private void wide(int ordinal, int base) {
        Opcode op = Opcode.values()[ordinal];
        Numerics.Op ltU = Numerics.of(Opcode.I64_LT_U);
        switch (op) {
            case I64_ADD128 -> {
                loadL(base);
                loadL(base + 2);
                mv.visitInsn(LADD);
                // The low halves carried when their unsigned sum wrapped below an addend.
                mv.visitInsn(DUP2);
                loadL(base);
                ltU.emit(mv);
                mv.visitInsn(I2L);
                loadL(base + 1);
                mv.visitInsn(LADD);
                loadL(base + 3);
                mv.visitInsn(LADD);
            }
            case I64_SUB128 -> {
                loadL(base);
                loadL(base + 2);
                mv.visitInsn(LSUB);
                loadL(base + 1);
                loadL(base + 3);
                mv.visitInsn(LSUB);
                loadL(base);
                loadL(base + 2);
                ltU.emit(mv);
                mv.visitInsn(I2L);
                mv.visitInsn(LSUB);
            }
            case I64_MUL_WIDE_S, I64_MUL_WIDE_U -> {
                loadL(base);
                loadL(base + 1);
                mv.visitInsn(LMUL);
                loadL(base);
                loadL(base + 1);
                String high = op == Opcode.I64_MUL_WIDE_S ? "multiplyHigh" : "unsignedMultiplyHigh";
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", high, "(JJ)J", false);
            }
            default -> throw new IllegalStateException("not a wide-arithmetic operator: " + op);
        }
        storeL(base + 1);
        storeL(base);
    }
}
