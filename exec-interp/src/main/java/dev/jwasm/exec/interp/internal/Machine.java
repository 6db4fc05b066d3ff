package dev.jwasm.exec.interp.internal;

import static java.lang.Double.doubleToRawLongBits;
import static java.lang.Double.longBitsToDouble;

import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.api.model.AddressType;
import dev.jwasm.api.numeric.IntOps;
import dev.jwasm.spi.runtime.FunctionCode;
import dev.jwasm.spi.runtime.FunctionInstance;
import dev.jwasm.spi.runtime.HostFunctionInstance;
import dev.jwasm.spi.runtime.InstanceState;
import dev.jwasm.spi.runtime.WasmFunctionInstance;
import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Runs register IR for one call from the host. Wasm-to-Wasm calls push a frame on this machine's
 * own call stack rather than recursing on the JVM's, so recursion depth is bounded by {@code
 * maxCallDepth} (trap "call stack exhausted") and not by the JVM thread stack. A machine is used
 * for one invocation on one thread; a host function calling back into Wasm gets a fresh one.
 */
public final class Machine {
    /** The value stack never grows past this many slots (256 MiB); deeper is "call stack exhausted". */
    private static final int MAX_STACK_SLOTS = 1 << 25;

    private final int maxCallDepth;
    private long[] stack = new long[1024];
    private int[][] savedCode = new int[16][];
    private int[] savedPc = new int[16];
    private int[] savedFp = new int[16];
    private InstanceState[] savedInstance = new InstanceState[16];
    private int depth;

    public Machine(int maxCallDepth) {
        this.maxCallDepth = maxCallDepth;
    }

    /**
     * Lowered bodies by function body. Every instance of a module shares its {@link FunctionCode}
     * objects and the module-level types the lowering reads (imports must match them), so a
     * body is lowered once, not once per instantiation. A hit counts only for the very same
     * body object: FunctionCode is a record, and an equal one could belong to another module.
     */
    private static final Map<FunctionCode, Lowered> LOWERED = Collections.synchronizedMap(new WeakHashMap<>());

    private record Lowered(WeakReference<FunctionCode> body, CompiledFunction code) {}

    /** The lowered form of {@code function}, lowering it on first use. */
    static CompiledFunction compiled(WasmFunctionInstance function) {
        if (function.compiled() instanceof CompiledFunction c) {
            return c;
        }
        FunctionCode body = function.code();
        Lowered cached = LOWERED.get(body);
        CompiledFunction c;
        if (cached != null && cached.body().get() == body) {
            c = cached.code();
        } else {
            c = Lowering.lower(function);
            if (IrPrinter.DUMP) {
                System.err.println(
                        "function " + function.index() + " (" + function.type() + "):\n" + IrPrinter.print(c.code()));
            }
            if (cached == null) {
                LOWERED.put(body, new Lowered(new WeakReference<>(body), c));
            }
        }
        function.compiled(c);
        return c;
    }

    /** Calls {@code function} with {@code args} and returns its results. */
    public long[] invoke(WasmFunctionInstance function, long[] args) {
        CompiledFunction c = compiled(function);
        ensureStack(c.frameSize());
        System.arraycopy(args, 0, stack, 0, c.params());
        System.arraycopy(c.frameInit(), 0, stack, c.params(), c.frameInit().length);
        try {
            run(c.code(), function.instance());
        } catch (StackOverflowError e) {
            // Only host functions recurse on the JVM stack; their overflow is still Wasm's trap.
            throw new Trap(TrapKind.CALL_STACK_EXHAUSTED);
        }
        return Arrays.copyOf(stack, function.type().results().size());
    }

    private long[] ensureStack(int needed) {
        if (needed > stack.length) {
            if (needed > MAX_STACK_SLOTS) {
                throw new Trap(TrapKind.CALL_STACK_EXHAUSTED);
            }
            stack = Arrays.copyOf(stack, Math.min(MAX_STACK_SLOTS, Math.max(needed, stack.length * 2)));
        }
        return stack;
    }

    private void pushFrame(int[] code, int pc, int fp, InstanceState instance) {
        if (depth == maxCallDepth - 1) {
            throw new Trap(TrapKind.CALL_STACK_EXHAUSTED);
        }
        if (depth == savedPc.length) {
            int n = depth * 2;
            savedCode = Arrays.copyOf(savedCode, n);
            savedPc = Arrays.copyOf(savedPc, n);
            savedFp = Arrays.copyOf(savedFp, n);
            savedInstance = Arrays.copyOf(savedInstance, n);
        }
        savedCode[depth] = code;
        savedPc[depth] = pc;
        savedFp[depth] = fp;
        savedInstance[depth] = instance;
        depth++;
    }

    /** Enters {@code callee} with its frame at {@code fp}; returns the stack (which may have grown). */
    private long[] enter(CompiledFunction callee, int fp) {
        long[] s = ensureStack(fp + callee.frameSize());
        long[] init = callee.frameInit();
        if (init.length > 0) {
            System.arraycopy(init, 0, s, fp + callee.params(), init.length);
        }
        return s;
    }

    /** Calls a host function with its arguments at {@code argBase} and writes its results there. */
    private static void callHost(HostFunctionInstance host, long[] s, int argBase) {
        long[] args =
                Arrays.copyOfRange(s, argBase, argBase + host.type().params().size());
        long[] results = host.invoke(args);
        System.arraycopy(results, 0, s, argBase, results.length);
    }

    private static FunctionInstance indirectTarget(InstanceState inst, int typeIndex, int table, long index) {
        var t = inst.tables[table];
        if (index < 0 || index >= t.size()) {
            throw new Trap(TrapKind.UNDEFINED_ELEMENT);
        }
        long ref = t.get(index);
        if (ref == 0) {
            throw new Trap(TrapKind.UNINITIALIZED_ELEMENT);
        }
        FunctionInstance f = inst.store.function(ref);
        if (!f.type().equals(inst.types[typeIndex])) {
            throw new Trap(TrapKind.INDIRECT_CALL_TYPE_MISMATCH);
        }
        return f;
    }

    private static FunctionInstance refTarget(InstanceState inst, long ref) {
        if (ref == 0) {
            throw new Trap(TrapKind.NULL_FUNCTION_REFERENCE);
        }
        return inst.store.function(ref);
    }

    /**
     * A jump's target. A backward jump is a loop's back-edge, where the store's interrupt request
     * is polled (DESIGN.md "Execution": checked at calls and loop back-edges), so an endless
     * loop stays interruptible without an instruction of its own.
     */
    private static int to(int target, int pc, InstanceState inst) {
        if (target <= pc && inst.store.interruptRequested()) {
            throw new Trap(TrapKind.INTERRUPTED);
        }
        return target;
    }

    private static long offset(int[] code, int at) {
        return (code[at] & 0xFFFF_FFFFL) | ((long) code[at + 1] << 32);
    }

    /**
     * The dispatch loop. It must stay under HotSpot's 8000-bytecode HugeMethodLimit (a test checks
     * it), so only hot operators are inline and the rest go through {@link NumericOps} and
     * {@link MemoryOps}.
     */
    private void run(int[] code, InstanceState inst) {
        final int base = depth;
        long[] s = stack;
        int pc = 0;
        int fp = 0;
        while (true) {
            switch (code[pc]) {
                case Ir.UNREACHABLE -> throw new Trap(TrapKind.UNREACHABLE);
                case Ir.CONST -> {
                    s[fp + code[pc + 1]] = (code[pc + 2] & 0xFFFF_FFFFL) | ((long) code[pc + 3] << 32);
                    pc += 4;
                }
                case Ir.COPY -> {
                    s[fp + code[pc + 1]] = s[fp + code[pc + 2]];
                    pc += 3;
                }
                case Ir.MOVE_N -> {
                    System.arraycopy(s, fp + code[pc + 2], s, fp + code[pc + 1], code[pc + 3]);
                    pc += 4;
                }
                case Ir.GLOBAL_GET -> {
                    s[fp + code[pc + 1]] = inst.globals[code[pc + 2]].value;
                    pc += 3;
                }
                case Ir.GLOBAL_SET -> {
                    inst.globals[code[pc + 1]].value = s[fp + code[pc + 2]];
                    pc += 3;
                }
                case Ir.JUMP -> pc = to(code[pc + 1], pc, inst);
                case Ir.SAFEPOINT -> {
                    if (inst.store.interruptRequested()) {
                        throw new Trap(TrapKind.INTERRUPTED);
                    }
                    pc++;
                }
                case Ir.JUMP_IF_ZERO -> pc = (int) s[fp + code[pc + 1]] == 0 ? to(code[pc + 2], pc, inst) : pc + 3;
                case Ir.JUMP_I32_EQ ->
                    pc = (int) s[fp + code[pc + 1]] == (int) s[fp + code[pc + 2]] ? to(code[pc + 3], pc, inst) : pc + 4;
                case Ir.JUMP_I32_NE ->
                    pc = (int) s[fp + code[pc + 1]] != (int) s[fp + code[pc + 2]] ? to(code[pc + 3], pc, inst) : pc + 4;
                case Ir.JUMP_I32_LT_S ->
                    pc = (int) s[fp + code[pc + 1]] < (int) s[fp + code[pc + 2]] ? to(code[pc + 3], pc, inst) : pc + 4;
                case Ir.JUMP_I32_GE_S ->
                    pc = (int) s[fp + code[pc + 1]] >= (int) s[fp + code[pc + 2]] ? to(code[pc + 3], pc, inst) : pc + 4;
                case Ir.JUMP_I32_GT_S ->
                    pc = (int) s[fp + code[pc + 1]] > (int) s[fp + code[pc + 2]] ? to(code[pc + 3], pc, inst) : pc + 4;
                case Ir.JUMP_I32_LE_S ->
                    pc = (int) s[fp + code[pc + 1]] <= (int) s[fp + code[pc + 2]] ? to(code[pc + 3], pc, inst) : pc + 4;
                case Ir.JUMP_I32_LT_U ->
                    pc = Integer.compareUnsigned((int) s[fp + code[pc + 1]], (int) s[fp + code[pc + 2]]) < 0
                            ? to(code[pc + 3], pc, inst)
                            : pc + 4;
                case Ir.JUMP_I32_GE_U ->
                    pc = Integer.compareUnsigned((int) s[fp + code[pc + 1]], (int) s[fp + code[pc + 2]]) >= 0
                            ? to(code[pc + 3], pc, inst)
                            : pc + 4;
                case Ir.JUMP_I32_GT_U ->
                    pc = Integer.compareUnsigned((int) s[fp + code[pc + 1]], (int) s[fp + code[pc + 2]]) > 0
                            ? to(code[pc + 3], pc, inst)
                            : pc + 4;
                case Ir.JUMP_I32_LE_U ->
                    pc = Integer.compareUnsigned((int) s[fp + code[pc + 1]], (int) s[fp + code[pc + 2]]) <= 0
                            ? to(code[pc + 3], pc, inst)
                            : pc + 4;
                case Ir.JUMP_I64_EQ ->
                    pc = s[fp + code[pc + 1]] == s[fp + code[pc + 2]] ? to(code[pc + 3], pc, inst) : pc + 4;
                case Ir.JUMP_I64_NE ->
                    pc = s[fp + code[pc + 1]] != s[fp + code[pc + 2]] ? to(code[pc + 3], pc, inst) : pc + 4;
                case Ir.JUMP_I64_LT_S ->
                    pc = s[fp + code[pc + 1]] < s[fp + code[pc + 2]] ? to(code[pc + 3], pc, inst) : pc + 4;
                case Ir.JUMP_I64_GE_S ->
                    pc = s[fp + code[pc + 1]] >= s[fp + code[pc + 2]] ? to(code[pc + 3], pc, inst) : pc + 4;
                case Ir.JUMP_I64_GT_S ->
                    pc = s[fp + code[pc + 1]] > s[fp + code[pc + 2]] ? to(code[pc + 3], pc, inst) : pc + 4;
                case Ir.JUMP_I64_LE_S ->
                    pc = s[fp + code[pc + 1]] <= s[fp + code[pc + 2]] ? to(code[pc + 3], pc, inst) : pc + 4;
                case Ir.JUMP_I64_LT_U ->
                    pc = Long.compareUnsigned(s[fp + code[pc + 1]], s[fp + code[pc + 2]]) < 0
                            ? to(code[pc + 3], pc, inst)
                            : pc + 4;
                case Ir.JUMP_I64_GE_U ->
                    pc = Long.compareUnsigned(s[fp + code[pc + 1]], s[fp + code[pc + 2]]) >= 0
                            ? to(code[pc + 3], pc, inst)
                            : pc + 4;
                case Ir.JUMP_I64_GT_U ->
                    pc = Long.compareUnsigned(s[fp + code[pc + 1]], s[fp + code[pc + 2]]) > 0
                            ? to(code[pc + 3], pc, inst)
                            : pc + 4;
                case Ir.JUMP_I64_LE_U ->
                    pc = Long.compareUnsigned(s[fp + code[pc + 1]], s[fp + code[pc + 2]]) <= 0
                            ? to(code[pc + 3], pc, inst)
                            : pc + 4;
                case Ir.JUMP_IF_NULL -> pc = s[fp + code[pc + 1]] == 0 ? to(code[pc + 2], pc, inst) : pc + 3;
                case Ir.JUMP_IF_NON_NULL -> pc = s[fp + code[pc + 1]] != 0 ? to(code[pc + 2], pc, inst) : pc + 3;
                case Ir.JUMP_IF_NONZERO -> pc = (int) s[fp + code[pc + 1]] != 0 ? to(code[pc + 2], pc, inst) : pc + 3;
                case Ir.BR_TABLE -> {
                    int n = code[pc + 2];
                    int i = (int) s[fp + code[pc + 1]];
                    pc = to(code[pc + 3 + (Integer.compareUnsigned(i, n) < 0 ? i : n)], pc, inst);
                }
                case Ir.RETURN -> {
                    int n = code[pc + 2];
                    if (n == 1) {
                        s[fp] = s[fp + code[pc + 1]];
                    } else if (n > 0) {
                        System.arraycopy(s, fp + code[pc + 1], s, fp, n);
                    }
                    if (depth == base) {
                        return;
                    }
                    depth--;
                    code = savedCode[depth];
                    pc = savedPc[depth];
                    fp = savedFp[depth];
                    inst = savedInstance[depth];
                    savedInstance[depth] = null;
                }
                case Ir.CALL,
                        Ir.CALL_INDIRECT,
                        Ir.CALL_REF,
                        Ir.RETURN_CALL,
                        Ir.RETURN_CALL_INDIRECT,
                        Ir.RETURN_CALL_REF -> {
                    int op = code[pc];
                    FunctionInstance f;
                    int argBase;
                    int next;
                    if (op == Ir.CALL || op == Ir.RETURN_CALL) {
                        f = inst.functions[code[pc + 1]];
                        argBase = fp + code[pc + 2];
                        next = pc + 3;
                    } else if (op == Ir.CALL_REF || op == Ir.RETURN_CALL_REF) {
                        f = refTarget(inst, s[fp + code[pc + 4]]);
                        argBase = fp + code[pc + 3];
                        next = pc + 5;
                    } else {
                        f = indirectTarget(inst, code[pc + 1], code[pc + 2], s[fp + code[pc + 4]] & 0xFFFF_FFFFL);
                        argBase = fp + code[pc + 3];
                        next = pc + 5;
                    }
                    if (inst.store.interruptRequested()) {
                        throw new Trap(TrapKind.INTERRUPTED);
                    }
                    if (f instanceof WasmFunctionInstance w) {
                        CompiledFunction callee = compiled(w);
                        if (op == Ir.CALL || op == Ir.CALL_INDIRECT || op == Ir.CALL_REF) {
                            pushFrame(code, next, fp, inst);
                            fp = argBase;
                        } else {
                            // A tail call replaces this frame: the arguments move down to its base.
                            System.arraycopy(s, argBase, s, fp, callee.params());
                        }
                        s = enter(callee, fp);
                        code = callee.code();
                        inst = w.instance();
                        pc = 0;
                    } else {
                        // For a tail call the instruction after is the RETURN of the host's results.
                        callHost((HostFunctionInstance) f, s, argBase);
                        pc = next;
                    }
                }
                case Ir.BULK -> {
                    BulkOps.execute(code[pc + 1], code[pc + 2], code[pc + 3], s, fp + code[pc + 4], inst);
                    pc += 5;
                }
                case Ir.SELECT -> {
                    s[fp + code[pc + 1]] =
                            (int) s[fp + code[pc + 4]] != 0 ? s[fp + code[pc + 2]] : s[fp + code[pc + 3]];
                    pc += 5;
                }
                case Ir.UNARY -> {
                    s[fp + code[pc + 1]] = NumericOps.unary(code[pc + 3], s[fp + code[pc + 2]]);
                    pc += 4;
                }
                case Ir.BINARY -> {
                    s[fp + code[pc + 1]] = NumericOps.binary(code[pc + 4], s[fp + code[pc + 2]], s[fp + code[pc + 3]]);
                    pc += 5;
                }
                case Ir.LOAD -> {
                    int flags = code[pc + 3];
                    long ea = MemoryOps.address(s[fp + code[pc + 2]], flags, offset(code, pc + 4));
                    s[fp + code[pc + 1]] = MemoryOps.load(code[pc + 6], inst.memories[flags & 0x7FFF_FFFF], ea);
                    pc += 7;
                }
                case Ir.STORE -> {
                    int flags = code[pc + 3];
                    long ea = MemoryOps.address(s[fp + code[pc + 1]], flags, offset(code, pc + 4));
                    MemoryOps.store(code[pc + 6], inst.memories[flags & 0x7FFF_FFFF], ea, s[fp + code[pc + 2]]);
                    pc += 7;
                }
                case Ir.I32_LOAD -> {
                    int flags = code[pc + 3];
                    long ea = MemoryOps.address(s[fp + code[pc + 2]], flags, offset(code, pc + 4));
                    s[fp + code[pc + 1]] = inst.memories[flags & 0x7FFF_FFFF].load32(ea);
                    pc += 6;
                }
                case Ir.I32_STORE -> {
                    int flags = code[pc + 3];
                    long ea = MemoryOps.address(s[fp + code[pc + 1]], flags, offset(code, pc + 4));
                    inst.memories[flags & 0x7FFF_FFFF].store32(ea, (int) s[fp + code[pc + 2]]);
                    pc += 6;
                }
                case Ir.MEMORY_SIZE -> {
                    s[fp + code[pc + 1]] = inst.memories[code[pc + 2]].pages();
                    pc += 3;
                }
                case Ir.MEMORY_GROW -> {
                    var m = inst.memories[code[pc + 3]];
                    long delta = s[fp + code[pc + 2]];
                    if (m.type().addressType() == AddressType.I32) {
                        delta &= 0xFFFF_FFFFL;
                    }
                    s[fp + code[pc + 1]] = m.grow(delta);
                    pc += 4;
                }
                case Ir.REF_FUNC -> {
                    s[fp + code[pc + 1]] = inst.store.register(inst.functions[code[pc + 2]]);
                    pc += 3;
                }
                case Ir.I32_ADD -> {
                    s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] + (int) s[fp + code[pc + 3]];
                    pc += 4;
                }
                case Ir.I32_MUL_ADD -> {
                    s[fp + code[pc + 1]] =
                            (int) s[fp + code[pc + 2]] * (int) s[fp + code[pc + 3]] + (int) s[fp + code[pc + 4]];
                    pc += 5;
                }
                case Ir.I32_SUB -> {
                    s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] - (int) s[fp + code[pc + 3]];
                    pc += 4;
                }
                case Ir.I32_MUL -> {
                    s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] * (int) s[fp + code[pc + 3]];
                    pc += 4;
                }
                case Ir.I32_AND -> {
                    s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] & (int) s[fp + code[pc + 3]];
                    pc += 4;
                }
                case Ir.I32_OR -> {
                    s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] | (int) s[fp + code[pc + 3]];
                    pc += 4;
                }
                case Ir.I32_XOR -> {
                    s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] ^ (int) s[fp + code[pc + 3]];
                    pc += 4;
                }
                case Ir.I32_SHL -> {
                    s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] << (int) s[fp + code[pc + 3]];
                    pc += 4;
                }
                case Ir.I32_SHR_S -> {
                    s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] >> (int) s[fp + code[pc + 3]];
                    pc += 4;
                }
                case Ir.I32_SHR_U -> {
                    s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] >>> (int) s[fp + code[pc + 3]];
                    pc += 4;
                }
                case Ir.I32_EQ -> {
                    s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] == (int) s[fp + code[pc + 3]] ? 1 : 0;
                    pc += 4;
                }
                case Ir.I32_NE -> {
                    s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] != (int) s[fp + code[pc + 3]] ? 1 : 0;
                    pc += 4;
                }
                case Ir.I32_LT_S -> {
                    s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] < (int) s[fp + code[pc + 3]] ? 1 : 0;
                    pc += 4;
                }
                case Ir.I32_LT_U -> {
                    s[fp + code[pc + 1]] =
                            Integer.compareUnsigned((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]) < 0 ? 1 : 0;
                    pc += 4;
                }
                case Ir.I32_GT_S -> {
                    s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] > (int) s[fp + code[pc + 3]] ? 1 : 0;
                    pc += 4;
                }
                case Ir.I32_GT_U -> {
                    s[fp + code[pc + 1]] =
                            Integer.compareUnsigned((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]) > 0 ? 1 : 0;
                    pc += 4;
                }
                case Ir.I32_LE_S -> {
                    s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] <= (int) s[fp + code[pc + 3]] ? 1 : 0;
                    pc += 4;
                }
                case Ir.I32_GE_S -> {
                    s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] >= (int) s[fp + code[pc + 3]] ? 1 : 0;
                    pc += 4;
                }
                case Ir.I32_EQZ -> {
                    s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] == 0 ? 1 : 0;
                    pc += 3;
                }
                case Ir.I64_ADD -> {
                    s[fp + code[pc + 1]] = s[fp + code[pc + 2]] + s[fp + code[pc + 3]];
                    pc += 4;
                }
                case Ir.I64_SUB -> {
                    s[fp + code[pc + 1]] = s[fp + code[pc + 2]] - s[fp + code[pc + 3]];
                    pc += 4;
                }
                case Ir.I64_MUL -> {
                    s[fp + code[pc + 1]] = s[fp + code[pc + 2]] * s[fp + code[pc + 3]];
                    pc += 4;
                }
                case Ir.I64_AND -> {
                    s[fp + code[pc + 1]] = s[fp + code[pc + 2]] & s[fp + code[pc + 3]];
                    pc += 4;
                }
                case Ir.I64_OR -> {
                    s[fp + code[pc + 1]] = s[fp + code[pc + 2]] | s[fp + code[pc + 3]];
                    pc += 4;
                }
                case Ir.I64_EQ -> {
                    s[fp + code[pc + 1]] = s[fp + code[pc + 2]] == s[fp + code[pc + 3]] ? 1 : 0;
                    pc += 4;
                }
                case Ir.I64_LT_S -> {
                    s[fp + code[pc + 1]] = s[fp + code[pc + 2]] < s[fp + code[pc + 3]] ? 1 : 0;
                    pc += 4;
                }
                case Ir.F64_ADD -> {
                    s[fp + code[pc + 1]] = doubleToRawLongBits(
                            longBitsToDouble(s[fp + code[pc + 2]]) + longBitsToDouble(s[fp + code[pc + 3]]));
                    pc += 4;
                }
                case Ir.F64_MUL -> {
                    s[fp + code[pc + 1]] = doubleToRawLongBits(
                            longBitsToDouble(s[fp + code[pc + 2]]) * longBitsToDouble(s[fp + code[pc + 3]]));
                    pc += 4;
                }
                case Ir.I64_XOR -> {
                    s[fp + code[pc + 1]] = s[fp + code[pc + 2]] ^ s[fp + code[pc + 3]];
                    pc += 4;
                }
                case Ir.I64_SHL -> {
                    s[fp + code[pc + 1]] = s[fp + code[pc + 2]] << s[fp + code[pc + 3]];
                    pc += 4;
                }
                case Ir.I64_SHR_S -> {
                    s[fp + code[pc + 1]] = s[fp + code[pc + 2]] >> s[fp + code[pc + 3]];
                    pc += 4;
                }
                case Ir.I64_SHR_U -> {
                    s[fp + code[pc + 1]] = s[fp + code[pc + 2]] >>> s[fp + code[pc + 3]];
                    pc += 4;
                }
                case Ir.I64_ROTL -> {
                    s[fp + code[pc + 1]] = Long.rotateLeft(s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]);
                    pc += 4;
                }
                case Ir.I64_ROTR -> {
                    s[fp + code[pc + 1]] = Long.rotateRight(s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]);
                    pc += 4;
                }
                case Ir.I32_ROTL -> {
                    s[fp + code[pc + 1]] = Integer.rotateLeft((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]);
                    pc += 4;
                }
                case Ir.I32_ROTR -> {
                    s[fp + code[pc + 1]] = Integer.rotateRight((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]);
                    pc += 4;
                }
                case Ir.I64_NE -> {
                    s[fp + code[pc + 1]] = s[fp + code[pc + 2]] != s[fp + code[pc + 3]] ? 1 : 0;
                    pc += 4;
                }
                case Ir.I64_LT_U -> {
                    s[fp + code[pc + 1]] = Long.compareUnsigned(s[fp + code[pc + 2]], s[fp + code[pc + 3]]) < 0 ? 1 : 0;
                    pc += 4;
                }
                case Ir.I64_GT_U -> {
                    s[fp + code[pc + 1]] = Long.compareUnsigned(s[fp + code[pc + 2]], s[fp + code[pc + 3]]) > 0 ? 1 : 0;
                    pc += 4;
                }
                case Ir.I64_LE_U -> {
                    s[fp + code[pc + 1]] =
                            Long.compareUnsigned(s[fp + code[pc + 2]], s[fp + code[pc + 3]]) <= 0 ? 1 : 0;
                    pc += 4;
                }
                case Ir.I64_GE_U -> {
                    s[fp + code[pc + 1]] =
                            Long.compareUnsigned(s[fp + code[pc + 2]], s[fp + code[pc + 3]]) >= 0 ? 1 : 0;
                    pc += 4;
                }
                case Ir.I64_GT_S -> {
                    s[fp + code[pc + 1]] = s[fp + code[pc + 2]] > s[fp + code[pc + 3]] ? 1 : 0;
                    pc += 4;
                }
                case Ir.I64_LE_S -> {
                    s[fp + code[pc + 1]] = s[fp + code[pc + 2]] <= s[fp + code[pc + 3]] ? 1 : 0;
                    pc += 4;
                }
                case Ir.I64_GE_S -> {
                    s[fp + code[pc + 1]] = s[fp + code[pc + 2]] >= s[fp + code[pc + 3]] ? 1 : 0;
                    pc += 4;
                }
                case Ir.I32_LE_U -> {
                    s[fp + code[pc + 1]] =
                            Integer.compareUnsigned((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]) <= 0
                                    ? 1
                                    : 0;
                    pc += 4;
                }
                case Ir.I32_GE_U -> {
                    s[fp + code[pc + 1]] =
                            Integer.compareUnsigned((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]) >= 0
                                    ? 1
                                    : 0;
                    pc += 4;
                }
                case Ir.I32_DIV_U -> {
                    s[fp + code[pc + 1]] = IntOps.i32DivU((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]);
                    pc += 4;
                }
                case Ir.I32_REM_U -> {
                    s[fp + code[pc + 1]] = IntOps.i32RemU((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]);
                    pc += 4;
                }
                case Ir.I64_EQZ -> {
                    s[fp + code[pc + 1]] = s[fp + code[pc + 2]] == 0 ? 1 : 0;
                    pc += 3;
                }
                case Ir.I32_WRAP_I64 -> {
                    s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]];
                    pc += 3;
                }
                case Ir.I64_EXTEND_I32_S -> {
                    // i32 values are kept sign-extended already.
                    s[fp + code[pc + 1]] = s[fp + code[pc + 2]];
                    pc += 3;
                }
                case Ir.I64_EXTEND_I32_U -> {
                    s[fp + code[pc + 1]] = s[fp + code[pc + 2]] & 0xFFFF_FFFFL;
                    pc += 3;
                }
                case Ir.I64_LOAD -> {
                    int flags = code[pc + 3];
                    long ea = MemoryOps.address(s[fp + code[pc + 2]], flags, offset(code, pc + 4));
                    s[fp + code[pc + 1]] = inst.memories[flags & 0x7FFF_FFFF].load64(ea);
                    pc += 6;
                }
                case Ir.I32_LOAD8_U -> {
                    int flags = code[pc + 3];
                    long ea = MemoryOps.address(s[fp + code[pc + 2]], flags, offset(code, pc + 4));
                    s[fp + code[pc + 1]] = inst.memories[flags & 0x7FFF_FFFF].load8(ea) & 0xFFL;
                    pc += 6;
                }
                case Ir.I64_STORE -> {
                    int flags = code[pc + 3];
                    long ea = MemoryOps.address(s[fp + code[pc + 1]], flags, offset(code, pc + 4));
                    inst.memories[flags & 0x7FFF_FFFF].store64(ea, s[fp + code[pc + 2]]);
                    pc += 6;
                }
                case Ir.I32_STORE8 -> {
                    int flags = code[pc + 3];
                    long ea = MemoryOps.address(s[fp + code[pc + 1]], flags, offset(code, pc + 4));
                    inst.memories[flags & 0x7FFF_FFFF].store8(ea, (byte) s[fp + code[pc + 2]]);
                    pc += 6;
                }
                default -> throw new IllegalStateException("bad IR opcode " + code[pc] + " at " + pc);
            }
        }
    }
}
