package dev.jwasm.exec.jit.internal;

import static net.bytebuddy.jar.asm.Opcodes.AALOAD;
import static net.bytebuddy.jar.asm.Opcodes.ACC_STATIC;
import static net.bytebuddy.jar.asm.Opcodes.ALOAD;
import static net.bytebuddy.jar.asm.Opcodes.ARETURN;
import static net.bytebuddy.jar.asm.Opcodes.ASTORE;
import static net.bytebuddy.jar.asm.Opcodes.ATHROW;
import static net.bytebuddy.jar.asm.Opcodes.DADD;
import static net.bytebuddy.jar.asm.Opcodes.DDIV;
import static net.bytebuddy.jar.asm.Opcodes.DMUL;
import static net.bytebuddy.jar.asm.Opcodes.DSUB;
import static net.bytebuddy.jar.asm.Opcodes.DUP;
import static net.bytebuddy.jar.asm.Opcodes.FADD;
import static net.bytebuddy.jar.asm.Opcodes.FDIV;
import static net.bytebuddy.jar.asm.Opcodes.FMUL;
import static net.bytebuddy.jar.asm.Opcodes.FSUB;
import static net.bytebuddy.jar.asm.Opcodes.GETFIELD;
import static net.bytebuddy.jar.asm.Opcodes.GOTO;
import static net.bytebuddy.jar.asm.Opcodes.I2B;
import static net.bytebuddy.jar.asm.Opcodes.I2L;
import static net.bytebuddy.jar.asm.Opcodes.I2S;
import static net.bytebuddy.jar.asm.Opcodes.IADD;
import static net.bytebuddy.jar.asm.Opcodes.IAND;
import static net.bytebuddy.jar.asm.Opcodes.ICONST_0;
import static net.bytebuddy.jar.asm.Opcodes.ICONST_1;
import static net.bytebuddy.jar.asm.Opcodes.IFEQ;
import static net.bytebuddy.jar.asm.Opcodes.IFGE;
import static net.bytebuddy.jar.asm.Opcodes.IFGT;
import static net.bytebuddy.jar.asm.Opcodes.IFLE;
import static net.bytebuddy.jar.asm.Opcodes.IFLT;
import static net.bytebuddy.jar.asm.Opcodes.IFNE;
import static net.bytebuddy.jar.asm.Opcodes.IF_ICMPEQ;
import static net.bytebuddy.jar.asm.Opcodes.IF_ICMPGE;
import static net.bytebuddy.jar.asm.Opcodes.IF_ICMPGT;
import static net.bytebuddy.jar.asm.Opcodes.IF_ICMPLE;
import static net.bytebuddy.jar.asm.Opcodes.IF_ICMPLT;
import static net.bytebuddy.jar.asm.Opcodes.IF_ICMPNE;
import static net.bytebuddy.jar.asm.Opcodes.ILOAD;
import static net.bytebuddy.jar.asm.Opcodes.IMUL;
import static net.bytebuddy.jar.asm.Opcodes.INVOKESTATIC;
import static net.bytebuddy.jar.asm.Opcodes.INVOKEVIRTUAL;
import static net.bytebuddy.jar.asm.Opcodes.IOR;
import static net.bytebuddy.jar.asm.Opcodes.ISHL;
import static net.bytebuddy.jar.asm.Opcodes.ISHR;
import static net.bytebuddy.jar.asm.Opcodes.ISUB;
import static net.bytebuddy.jar.asm.Opcodes.IUSHR;
import static net.bytebuddy.jar.asm.Opcodes.IXOR;
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
import static net.bytebuddy.jar.asm.Opcodes.LOR;
import static net.bytebuddy.jar.asm.Opcodes.LRETURN;
import static net.bytebuddy.jar.asm.Opcodes.LSHL;
import static net.bytebuddy.jar.asm.Opcodes.LSHR;
import static net.bytebuddy.jar.asm.Opcodes.LSTORE;
import static net.bytebuddy.jar.asm.Opcodes.LSUB;
import static net.bytebuddy.jar.asm.Opcodes.LUSHR;
import static net.bytebuddy.jar.asm.Opcodes.LXOR;
import static net.bytebuddy.jar.asm.Opcodes.NEWARRAY;
import static net.bytebuddy.jar.asm.Opcodes.POP;
import static net.bytebuddy.jar.asm.Opcodes.PUTFIELD;
import static net.bytebuddy.jar.asm.Opcodes.RETURN;
import static net.bytebuddy.jar.asm.Opcodes.T_LONG;

import dev.jwasm.api.code.Opcode;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.HeapType;
import dev.jwasm.api.model.RefType;
import dev.jwasm.api.model.ValType;
import dev.jwasm.exec.interp.internal.TierSupport;
import dev.jwasm.exec.interp.internal.TierSupport.Lowered;
import dev.jwasm.spi.runtime.InstanceState;
import dev.jwasm.spi.runtime.WasmFunctionInstance;
import java.util.Set;
import java.util.TreeMap;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;

/**
 * Compiles one function's register IR (the interpreter's lowering, see {@code TierSupport}) to
 * one static JVM method. Each IR slot (a Wasm local or operand-stack position) becomes a JVM
 * {@code long} local holding the same raw bits as the interpreter's frame slot (i32 and f32
 * sign-extended from 32 bits), so every branch target has an empty JVM operand stack and the two
 * tiers agree bit for bit. Hot operators are a few JVM instructions; the rest call the
 * interpreter's helpers through {@link JitRuntime}, so the semantics (traps included) are shared.
 *
 * <p>The method is {@code static R f<index>(InstanceState inst, long... params)} where R is void,
 * long or long[] for zero, one or more results.
 */
final class FunctionCompiler {
    static final String INST = "dev/jwasm/spi/runtime/InstanceState";
    static final String RT = "dev/jwasm/exec/jit/internal/JitRuntime";
    private static final String MEM = "dev/jwasm/spi/LinearMemory";
    private static final String STORE = "dev/jwasm/spi/runtime/StoreState";
    private static final String CELL = "dev/jwasm/spi/runtime/GlobalCell";
    private static final Opcode[] OPCODES = Opcode.values();
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
    /** Set when this compiler emits one chunk of a function split into several methods. */
    private SplitFunction.Chunk chunk;
    /** Set when this compiler only measures the function, to split it. */
    private SplitFunction.Probe probe;

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
    }

    static String methodName(int index) {
        return "f" + index;
    }

    static String descriptor(FuncType type) {
        var sb = new StringBuilder("(L").append(INST).append(";I");
        sb.append("J".repeat(type.params().size())).append(')');
        int results = type.results().size();
        sb.append(results == 0 ? "V" : results == 1 ? "J" : "[J");
        return sb.toString();
    }

    /**
     * Why {@code function} cannot be compiled, or null if it can: it needs types without v128,
     * a size a JVM method can hold, and only IR the JIT knows.
     */
    static String whyNot(WasmFunctionInstance function, Lowered fn) {
        FuncType type = function.type();
        if (fn.v128Locals() || !plain(type)) {
            return "v128 values";
        }
        if (type.params().size() > MAX_PARAMS) {
            return "too many parameters";
        }
        if (fn.exceptionHandlers()) {
            return "exception handlers";
        }
        int[] code = fn.code();
        InstanceState inst = function.instance();
        if (!noGcRefs(type, inst) || !function.code().locals().stream().allMatch(t -> noGcRef(t, inst))) {
            // JVM locals are no GC roots: until compiled code spills its references for the
            // collector (DESIGN.md "GC heap"), code that may hold one stays interpreted.
            return "GC references";
        }
        // A function too big for one method is split into several (SplitFunction), but each
        // method holds all the function's slots as JVM locals, of which there are at most 65,535.
        if (FIRST_SLOT + 2 * fn.frameSize() + inst.memories.length + SplitFunction.EXTRA_LOCALS > 60_000) {
            return "too big";
        }
        int pc = 0;
        while (pc < code.length) {
            int n = IrOp.length(code, pc);
            if (n < 0) {
                return TierSupport.irOpcodeName(code[pc]);
            }
            int op = code[pc];
            // A callee's values cross as flat long[]: no v128 among them (they would take two).
            if (op == IrOp.CALL) {
                FuncType callee = inst.functions[code[pc + 1]].type();
                if (!plain(callee) || !noGcRefs(callee, inst)) {
                    return "callee type";
                }
            }
            if (op == IrOp.CALL_INDIRECT || op == IrOp.CALL_REF) {
                FuncType callee = inst.types[code[pc + 1]];
                if (callee == null || !plain(callee) || !noGcRefs(callee, inst)) {
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

    /** Numbers and function or extern references: values the GC heap never has to find. */
    private static boolean noGcRef(ValType t, InstanceState inst) {
        if (!(t instanceof RefType r)) {
            return true;
        }
        return switch (r.heap()) {
            case HeapType.Abstract a ->
                a == HeapType.Abstract.FUNC
                        || a == HeapType.Abstract.NOFUNC
                        || a == HeapType.Abstract.EXTERN
                        || a == HeapType.Abstract.NOEXTERN;
            case HeapType.Concrete c -> c.typeIndex() < inst.types.length && inst.types[c.typeIndex()] != null;
        };
    }

    private static boolean plain(FuncType type) {
        return !type.params().contains(ValType.V128) && !type.results().contains(ValType.V128);
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
        String name = chunk == null ? methodName(index) : chunk.methodName(index);
        String desc = chunk == null ? descriptor(type) : SplitFunction.CHUNK_DESCRIPTOR;
        MethodVisitor mv = cv.visitMethod(ACC_STATIC, name, desc, null, null);
        mv.visitCode();
        var compiler = new FunctionCompiler(mv, inst, index, compiled, meterFuel, type, fn, indirectTypes);
        compiler.chunk = chunk;
        compiler.probe = probe;
        int size = compiler.body();
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        return size;
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
        if (chunk != null) {
            chunk.prologue(mv, scratch);
        } else {
            emitEntry();
        }
        loadMemories();
        mv.visitLabel(start);
        if (chunk != null) {
            chunk.dispatch(mv, this::label);
        }
        int pc = chunk == null ? 0 : chunk.from();
        int to = chunk == null ? code.length : chunk.to();
        while (pc < to) {
            if (labels[pc] != null || isTarget(pc)) {
                mv.visitLabel(label(pc));
            }
            if (probe != null) {
                probe.instruction(pc, mv);
            }
            pc = instruction(pc);
        }
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
        if (chunk != null) {
            chunk.exits(mv, scratch);
        }
        mv.visitLabel(end);
        return handlers(end.getOffset(), onTrap, onOverflow);
    }

    /** Function entry: the JIT's nesting limit, then the frame image. */
    private void emitEntry() {
        tooDeep();
        // Entry stores the IR's frame image from the first non-parameter slot up (Wasm zeroes
        // declared locals; a constant pool follows them); the remaining operand slots are zeroed
        // too so that every JVM local is definitely assigned wherever control flow merges.
        long[] init = fn.frameInit();
        for (int s = fn.params(); s < fn.frameSize(); s++) {
            int i = s - fn.params();
            pushLong(i < init.length ? init[i] : 0);
            mv.visitVarInsn(LSTORE, local(s));
        }
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

    /** Jump targets are known before they are reached only for backward jumps: mark all first. */
    private boolean targetsMarked;

    private boolean isTarget(int pc) {
        if (!targetsMarked) {
            targetsMarked = true;
            jumps(code, (at, target) -> mark(target));
        }
        return labels[pc] != null;
    }

    /** Calls {@code jump} with the pc and the target of every jump in {@code code}. */
    static void jumps(int[] code, java.util.function.BiConsumer<Integer, Integer> jump) {
        for (int at = 0; at < code.length; at += IrOp.length(code, at)) {
            int op = code[at];
            if (op == IrOp.JUMP) {
                jump.accept(at, code[at + 1]);
            } else if (op == IrOp.JUMP_IF_ZERO
                    || op == IrOp.JUMP_IF_NONZERO
                    || op == IrOp.JUMP_IF_NULL
                    || op == IrOp.JUMP_IF_NON_NULL) {
                jump.accept(at, code[at + 2]);
            } else if (IrOp.isFusedJump(op) || IrOp.jumpI64(op) >= 0) {
                jump.accept(at, code[at + 3]);
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
        int op = code[pc];
        int next = pc + IrOp.length(code, pc);
        if (op == IrOp.UNREACHABLE) {
            mv.visitMethodInsn(INVOKESTATIC, RT, "unreachable", "()Ldev/jwasm/api/Trap;", false);
            mv.visitInsn(ATHROW);
        } else if (op == IrOp.CONST) {
            long v = (code[pc + 2] & 0xFFFF_FFFFL) | ((long) code[pc + 3] << 32);
            pushLong(v);
            storeL(code[pc + 1]);
        } else if (op == IrOp.COPY) {
            loadL(code[pc + 2]);
            storeL(code[pc + 1]);
        } else if (op == IrOp.MOVE_N) {
            for (int i = 0; i < code[pc + 3]; i++) {
                loadL(code[pc + 2] + i);
                storeL(code[pc + 1] + i);
            }
        } else if (op == IrOp.GLOBAL_GET) {
            global(code[pc + 2]);
            mv.visitFieldInsn(GETFIELD, CELL, "value", "J");
            storeL(code[pc + 1]);
        } else if (op == IrOp.GLOBAL_SET) {
            global(code[pc + 1]);
            loadL(code[pc + 2]);
            mv.visitFieldInsn(PUTFIELD, CELL, "value", "J");
        } else if (op == IrOp.JUMP) {
            if (code[pc + 1] <= pc) {
                safepoint();
            }
            mv.visitJumpInsn(GOTO, label(code[pc + 1]));
        } else if (op == IrOp.JUMP_IF_ZERO || op == IrOp.JUMP_IF_NONZERO) {
            loadI(code[pc + 1]);
            mv.visitJumpInsn(op == IrOp.JUMP_IF_ZERO ? IFEQ : IFNE, jumpTarget(pc, code[pc + 2]));
        } else if (op == IrOp.JUMP_IF_NULL || op == IrOp.JUMP_IF_NON_NULL) {
            loadL(code[pc + 1]);
            mv.visitInsn(LCONST_0);
            mv.visitInsn(LCMP);
            mv.visitJumpInsn(op == IrOp.JUMP_IF_NULL ? IFEQ : IFNE, jumpTarget(pc, code[pc + 2]));
        } else if (IrOp.isFusedJump(op)) {
            fusedJump(op, code[pc + 1], code[pc + 2], jumpTarget(pc, code[pc + 3]));
        } else if (op == IrOp.BR_TABLE) {
            brTable(pc);
        } else if (op == IrOp.RETURN) {
            ret(code[pc + 1], code[pc + 2]);
        } else if (op == IrOp.CALL) {
            call(code[pc + 1], code[pc + 2]);
        } else if (op == IrOp.CALL_INDIRECT) {
            // Through the class's typed dispatch for this type (see IndirectCalls).
            FuncType callee = inst.types[code[pc + 1]];
            int argBase = code[pc + 3];
            mv.visitVarInsn(ALOAD, 0);
            deeper();
            push(code[pc + 2]);
            // The interpreter takes the low 32 bits of the index; so does this tier.
            loadL(code[pc + 4]);
            pushLong(0xFFFF_FFFFL);
            mv.visitInsn(LAND);
            for (int i = 0; i < callee.params().size(); i++) {
                loadL(argBase + i);
            }
            mv.visitMethodInsn(
                    INVOKESTATIC,
                    ModuleCompiler.CLASS_NAME,
                    IndirectCalls.methodName(code[pc + 1]),
                    IndirectCalls.descriptor(callee),
                    false);
            indirectTypes.add(code[pc + 1]);
            int results = callee.results().size();
            if (results == 1) {
                storeL(argBase);
            } else if (results > 1) {
                results(argBase, results);
            }
        } else if (op == IrOp.CALL_REF) {
            FuncType callee = inst.types[code[pc + 1]];
            mv.visitVarInsn(ALOAD, 0);
            loadL(code[pc + 4]);
            array(code[pc + 3], callee.params().size());
            deeper();
            mv.visitMethodInsn(INVOKESTATIC, RT, "callRef", "(L" + INST + ";J[JI)[J", false);
            results(code[pc + 3], callee.results().size());
        } else if (op == IrOp.SELECT) {
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
        } else if (op == IrOp.UNARY) {
            unary(code[pc + 1], code[pc + 2], code[pc + 3]);
        } else if (op == IrOp.BINARY) {
            binary(code[pc + 1], code[pc + 2], code[pc + 3], code[pc + 4]);
        } else if (op == IrOp.LOAD || op == IrOp.I32_LOAD) {
            int ordinal = op == IrOp.LOAD ? code[pc + 6] : Opcode.I32_LOAD.ordinal();
            load(code[pc + 1], code[pc + 2], code[pc + 3], offset(pc + 4), ordinal);
        } else if (op == IrOp.STORE || op == IrOp.I32_STORE) {
            int ordinal = op == IrOp.STORE ? code[pc + 6] : Opcode.I32_STORE.ordinal();
            store(code[pc + 1], code[pc + 2], code[pc + 3], offset(pc + 4), ordinal);
        } else if (op == IrOp.MEMORY_SIZE) {
            mv.visitVarInsn(ALOAD, memBase + code[pc + 2]);
            mv.visitMethodInsn(INVOKEVIRTUAL, MEM, "pages", "()J", false);
            storeL(code[pc + 1]);
        } else if (op == IrOp.MEMORY_GROW) {
            mv.visitVarInsn(ALOAD, memBase + code[pc + 3]);
            loadL(code[pc + 2]);
            mv.visitMethodInsn(INVOKESTATIC, RT, "memoryGrow", "(L" + MEM + ";J)J", false);
            storeL(code[pc + 1]);
        } else if (op == IrOp.REF_FUNC) {
            mv.visitVarInsn(ALOAD, 0);
            push(code[pc + 2]);
            mv.visitMethodInsn(INVOKESTATIC, RT, "refFunc", "(L" + INST + ";I)J", false);
            storeL(code[pc + 1]);
        } else if (IrOp.isHotBinary(op)) {
            hotBinary(op, code[pc + 1], code[pc + 2], code[pc + 3]);
        } else if (op == IrOp.I32_EQZ) {
            loadI(code[pc + 2]);
            bool(IFEQ, code[pc + 1]);
        } else if (op == IrOp.BULK) {
            bulk(code[pc + 1], code[pc + 2], code[pc + 3], code[pc + 4]);
        } else if (IrOp.jumpI64(op) >= 0) {
            fusedJumpI64(IrOp.jumpI64(op), code[pc + 1], code[pc + 2], jumpTarget(pc, code[pc + 3]));
        } else if (op == IrOp.I32_MUL_ADD) {
            // Wrapping 32-bit multiply then add, as i32.mul then i32.add would (spec 4.3.2).
            loadI(code[pc + 2]);
            loadI(code[pc + 3]);
            mv.visitInsn(IMUL);
            loadI(code[pc + 4]);
            mv.visitInsn(IADD);
            storeI(code[pc + 1]);
        } else if (IrOp.wasmOf(op) != null) {
            named(pc, IrOp.wasmOf(op));
        } else if (op == IrOp.SAFEPOINT) {
            // Nothing: compiled code checks at the back-edges themselves (see jumpTarget), so a
            // SAFEPOINT in front of one would count it twice.
        } else if (op == IrOp.WIDE) {
            wide(code[pc + 1], code[pc + 2]);
        } else {
            throw new IllegalStateException("IR opcode " + op + " passed the compilable check");
        }
        return next;
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

    private void fusedJump(int op, int a, int b, Label target) {
        loadI(a);
        loadI(b);
        int k = op - IrOp.JUMP_I32_EQ;
        int[] signed = {IF_ICMPEQ, IF_ICMPNE, IF_ICMPLT, IF_ICMPGE, IF_ICMPGT, IF_ICMPLE};
        int[] unsigned = {IFLT, IFGE, IFGT, IFLE};
        if (k < signed.length) {
            mv.visitJumpInsn(signed[k], target);
        } else {
            unsignedCompare();
            mv.visitJumpInsn(unsigned[k - signed.length], target);
        }
    }

    /** A fused i64 compare-and-branch; {@code k} indexes the i32 set's order (see IrOp). */
    private void fusedJumpI64(int k, int a, int b, Label target) {
        loadL(a);
        loadL(b);
        if (k < 6) {
            mv.visitInsn(LCMP);
            mv.visitJumpInsn(new int[] {IFEQ, IFNE, IFLT, IFGE, IFGT, IFLE}[k], target);
        } else {
            mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "compareUnsigned", "(JJ)I", false);
            mv.visitJumpInsn(new int[] {IFLT, IFGE, IFGT, IFLE}[k - 6], target);
        }
    }

    /** An inline IR operator that runs one Wasm operator, through that operator's code path. */
    private void named(int pc, Opcode wasm) {
        int ordinal = wasm.ordinal();
        switch (wasm) {
            case I64_EQZ, I32_WRAP_I64, I64_EXTEND_I32_S, I64_EXTEND_I32_U ->
                unary(code[pc + 1], code[pc + 2], ordinal);
            case I64_LOAD, I32_LOAD8_U -> load(code[pc + 1], code[pc + 2], code[pc + 3], offset(pc + 4), ordinal);
            case I64_STORE, I32_STORE8 -> store(code[pc + 1], code[pc + 2], code[pc + 3], offset(pc + 4), ordinal);
            default -> binary(code[pc + 1], code[pc + 2], code[pc + 3], ordinal);
        }
    }

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
            chunk.ret(mv, src, results == 1 ? 1 : Math.min(count, results));
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
        array(0, type.params().size());
        mv.visitVarInsn(ILOAD, 1);
        mv.visitMethodInsn(INVOKESTATIC, RT, "interpret", "(L" + INST + ";I[JI)[J", false);
        switch (type.results().size()) {
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
        mv.visitLabel(ok);
    }

    private void call(int index, int argBase) {
        FuncType callee = inst.functions[index].type();
        int results = callee.results().size();
        if (compiled[index]) {
            // Same class: a plain invokestatic, after the call's safepoint.
            safepoint();
            mv.visitVarInsn(ALOAD, 0);
            deeper();
            for (int i = 0; i < callee.params().size(); i++) {
                loadL(argBase + i);
            }
            mv.visitMethodInsn(INVOKESTATIC, ModuleCompiler.CLASS_NAME, methodName(index), descriptor(callee), false);
            if (results == 1) {
                storeL(argBase);
            } else if (results > 1) {
                results(argBase, results);
            }
            return;
        }
        mv.visitVarInsn(ALOAD, 0);
        push(index);
        array(argBase, callee.params().size());
        deeper();
        mv.visitMethodInsn(INVOKESTATIC, RT, "call", "(L" + INST + ";I[JI)[J", false);
        results(argBase, results);
    }

    // ---- operators

    private void hotBinary(int op, int dst, int a, int b) {
        int k = op - IrOp.I32_ADD;
        // The order of Ir's hot block: i32 add..ge_s (17), i64 add..lt_s (7), f64 add, mul.
        if (k < 9) {
            int[] ops = {IADD, ISUB, IMUL, IAND, IOR, IXOR, ISHL, ISHR, IUSHR};
            loadI(a);
            loadI(b);
            mv.visitInsn(ops[k]);
            storeI(dst);
        } else if (k < 17) {
            loadI(a);
            loadI(b);
            switch (k) {
                case 9 -> bool(IF_ICMPEQ, dst);
                case 10 -> bool(IF_ICMPNE, dst);
                case 11 -> bool(IF_ICMPLT, dst);
                case 12 -> {
                    unsignedCompare();
                    bool(IFLT, dst);
                }
                case 13 -> bool(IF_ICMPGT, dst);
                case 14 -> {
                    unsignedCompare();
                    bool(IFGT, dst);
                }
                case 15 -> bool(IF_ICMPLE, dst);
                default -> bool(IF_ICMPGE, dst);
            }
        } else if (k < 24) {
            loadL(a);
            loadL(b);
            switch (k) {
                case 17 -> mv.visitInsn(LADD);
                case 18 -> mv.visitInsn(LSUB);
                case 19 -> mv.visitInsn(LMUL);
                case 20 -> mv.visitInsn(LAND);
                case 21 -> mv.visitInsn(LOR);
                case 22 -> {
                    mv.visitInsn(LCMP);
                    bool(IFEQ, dst);
                    return;
                }
                default -> {
                    mv.visitInsn(LCMP);
                    bool(IFLT, dst);
                    return;
                }
            }
            storeL(dst);
        } else {
            loadD(a);
            loadD(b);
            mv.visitInsn(k == 24 ? DADD : DMUL);
            storeD(dst);
        }
    }

    private void unary(int dst, int a, int ordinal) {
        switch (OPCODES[ordinal]) {
            case I64_EQZ -> {
                loadL(a);
                mv.visitInsn(LCONST_0);
                mv.visitInsn(LCMP);
                bool(IFEQ, dst);
            }
            // Slots hold i32 and f32 sign-extended: these keep or re-normalise the bits.
            case I32_WRAP_I64, I32_REINTERPRET_F32, F32_REINTERPRET_I32 -> {
                loadI(a);
                storeI(dst);
            }
            case I64_EXTEND_I32_S, I64_REINTERPRET_F64, F64_REINTERPRET_I64 -> {
                loadL(a);
                storeL(dst);
            }
            case I64_EXTEND_I32_U -> {
                loadL(a);
                pushLong(0xFFFF_FFFFL);
                mv.visitInsn(LAND);
                storeL(dst);
            }
            default -> {
                loadL(a);
                push(ordinal);
                mv.visitMethodInsn(INVOKESTATIC, RT, "unary", "(JI)J", false);
                storeL(dst);
            }
        }
    }

    private void binary(int dst, int a, int b, int ordinal) {
        switch (OPCODES[ordinal]) {
            case I64_XOR -> longOp(dst, a, b, LXOR);
            case I64_SHL -> longShift(dst, a, b, LSHL);
            case I64_SHR_S -> longShift(dst, a, b, LSHR);
            case I64_SHR_U -> longShift(dst, a, b, LUSHR);
            case I64_NE, I64_GT_S, I64_LE_S, I64_GE_S -> {
                loadL(a);
                loadL(b);
                mv.visitInsn(LCMP);
                bool(
                        switch (OPCODES[ordinal]) {
                            case I64_NE -> IFNE;
                            case I64_GT_S -> IFGT;
                            case I64_LE_S -> IFLE;
                            default -> IFGE;
                        },
                        dst);
            }
            case I64_LT_U, I64_GT_U, I64_LE_U, I64_GE_U -> {
                loadL(a);
                loadL(b);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "compareUnsigned", "(JJ)I", false);
                bool(
                        switch (OPCODES[ordinal]) {
                            case I64_LT_U -> IFLT;
                            case I64_GT_U -> IFGT;
                            case I64_LE_U -> IFLE;
                            default -> IFGE;
                        },
                        dst);
            }
            // The JDK's rotates take the count modulo the width, as Wasm does (spec 4.3.2).
            case I64_ROTL, I64_ROTR -> {
                loadL(a);
                loadI(b);
                String name = OPCODES[ordinal] == Opcode.I64_ROTL ? "rotateLeft" : "rotateRight";
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", name, "(JI)J", false);
                storeL(dst);
            }
            case I32_ROTL, I32_ROTR -> {
                loadI(a);
                loadI(b);
                String name = OPCODES[ordinal] == Opcode.I32_ROTL ? "rotateLeft" : "rotateRight";
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", name, "(II)I", false);
                storeI(dst);
            }
            case I32_LE_U, I32_GE_U -> {
                loadI(a);
                loadI(b);
                unsignedCompare();
                bool(OPCODES[ordinal] == Opcode.I32_LE_U ? IFLE : IFGE, dst);
            }
            case F64_SUB, F64_DIV -> {
                loadD(a);
                loadD(b);
                mv.visitInsn(OPCODES[ordinal] == Opcode.F64_SUB ? DSUB : DDIV);
                storeD(dst);
            }
            case F32_ADD, F32_SUB, F32_MUL, F32_DIV -> {
                loadF(a);
                loadF(b);
                mv.visitInsn(
                        switch (OPCODES[ordinal]) {
                            case F32_ADD -> FADD;
                            case F32_SUB -> FSUB;
                            case F32_MUL -> FMUL;
                            default -> FDIV;
                        });
                storeF(dst);
            }
            default -> {
                loadL(a);
                loadL(b);
                push(ordinal);
                mv.visitMethodInsn(INVOKESTATIC, RT, "binary", "(JJI)J", false);
                storeL(dst);
            }
        }
    }

    private void longOp(int dst, int a, int b, int insn) {
        loadL(a);
        loadL(b);
        mv.visitInsn(insn);
        storeL(dst);
    }

    /** JVM long shifts use the count's low 6 bits, exactly Wasm's "k modulo 64" (spec 4.3.2). */
    private void longShift(int dst, int a, int b, int insn) {
        loadL(a);
        loadI(b);
        mv.visitInsn(insn);
        storeL(dst);
    }

    // ---- memory

    /** Leaves the memory and the effective address (spec 4.4.7.1) on the stack. */
    private void address(int addr, int flags, long offset) {
        mv.visitVarInsn(ALOAD, memBase + (flags & 0x7FFF_FFFF));
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

    private void memCall(String name, String desc) {
        mv.visitMethodInsn(INVOKEVIRTUAL, MEM, name, desc, false);
    }

    private void load(int dst, int addr, int flags, long offset, int ordinal) {
        address(addr, flags, offset);
        switch (OPCODES[ordinal]) {
            case I32_LOAD, F32_LOAD, I64_LOAD32_S -> {
                memCall("load32", "(J)I");
                mv.visitInsn(I2L);
            }
            case I64_LOAD, F64_LOAD -> memCall("load64", "(J)J");
            case I32_LOAD8_S, I64_LOAD8_S -> {
                memCall("load8", "(J)B");
                mv.visitInsn(I2L);
            }
            case I32_LOAD8_U, I64_LOAD8_U -> {
                memCall("load8", "(J)B");
                push(0xFF);
                mv.visitInsn(IAND);
                mv.visitInsn(I2L);
            }
            case I32_LOAD16_S, I64_LOAD16_S -> {
                memCall("load16", "(J)S");
                mv.visitInsn(I2L);
            }
            case I32_LOAD16_U, I64_LOAD16_U -> {
                memCall("load16", "(J)S");
                push(0xFFFF);
                mv.visitInsn(IAND);
                mv.visitInsn(I2L);
            }
            case I64_LOAD32_U -> {
                memCall("load32", "(J)I");
                mv.visitInsn(I2L);
                pushLong(0xFFFF_FFFFL);
                mv.visitInsn(LAND);
            }
            default -> {
                push(ordinal);
                mv.visitMethodInsn(INVOKESTATIC, RT, "load", "(L" + MEM + ";JI)J", false);
            }
        }
        storeL(dst);
    }

    private void store(int addr, int value, int flags, long offset, int ordinal) {
        address(addr, flags, offset);
        loadL(value);
        switch (OPCODES[ordinal]) {
            case I32_STORE, F32_STORE, I64_STORE32 -> {
                mv.visitInsn(L2I);
                memCall("store32", "(JI)V");
            }
            case I64_STORE, F64_STORE -> memCall("store64", "(JJ)V");
            case I32_STORE8, I64_STORE8 -> {
                mv.visitInsn(L2I);
                mv.visitInsn(I2B);
                memCall("store8", "(JB)V");
            }
            case I32_STORE16, I64_STORE16 -> {
                mv.visitInsn(L2I);
                mv.visitInsn(I2S);
                memCall("store16", "(JS)V");
            }
            default -> {
                push(ordinal);
                mv.visitMethodInsn(INVOKESTATIC, RT, "store", "(L" + MEM + ";JJI)V", false);
            }
        }
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

    private void wide(int ordinal, int base) {
        // Up to four operands from base; slots past the frame do not exist and read as zero.
        array(base, Math.min(4, fn.frameSize() - base), 4);
        mv.visitVarInsn(ASTORE, scratch);
        mv.visitVarInsn(ALOAD, scratch);
        push(ordinal);
        mv.visitMethodInsn(INVOKESTATIC, RT, "wide", "([JI)V", false);
        mv.visitVarInsn(ALOAD, scratch);
        results(base, 2);
    }
}
