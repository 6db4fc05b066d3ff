package dev.jwasm.exec.jit.internal;

import static net.bytebuddy.jar.asm.Opcodes.AALOAD;
import static net.bytebuddy.jar.asm.Opcodes.ACC_STATIC;
import static net.bytebuddy.jar.asm.Opcodes.ALOAD;
import static net.bytebuddy.jar.asm.Opcodes.ARETURN;
import static net.bytebuddy.jar.asm.Opcodes.ASTORE;
import static net.bytebuddy.jar.asm.Opcodes.ATHROW;
import static net.bytebuddy.jar.asm.Opcodes.DUP;
import static net.bytebuddy.jar.asm.Opcodes.DUP2;
import static net.bytebuddy.jar.asm.Opcodes.DUP_X2;
import static net.bytebuddy.jar.asm.Opcodes.GETFIELD;
import static net.bytebuddy.jar.asm.Opcodes.GETSTATIC;
import static net.bytebuddy.jar.asm.Opcodes.GOTO;
import static net.bytebuddy.jar.asm.Opcodes.I2B;
import static net.bytebuddy.jar.asm.Opcodes.I2L;
import static net.bytebuddy.jar.asm.Opcodes.I2S;
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
import static net.bytebuddy.jar.asm.Opcodes.L2I;
import static net.bytebuddy.jar.asm.Opcodes.LADD;
import static net.bytebuddy.jar.asm.Opcodes.LALOAD;
import static net.bytebuddy.jar.asm.Opcodes.LAND;
import static net.bytebuddy.jar.asm.Opcodes.LASTORE;
import static net.bytebuddy.jar.asm.Opcodes.LCMP;
import static net.bytebuddy.jar.asm.Opcodes.LCONST_0;
import static net.bytebuddy.jar.asm.Opcodes.LCONST_1;
import static net.bytebuddy.jar.asm.Opcodes.LLOAD;
import static net.bytebuddy.jar.asm.Opcodes.LMUL;
import static net.bytebuddy.jar.asm.Opcodes.LRETURN;
import static net.bytebuddy.jar.asm.Opcodes.LSTORE;
import static net.bytebuddy.jar.asm.Opcodes.LSUB;
import static net.bytebuddy.jar.asm.Opcodes.NEWARRAY;
import static net.bytebuddy.jar.asm.Opcodes.NOP;
import static net.bytebuddy.jar.asm.Opcodes.POP;
import static net.bytebuddy.jar.asm.Opcodes.POP2;
import static net.bytebuddy.jar.asm.Opcodes.PUTFIELD;
import static net.bytebuddy.jar.asm.Opcodes.RETURN;
import static net.bytebuddy.jar.asm.Opcodes.T_LONG;

import dev.jwasm.api.code.Opcode;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.HeapType;
import dev.jwasm.api.model.RefType;
import dev.jwasm.api.model.ValType;
import dev.jwasm.exec.interp.internal.AtomicOps;
import dev.jwasm.exec.interp.internal.IrOp;
import dev.jwasm.exec.interp.internal.TierSupport;
import dev.jwasm.exec.interp.internal.TierSupport.Lowered;
import dev.jwasm.spi.runtime.ExceptionInstance;
import dev.jwasm.spi.runtime.InstanceState;
import dev.jwasm.spi.runtime.WasmFunctionInstance;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.jar.asm.ClassVisitor;
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
final class FunctionCompiler {
    static final String INST = "dev/jwasm/spi/runtime/InstanceState";
    static final String RT = "dev/jwasm/exec/jit/internal/JitRuntime";
    static final String TAIL = "dev/jwasm/exec/jit/internal/TailCall";
    /** The tail-call target bridges' descriptor: {@code (InstanceState, long[] args, int depth) Object}. */
    static final String TAIL_BRIDGE = "(L" + INST + ";[JI)Ljava/lang/Object;";

    private static final String WASM_EXCEPTION = "dev/jwasm/api/WasmException";
    private static final String MEM = "dev/jwasm/spi/LinearMemory";
    private static final String STORE = "dev/jwasm/spi/runtime/StoreState";
    private static final String CELL = "dev/jwasm/spi/runtime/GlobalCell";
    private static final String RMW_OP = "dev/jwasm/spi/LinearMemory$RmwOp";
    /** A JVM method takes at most 255 parameter slots: the instance plus two per long. */
    private static final int MAX_PARAMS = 120;
    /** JVM local 0 is the instance, 1 the call depth; Wasm slot i is the long at 2 + 2i. */
    private static final int FIRST_SLOT = 2;
    /**
     * Compiled calls nest on the JVM stack, which a thread may have little of (1 MiB by default).
     * A call this deep runs on the interpreter instead, whose own stack holds the rest of the
     * recursion (up to the engine's call-depth limit), so deep recursion still completes.
     */
    static final int MAX_JIT_DEPTH = 1_000;
    /** Set in a memory operand when the memory is 64-bit (as in the interpreter's MemoryOps). */
    private static final int MEMORY64 = 1 << 31;

    private final MethodVisitor mv;
    private final InstanceState inst;
    private final boolean[] compiled;
    private final boolean meterFuel;
    private final FuncType type;
    private final Lowered fn;
    private final int[] code;
    private final int memBase;
    private final int scratch;
    private final Label[] labels;
    private final int index;
    private final Set<Integer> indirectTypes;
    /** Whether the function touches v128 values: then each slot has a high-half local too. */
    private final boolean v128;
    /** JVM local of slot 0's high half; then the SimdOps result pair and a scratch address. */
    private final int hiBase;

    private final int out;
    private final int eaTemp;
    /** In a chunk: the first JVM local free for the chunk's own (see SplitFunction.Chunk.prologue). */
    private final int chunkLocals;
    /** Set when this compiler emits one chunk of a function split into several methods. */
    private SplitFunction.Chunk chunk;
    /** Set when this compiler only measures the function, to split it. */
    private SplitFunction.Probe probe;
    /**
     * Whether the function makes tail calls to others (see TailCall): its body method, or each of
     * its chunks, hands the TailCall out instead of making the call.
     */
    private boolean tailForm;
    /** After the entry code of a function in one method: where a tail call of itself jumps. */
    private final Label selfStart = new Label();
    /** After this method's last instruction: where a Wasm handler range that runs to it ends. */
    private final Label codeEnd = new Label();
    /** The pcs where a Wasm handler range of this method starts (see handlerRanges). */
    private final Set<Integer> rangeStarts = new java.util.HashSet<>();

    private FunctionCompiler(
            MethodVisitor mv,
            InstanceState inst,
            int index,
            boolean[] compiled,
            boolean meterFuel,
            FuncType type,
            Lowered fn,
            Set<Integer> indirectTypes) {
        this.mv = mv;
        this.index = index;
        this.indirectTypes = indirectTypes;
        this.inst = inst;
        this.compiled = compiled;
        this.meterFuel = meterFuel;
        this.type = type;
        this.fn = fn;
        this.code = fn.code();
        this.memBase = FIRST_SLOT + 2 * fn.frameSize();
        this.scratch = memBase + inst.memories.length;
        this.labels = new Label[code.length + 1];
        this.v128 = usesV128(inst, type, fn);
        // scratch + 1 holds a caught exception (handlerStub).
        this.hiBase = scratch + 2;
        this.out = hiBase + 2 * fn.frameSize();
        this.eaTemp = out + 1;
        this.chunkLocals = v128 ? eaTemp + 2 : scratch + 2;
    }

    static String methodName(int index) {
        return "f" + index;
    }

    static String descriptor(FuncType type) {
        return Abi.descriptor(type);
    }

    /** Whether v128 values can appear in the function's frame (see {@link #v128}). */
    static boolean usesV128(InstanceState inst, FuncType type, Lowered fn) {
        if (fn.v128Locals() || hasV128(type)) {
            return true;
        }
        int[] code = fn.code();
        for (int pc = 0; pc < code.length; pc += IrOp.at(code, pc).length(code, pc)) {
            IrOp op = IrOp.at(code, pc);
            if (JitOps.V128_OPS.contains(op)) {
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

    private static boolean hasV128(FuncType type) {
        return type.params().contains(ValType.V128) || type.results().contains(ValType.V128);
    }

    /**
     * Why {@code function} cannot be compiled, or null if it can: it needs a size a JVM method
     * can hold, no value the GC heap must find (until compiled code spills GC roots), and only IR
     * operations {@link JitOps} classifies as compiled.
     */
    static String whyNot(WasmFunctionInstance function, Lowered fn) {
        String reason = reason(function, fn);
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

    private static String reason(WasmFunctionInstance function, Lowered fn) {
        FuncType type = function.type();
        if (Abi.jvmParams(type) > MAX_PARAMS) {
            return "too many parameters";
        }
        int[] code = fn.code();
        InstanceState inst = function.instance();
        if (!noGcRefs(type, inst) || !function.code().locals().stream().allMatch(t -> noGcRef(t, inst))) {
            // JVM locals are no GC roots: until compiled code spills its references for the
            // collector (DESIGN.md "GC heap"), code that may hold one stays interpreted.
            return "GC references";
        }
        // A function too big for one method is split into several (SplitFunction), but each
        // method holds all the function's slots as JVM locals (v128 high halves too), of which
        // there are at most 65,535.
        int perSlot = usesV128(inst, type, fn) ? 4 : 2;
        if (FIRST_SLOT + perSlot * fn.frameSize() + inst.memories.length + 5 + SplitFunction.EXTRA_LOCALS > 60_000) {
            return "too big";
        }
        int pc = 0;
        while (pc < code.length) {
            IrOp op = IrOp.of(code[pc]);
            if (op == null) {
                return "unknown IR code " + code[pc];
            }
            JitOps.Emission how = op.generic() ? JitOps.of(op, op.carried(code, pc)) : JitOps.of(op);
            if (how == null) {
                return "unclassified IR " + op + (op.generic() ? " " + op.carried(code, pc) : "");
            }
            if (how.how() == JitOps.How.INTERPRETED) {
                return how.detail();
            }
            int n = op.length(code, pc);
            // A callee's values cross as flat long[]: no v128 among them (they would take two).
            if (op == IrOp.CALL || op == IrOp.RETURN_CALL) {
                FuncType callee = inst.functions[code[pc + 1]].type();
                if (!noGcRefs(callee, inst)) {
                    return "callee type";
                }
            }
            if (op == IrOp.CALL_INDIRECT
                    || op == IrOp.CALL_REF
                    || op == IrOp.RETURN_CALL_INDIRECT
                    || op == IrOp.RETURN_CALL_REF) {
                FuncType callee = inst.types[code[pc + 1]];
                if (callee == null || !noGcRefs(callee, inst)) {
                    return "callee type";
                }
            }
            if (op == IrOp.GLOBAL_GET
                    && !noGcRef(inst.globals[code[pc + 2]].type().type(), inst)) {
                return "GC references";
            }
            if (op == IrOp.BULK && !gcFreeTables(inst)) {
                return "GC references";
            }
            pc += n;
        }
        return pc == code.length ? null : "malformed IR";
    }

    /** Whether no table can hand out a GC reference (table.get and friends run as BULK). */
    private static boolean gcFreeTables(InstanceState inst) {
        for (var t : inst.tables) {
            if (!noGcRef(t.type().elementType(), inst)) {
                return false;
            }
        }
        return true;
    }

    private static boolean noGcRefs(FuncType type, InstanceState inst) {
        return type.params().stream().allMatch(t -> noGcRef(t, inst))
                && type.results().stream().allMatch(t -> noGcRef(t, inst));
    }

    /** Numbers and function, extern or exception references: values the GC heap never has to find. */
    private static boolean noGcRef(ValType t, InstanceState inst) {
        if (!(t instanceof RefType r)) {
            return true;
        }
        return switch (r.heap()) {
            case HeapType.Abstract a ->
                a == HeapType.Abstract.FUNC
                        || a == HeapType.Abstract.NOFUNC
                        || a == HeapType.Abstract.EXTERN
                        || a == HeapType.Abstract.NOEXTERN
                        // exnrefs are tagged indexes into the store's exceptions, no heap objects
                        || a == HeapType.Abstract.EXN
                        || a == HeapType.Abstract.NOEXN;
            case HeapType.Concrete c -> c.typeIndex() < inst.types.length && inst.types[c.typeIndex()] != null;
        };
    }

    /**
     * Emits function {@code index} of {@code inst} into {@code cv}; adds the type of each of its
     * {@code call_indirect}s to {@code indirectTypes}. Returns the size of its bytecode.
     */
    static int compile(
            ClassVisitor cv,
            InstanceState inst,
            int index,
            Lowered fn,
            boolean[] compiled,
            boolean meterFuel,
            Set<Integer> indirectTypes) {
        return compile(cv, inst, index, fn, compiled, meterFuel, indirectTypes, null, null);
    }

    /**
     * Emits function {@code index} as {@link #compile} does, or only the chunk {@code chunk} of it
     * (a method of its own, see {@link SplitFunction}), or, with a {@code probe}, only measures it.
     */
    static int compile(
            ClassVisitor cv,
            InstanceState inst,
            int index,
            Lowered fn,
            boolean[] compiled,
            boolean meterFuel,
            Set<Integer> indirectTypes,
            SplitFunction.Chunk chunk,
            SplitFunction.Probe probe) {
        FuncType type = inst.functions[index].type();
        boolean tail = tailCallsOthers(fn, index);
        String name = chunk != null ? chunk.methodName(index) : tail ? tailMethodName(index) : methodName(index);
        String desc = chunk != null ? SplitFunction.CHUNK_DESCRIPTOR : tail ? tailDescriptor(type) : descriptor(type);
        MethodVisitor mv = cv.visitMethod(ACC_STATIC, name, desc, null, null);
        mv.visitCode();
        var compiler = new FunctionCompiler(mv, inst, index, compiled, meterFuel, type, fn, indirectTypes);
        compiler.chunk = chunk;
        compiler.probe = probe;
        compiler.tailForm = tail;
        int size = compiler.body();
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        if (chunk == null) {
            // A split function's entry method emits these itself (SplitFunction.compile).
            wrappers(cv, index, type, tail);
        }
        return size;
    }

    /**
     * The methods around a function's own: with tail calls to others, the typed {@code f<index>}
     * over the body {@code t<index>}; always the tail-call target bridge {@code tb<index>}.
     */
    static void wrappers(ClassVisitor cv, int index, FuncType type, boolean tail) {
        if (tail) {
            tailWrapper(cv, index, type);
        }
        tailBridge(cv, index, type, tail);
    }

    /** The body method of a function that makes tail calls to other functions (see TailCall). */
    static String tailMethodName(int index) {
        return "t" + index;
    }

    /** {@code (InstanceState, int, long...) Object}: the flat results, or a TailCall. */
    static String tailDescriptor(FuncType type) {
        String d = descriptor(type);
        return d.substring(0, d.indexOf(')') + 1) + "Ljava/lang/Object;";
    }

    /** Whether the function's IR has a tail call that is not of the function itself. */
    static boolean tailCallsOthers(Lowered fn, int index) {
        int[] code = fn.code();
        for (int pc = 0; pc < code.length; pc += IrOp.at(code, pc).length(code, pc)) {
            IrOp op = IrOp.at(code, pc);
            if (op == IrOp.RETURN_CALL_INDIRECT
                    || op == IrOp.RETURN_CALL_REF
                    || op == IrOp.RETURN_CALL && code[pc + 1] != index) {
                return true;
            }
        }
        return false;
    }

    /**
     * The typed method {@code f<index>} of a function whose body ({@code t<index>}) may return a
     * tail call: it runs the body, then the tail calls it returns until results come back, so
     * every caller sees an ordinary method and no tail call grows the JVM stack.
     */
    private static void tailWrapper(ClassVisitor cv, int index, FuncType type) {
        MethodVisitor mv = cv.visitMethod(ACC_STATIC, methodName(index), descriptor(type), null, null);
        mv.visitCode();
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ILOAD, 1);
        for (int i = 0; i < Abi.jvmParams(type); i++) {
            mv.visitVarInsn(LLOAD, local(i));
        }
        mv.visitMethodInsn(INVOKESTATIC, ModuleCompiler.CLASS_NAME, tailMethodName(index), tailDescriptor(type), false);
        mv.visitVarInsn(ALOAD, 0);
        // The callees replace this frame: they run at its depth.
        mv.visitVarInsn(ILOAD, 1);
        mv.visitMethodInsn(INVOKESTATIC, TAIL, "trampoline", "(Ljava/lang/Object;L" + INST + ";I)[J", false);
        Abi.returnFlat(mv, type);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /**
     * {@code static Object tb<index>(InstanceState, long[] args, int depth)}: the function as a
     * tail call's target ({@link JitCode#invokeTail}), at the depth of the frame it replaces: the
     * body form when it makes tail calls itself, else its flat results.
     */
    private static void tailBridge(ClassVisitor cv, int index, FuncType type, boolean tail) {
        MethodVisitor mv = cv.visitMethod(ACC_STATIC, "tb" + index, TAIL_BRIDGE, null, null);
        mv.visitCode();
        if (!tail) {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitVarInsn(ALOAD, 1);
            mv.visitVarInsn(ILOAD, 2);
            mv.visitMethodInsn(INVOKESTATIC, ModuleCompiler.CLASS_NAME, "b" + index, ModuleCompiler.BRIDGE, false);
            mv.visitInsn(ARETURN);
        } else {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitVarInsn(ILOAD, 2);
            Abi.argsFromFlat(mv, type, 1);
            mv.visitMethodInsn(
                    INVOKESTATIC, ModuleCompiler.CLASS_NAME, tailMethodName(index), tailDescriptor(type), false);
            mv.visitInsn(ARETURN);
        }
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** The JVM local of IR slot {@code slot}. */
    static int local(int slot) {
        return FIRST_SLOT + 2 * slot;
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
            pc = instruction(pc);
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

    /** Function entry: the JIT's nesting limit, then the frame image. */
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
        // The memories never change for an instance: load each once.
        for (int m = 0; m < inst.memories.length; m++) {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitFieldInsn(GETFIELD, INST, "memories", "[L" + MEM + ";");
            push(m);
            mv.visitInsn(AALOAD);
            mv.visitVarInsn(ASTORE, memBase + m);
        }
    }

    /** The handlers after the body, whose bytecode size is {@code size}; returns it. */
    private int handlers(int size, Label onTrap, Label onOverflow) {
        mv.visitLabel(onTrap);
        mv.visitVarInsn(ALOAD, 0);
        push(index);
        mv.visitMethodInsn(
                INVOKESTATIC, RT, "frame", "(Ldev/jwasm/api/Trap;L" + INST + ";I)Ldev/jwasm/api/Trap;", false);
        mv.visitInsn(ATHROW);
        mv.visitLabel(onOverflow);
        mv.visitInsn(POP);
        mv.visitVarInsn(ALOAD, 0);
        push(index);
        mv.visitMethodInsn(INVOKESTATIC, RT, "exhausted", "(L" + INST + ";I)Ldev/jwasm/api/Trap;", false);
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
                int n = ExceptionInstance.payloadLength(inst.tags[c.tag()]);
                for (int k = 0; k < n; k++) {
                    mv.visitVarInsn(ALOAD, exn);
                    push(k);
                    mv.visitMethodInsn(INVOKESTATIC, RT, "payload", "(L" + WASM_EXCEPTION + ";I)J", false);
                    storeL(c.payloadSlot() + k);
                }
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
            case LOAD, STORE -> access(Memory.of(op.carried(code, pc)), pc);
            case MEMORY_SIZE -> {
                mv.visitVarInsn(ALOAD, memBase + code[pc + 2]);
                mv.visitMethodInsn(INVOKEVIRTUAL, MEM, "pages", "()J", false);
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
            case BULK -> bulk(code[pc + 1], code[pc + 2], code[pc + 3], code[pc + 4]);
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
                array(code[pc + 2], ExceptionInstance.payloadLength(inst.tags[code[pc + 1]]));
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
            case ATOMIC -> atomic(pc);
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
                    SIMD_MEM -> simd(op, pc);
            default -> specific(op, pc);
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
            access(Memory.of(wasm), pc);
        } else if (op.layout().size() == 2) {
            numeric(wasm, code[pc + 1], code[pc + 2]);
        } else {
            numeric(wasm, code[pc + 1], code[pc + 2], code[pc + 3]);
        }
    }

    private long offset(int at) {
        return (code[at] & 0xFFFF_FFFFL) | ((long) code[at + 1] << 32);
    }

    // ---- values

    private void push(int v) {
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

    private void pushLong(long v) {
        if (v == 0) {
            mv.visitInsn(LCONST_0);
        } else if (v == 1) {
            mv.visitInsn(LCONST_1);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    private void loadL(int slot) {
        if (probe != null) {
            probe.slot(slot, false);
        }
        mv.visitVarInsn(LLOAD, local(slot));
    }

    private void storeL(int slot) {
        if (probe != null) {
            probe.slot(slot, true);
        }
        mv.visitVarInsn(LSTORE, local(slot));
    }

    /** An i32 (or f32 bits) from a slot: its low 32 bits. */
    private void loadI(int slot) {
        loadL(slot);
        mv.visitInsn(L2I);
    }

    /** Stores an int as the interpreter does: sign-extended. */
    private void storeI(int slot) {
        mv.visitInsn(I2L);
        storeL(slot);
    }

    private void loadF(int slot) {
        loadI(slot);
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
    }

    private void storeF(int slot) {
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "floatToRawIntBits", "(F)I", false);
        storeI(slot);
    }

    private void loadD(int slot) {
        loadL(slot);
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
    }

    private void storeD(int slot) {
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J", false);
        storeL(slot);
    }

    /** Stores 1 if the jump {@code jumpOp} on the operands on the stack is taken, else 0. */
    private void bool(int jumpOp, int dst) {
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

    private void unsignedCompare() {
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "compareUnsigned", "(II)I", false);
    }

    private void global(int index) {
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, INST, "globals", "[L" + CELL + ";");
        push(index);
        mv.visitInsn(AALOAD);
    }

    /** A new long[] holding {@code count} slots from {@code base}, left on the stack. */
    private void array(int base, int count) {
        array(base, count, count);
    }

    /** A new long[size] whose first {@code count} elements are the slots from {@code base}. */
    private void array(int base, int count, int size) {
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
    private void results(int base, int count) {
        mv.visitVarInsn(ASTORE, scratch);
        for (int i = 0; i < count; i++) {
            mv.visitVarInsn(ALOAD, scratch);
            push(i);
            mv.visitInsn(LALOAD);
            storeL(base + i);
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
     * A function entry: one volatile read of the store's stop flags, and the slow path only when
     * a stop was requested; with fuel metered, always the slow path (as the interpreter does).
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
        mv.visitMethodInsn(INVOKEVIRTUAL, STORE, "stopRequested", "()Z", false);
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
        mv.visitInsn(ICONST_1);
        mv.visitInsn(IADD);
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
        indirectTypes.add(code[pc + 1]);
        storeResults(argBase, callee);
    }

    private void call(int index, int argBase) {
        FuncType callee = inst.functions[index].type();
        if (compiled[index]) {
            // Same class: a plain invokestatic, after the call's safepoint.
            safepoint();
            mv.visitVarInsn(ALOAD, 0);
            deeper();
            pushArgs(argBase, callee);
            mv.visitMethodInsn(INVOKESTATIC, ModuleCompiler.CLASS_NAME, methodName(index), descriptor(callee), false);
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

    /** A new flat long[] of the values of {@code types} in the slots from {@code base}. */
    private void flatArray(int base, List<ValType> types) {
        flatArray(base, types, base);
    }

    /** The same, the high halves of v128s read from the slots from {@code highBase}. */
    private void flatArray(int base, List<ValType> types, int highBase) {
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
    private void flatResults(int base, List<ValType> types) {
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

    private int hi(int slot) {
        if (!v128) {
            throw new IllegalStateException("a v128 slot in a function without v128 values");
        }
        return hiBase + 2 * slot;
    }

    private void loadHi(int slot) {
        if (probe != null) {
            // A split function's frame array holds the high halves from index frameSize on.
            probe.slot(fn.frameSize() + slot, false);
        }
        mv.visitVarInsn(LLOAD, hi(slot));
    }

    private void storeHi(int slot) {
        if (probe != null) {
            probe.slot(fn.frameSize() + slot, true);
        }
        mv.visitVarInsn(LSTORE, hi(slot));
    }

    // ---- operators

    /** Scalar operator {@code wasm} on the slots {@code operands} into {@code dst} (see Numerics). */
    private void numeric(Opcode wasm, int dst, int... operands) {
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

    private void loadOperands(Numerics.Op n, int... operands) {
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

    /** Leaves the memory and the effective address (spec 4.4.7.1) on the stack. */
    private void address(int addr, int flags, long offset) {
        mv.visitVarInsn(ALOAD, memBase + (flags & 0x7FFF_FFFF));
        effectiveAddress(addr, flags, offset);
    }

    /** Leaves the effective address of slot {@code addr} plus {@code offset} on the stack. */
    private void effectiveAddress(int addr, int flags, long offset) {
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

    /**
     * A scalar load ({@code dst addr memFlags offset}) or store ({@code addr value memFlags
     * offset}): the memory's accessor of the access's width.
     */
    private void access(Memory.Access a, int pc) {
        if (a.load()) {
            address(code[pc + 2], code[pc + 3], offset(pc + 4));
            mv.visitMethodInsn(INVOKEVIRTUAL, MEM, a.method(), a.desc(), false);
            for (int insn : a.after()) {
                mv.visitInsn(insn);
            }
            if (a.mask() != 0) {
                pushLong(a.mask());
                mv.visitInsn(LAND);
            }
            storeL(code[pc + 1]);
        } else {
            address(code[pc + 1], code[pc + 3], offset(pc + 4));
            loadL(code[pc + 2]);
            for (int insn : a.before()) {
                mv.visitInsn(insn);
            }
            mv.visitMethodInsn(INVOKEVIRTUAL, MEM, a.method(), a.desc(), false);
        }
    }

    /**
     * {@code ATOMIC opcode base memFlags offset}: the memory's atomic accessor for the opcode's
     * kind and width (the threads proposal); operands from the base up, the result to the base.
     */
    private void atomic(int pc) {
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
                mv.visitMethodInsn(INVOKEVIRTUAL, MEM, "atomicLoad", "(IJ)J", false);
            }
            case STORE -> {
                address(base, flags, offset(pc + 4));
                push(a.width());
                swapIntUnderLong();
                loadL(base + 1);
                mv.visitMethodInsn(INVOKEVIRTUAL, MEM, "atomicStore", "(IJJ)V", false);
            }
            case RMW -> {
                mv.visitVarInsn(ALOAD, memBase + (flags & 0x7FFF_FFFF));
                mv.visitFieldInsn(GETSTATIC, RMW_OP, a.rmw().name(), "L" + RMW_OP + ";");
                push(a.width());
                effectiveAddress(base, flags, offset(pc + 4));
                loadL(base + 1);
                mv.visitMethodInsn(INVOKEVIRTUAL, MEM, "atomicRmw", "(L" + RMW_OP + ";IJJ)J", false);
            }
            case CMPXCHG -> {
                address(base, flags, offset(pc + 4));
                push(a.width());
                swapIntUnderLong();
                loadL(base + 1);
                loadL(base + 2);
                mv.visitMethodInsn(INVOKEVIRTUAL, MEM, "atomicCmpxchg", "(IJJJ)J", false);
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
                mv.visitMethodInsn(INVOKEVIRTUAL, MEM, "atomicNotify", "(JJ)I", false);
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
    private void swapIntUnderLong() {
        // long(2) int(1) -> int long: dup_x2 then pop.
        mv.visitInsn(DUP_X2);
        mv.visitInsn(POP);
    }

    // ---- v128 (two longs per slot: the low half in the slot's local, the high in hi(slot))

    /** The v128 instructions at {@code pc}; see SimdCode for which lane helper each operator calls. */
    private void simd(IrOp op, int pc) {
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
    private void lanes(Opcode wasm, int dst) {
        mv.visitVarInsn(ALOAD, out);
        mv.visitInsn(ICONST_0);
        mv.visitMethodInsn(INVOKESTATIC, SimdCode.OWNER, SimdCode.method(wasm), SimdCode.descriptor(wasm), false);
        result(dst);
    }

    /** Moves the helper's result pair into slot {@code dst}. */
    private void result(int dst) {
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
    private void mixed(Opcode wasm, int pc) {
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
    private void simdMemory(int pc) {
        int dst = code[pc + 1];
        int value = code[pc + 3];
        int flags = code[pc + 4];
        int lane = code[pc + 8];
        Opcode wasm = Opcode.values()[code[pc + 7]];
        int mem = memBase + (flags & 0x7FFF_FFFF);
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
                mv.visitMethodInsn(INVOKEVIRTUAL, MEM, "load64", "(J)J", false);
                storeHi(dst);
            }
            case V128_STORE -> {
                mv.visitVarInsn(ALOAD, mem);
                mv.visitVarInsn(LLOAD, eaTemp);
                mv.visitMethodInsn(INVOKESTATIC, RT, "plus8", "(J)J", false);
                loadHi(value);
                mv.visitMethodInsn(INVOKEVIRTUAL, MEM, "store64", "(JJ)V", false);
                mv.visitVarInsn(ALOAD, mem);
                mv.visitVarInsn(LLOAD, eaTemp);
                loadL(value);
                mv.visitMethodInsn(INVOKEVIRTUAL, MEM, "store64", "(JJ)V", false);
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

    private static String extendLow(Opcode wasm) {
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
    private void memLoad(int mem, String method, String desc) {
        mv.visitVarInsn(ALOAD, mem);
        mv.visitVarInsn(LLOAD, eaTemp);
        mv.visitMethodInsn(INVOKEVIRTUAL, MEM, method, desc, false);
    }

    private void splatLoad(int mem, String load, String loadDesc, String splat, String splatDesc, int dst) {
        memLoad(mem, load, loadDesc);
        mv.visitVarInsn(ALOAD, out);
        mv.visitInsn(ICONST_0);
        mv.visitMethodInsn(INVOKESTATIC, SimdCode.OWNER, splat, splatDesc, false);
        result(dst);
    }

    private void laneLoad(
            int mem, int value, int lane, String load, String loadDesc, String replace, String x, int dst) {
        loadL(value);
        loadHi(value);
        push(lane);
        memLoad(mem, load, loadDesc);
        mv.visitVarInsn(ALOAD, out);
        mv.visitInsn(ICONST_0);
        mv.visitMethodInsn(INVOKESTATIC, SimdCode.OWNER, replace, "(JJI" + x + "[JI)V", false);
        result(dst);
    }

    private void laneStore(
            int mem, int value, int lane, String extract, String x, int narrow, String store, String desc) {
        mv.visitVarInsn(ALOAD, mem);
        mv.visitVarInsn(LLOAD, eaTemp);
        loadL(value);
        loadHi(value);
        push(lane);
        mv.visitMethodInsn(INVOKESTATIC, SimdCode.OWNER, extract, "(JJI)" + x, false);
        if (narrow != 0) {
            mv.visitInsn(narrow);
        }
        mv.visitMethodInsn(INVOKEVIRTUAL, MEM, store, desc, false);
    }

    // ---- generic helpers over a small array of slots

    private void bulk(int ordinal, int a, int b, int at) {
        int pops = TierSupport.bulkPops(ordinal);
        int pushes = TierSupport.bulkPushes(ordinal);
        // The helper reads its operands from index 0 and writes its result there.
        array(at, pops, Math.max(pops, pushes));
        mv.visitVarInsn(ASTORE, scratch);
        mv.visitVarInsn(ALOAD, scratch);
        push(ordinal);
        push(a);
        push(b);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitMethodInsn(INVOKESTATIC, RT, "bulk", "([JIIIL" + INST + ";)V", false);
        mv.visitVarInsn(ALOAD, scratch);
        results(at, pushes);
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
