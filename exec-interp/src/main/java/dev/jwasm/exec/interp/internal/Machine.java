package dev.jwasm.exec.interp.internal;

import static java.lang.Double.doubleToRawLongBits;
import static java.lang.Double.longBitsToDouble;

import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.api.WasmException;
import dev.jwasm.api.WasmFrame;
import dev.jwasm.api.model.AddressType;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.ValType;
import dev.jwasm.api.numeric.IntOps;
import dev.jwasm.internal.access.Internals;
import dev.jwasm.spi.runtime.ExceptionInstance;
import dev.jwasm.spi.runtime.FunctionCode;
import dev.jwasm.spi.runtime.FunctionInstance;
import dev.jwasm.spi.runtime.HostFunctionInstance;
import dev.jwasm.spi.runtime.InstanceState;
import dev.jwasm.spi.runtime.StoreState;
import dev.jwasm.spi.runtime.WasmFunctionInstance;
import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.function.LongConsumer;

/**
 * Runs register IR for one call from the host. Wasm-to-Wasm calls push a frame on this machine's
 * own call stack rather than recursing on the JVM's, so recursion depth is bounded by {@code
 * maxCallDepth} (trap "call stack exhausted") and not by the JVM thread stack. A machine is used
 * for one invocation on one thread; a host function calling back into Wasm gets a fresh one.
 */
public final class Machine {
    /** The value stack never grows past this many slots (256 MiB); deeper is "call stack exhausted". */
    private static final int MAX_STACK_SLOTS = 1 << 25;

    /** How many frames this machine may hold: the engine's limit less the frames outside it. */
    private final int maxCallDepth;
    /** Whether to take fuel at function entries and back-edges; a final field, so free when off. */
    private final boolean meterFuel;
    /** The compiled tier calls enter when their callee is compiled, or null (no JIT). */
    private final CompiledTier tier;
    /** Wasm frames outside this machine (of the tiers that called into it). */
    private final int outerDepth;
    /** Below this depth of its own, a call may enter {@link #tier} (see {@link CompiledTier#maxDepth}). */
    private final int tierDepth;

    /**
     * Every call from the host makes a machine, so it starts with nothing allocated: {@link
     * #invoke} sizes the stack to the entry function's frame and {@link #ensureStack} and {@link
     * #pushFrame} double what deeper code needs. (An 8 KiB stack made on each call was most of a
     * small export's call time.)
     */
    private static final long[] NO_SLOTS = {};

    private long[] stack = NO_SLOTS;
    /**
     * High halves of v128 values, at the same index as their low halves in {@link #stack};
     * allocated on first use, so code without v128 values never touches it.
     */
    private long[] high;

    private SimdExec simd;
    private int[][] savedCode = {};
    private int[] savedPc = {};
    private int[] savedFp = {};
    private InstanceState[] savedInstance = {};
    private int depth;
    /** Back-edges left until the next report to {@link #tier} ({@link #hotLoop}). */
    private int backEdges;
    /** A trap that left code run by on-stack replacement, whose frame it has recorded already. */
    private Trap osrTrap;

    /** Where {@link #unwind} found a handler: the frame and pc to continue at. */
    private int[] resumeCode;

    private int resumePc;
    private int resumeFp;
    private InstanceState resumeInstance;

    /**
     * The innermost frame where the collector may run now: set by each allocating GC instruction
     * and before each host call ({@link #atSafepoint}); the saved frames are its callers.
     */
    private int[] topCode;

    private int topPc;
    private int topFp;
    private InstanceState topInstance;

    public Machine(int maxCallDepth, boolean meterFuel) {
        this(maxCallDepth, meterFuel, null, 0);
    }

    /**
     * A machine for a call made at Wasm call depth {@code outerDepth} (the frames of the tiers
     * outside it), whose calls to functions {@code tier} has compiled enter the compiled code.
     */
    public Machine(int maxCallDepth, boolean meterFuel, CompiledTier tier, int outerDepth) {
        this.maxCallDepth = maxCallDepth - outerDepth;
        this.meterFuel = meterFuel;
        this.tier = tier;
        this.outerDepth = outerDepth;
        this.tierDepth = tier == null ? 0 : tier.maxDepth() - outerDepth;
        this.backEdges = tier == null ? Integer.MAX_VALUE : tier.backEdgeInterval();
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
        if (maxCallDepth <= 0) {
            // The frames outside already use up the engine's call depth.
            throw new Trap(TrapKind.CALL_STACK_EXHAUSTED);
        }
        CompiledFunction c = compiled(function);
        ensureStack(c.frameSize());
        unflatten(function.type().params(), args, 0);
        System.arraycopy(c.frameInit(), 0, stack, c.params(), c.frameInit().length);
        if (c.v128Locals()) {
            Arrays.fill(highStack(), c.params(), c.locals(), 0L);
        }
        StoreState store = function.instance().store;
        // This machine's frames are GC roots while it runs (DESIGN.md "GC heap").
        store.pushFrames(this::forEachRoot);
        try {
            // The entry from the host is a function entry like any call.
            safepoint(store);
            run(c.code(), function.instance());
        } catch (StackOverflowError e) {
            // Only host functions recurse on the JVM stack; their overflow is still Wasm's trap.
            throw new Trap(TrapKind.CALL_STACK_EXHAUSTED);
        } finally {
            store.popFrames();
        }
        return flatten(function.type().results(), 0);
    }

    /**
     * Records that the frame {@code code}/{@code fp} of {@code inst} stops at {@code pc} (the end
     * of the instruction), where the collector may run: its reference map for {@code pc} is then
     * read by {@link #forEachRoot}. Every way out of {@link #run} into code that may allocate
     * (an allocating GC instruction, a host call, and a call into compiled code once calls cross
     * tiers) must record its frame here first.
     */
    void atSafepoint(int[] code, int pc, int fp, InstanceState inst) {
        topCode = code;
        topPc = pc;
        topFp = fp;
        topInstance = inst;
    }

    /**
     * Every reference in this machine's frames: the innermost at its last safepoint and each
     * caller at its call, through the reference maps the lowering recorded.
     */
    private void forEachRoot(LongConsumer visitor) {
        if (topCode == null) {
            return;
        }
        var maps = new IdentityHashMap<int[], GcMaps>();
        mapsOf(topCode, topInstance, maps).forEachRoot(topPc, stack, topFp, visitor);
        for (int i = depth - 1; i >= 0; i--) {
            if (savedCode[i] != null && savedInstance[i] != null) {
                mapsOf(savedCode[i], savedInstance[i], maps).forEachRoot(savedPc[i], stack, savedFp[i], visitor);
            }
        }
    }

    private static GcMaps mapsOf(int[] code, InstanceState inst, IdentityHashMap<int[], GcMaps> cache) {
        return cache.computeIfAbsent(code, k -> {
            for (FunctionInstance f : inst.functions) {
                if (f instanceof WasmFunctionInstance w
                        && w.compiled() instanceof CompiledFunction c
                        && c.code() == code) {
                    return c.gcMaps();
                }
            }
            return GcMaps.NONE;
        });
    }

    /**
     * Writes values in the embedding API's flat layout (two longs per v128, low half first) to
     * the slots from {@code base} up.
     */
    private void unflatten(List<ValType> types, long[] flat, int base) {
        if (flat.length == types.size()) {
            System.arraycopy(flat, 0, stack, base, flat.length);
            return;
        }
        long[] h = highStack();
        int at = 0;
        for (int i = 0; i < types.size(); i++) {
            stack[base + i] = flat[at++];
            if (types.get(i) == ValType.V128) {
                h[base + i] = flat[at++];
            }
        }
    }

    /** The values in the slots from {@code base} up, in the flat layout. */
    private long[] flatten(List<ValType> types, int base) {
        int n = FuncType.flatCount(types);
        if (n == types.size()) {
            return Arrays.copyOfRange(stack, base, base + n);
        }
        long[] h = highStack();
        long[] flat = new long[n];
        int at = 0;
        for (int i = 0; i < types.size(); i++) {
            flat[at++] = stack[base + i];
            if (types.get(i) == ValType.V128) {
                flat[at++] = h[base + i];
            }
        }
        return flat;
    }

    /** The high-half stack, allocated or grown to the value stack's length. */
    long[] highStack() {
        if (high == null || high.length != stack.length) {
            high = high == null ? new long[stack.length] : Arrays.copyOf(high, stack.length);
        }
        return high;
    }

    private SimdExec simd() {
        if (simd == null) {
            simd = new SimdExec();
        }
        return simd;
    }

    /**
     * The slow side of a function entry or loop back-edge, reached only when fuel is metered or
     * a stop was requested: traps "interrupted" or "deadline exceeded", else takes one unit of fuel.
     */
    private void safepoint(StoreState store) {
        store.checkStop();
        if (meterFuel && !store.consumeFuel()) {
            throw new Trap(TrapKind.OUT_OF_FUEL);
        }
    }

    /**
     * Records the Wasm frames a trap leaves, innermost ({@code code} in {@code inst}) first, and
     * pops them down to {@code base}. Runs only on the trap path: frames hold just code and
     * instance, and the function they belong to is looked up here.
     */
    private Trap unwind(Trap trap, int[] code, InstanceState inst, int base) {
        // Deep stacks are mostly one recursive function: remember the last lookup.
        int[] lastCode = code;
        WasmFrame last = frame(code, inst);
        if (trap != osrTrap) {
            addFrame(trap, last);
        }
        while (depth > base) {
            depth--;
            if (savedCode[depth] != lastCode) {
                lastCode = savedCode[depth];
                last = frame(lastCode, savedInstance[depth]);
            }
            addFrame(trap, last);
            savedCode[depth] = null;
            savedInstance[depth] = null;
        }
        return trap;
    }

    private static void addFrame(Trap trap, WasmFrame frame) {
        // A frame whose function is not found is left out rather than masking the trap.
        if (frame != null) {
            trap.addWasmFrame(frame);
        }
    }

    /** The frame running {@code code} in {@code inst}, or null if no function of it has that code. */
    private static WasmFrame frame(int[] code, InstanceState inst) {
        for (FunctionInstance f : inst.functions) {
            if (f instanceof WasmFunctionInstance w
                    && w.instance() == inst
                    && w.compiled() instanceof CompiledFunction c
                    && c.code() == code) {
                return new WasmFrame(
                        w.index(), Optional.ofNullable(inst.functionNames().get(w.index())));
            }
        }
        return null;
    }

    private long[] ensureStack(int needed) {
        if (needed > stack.length) {
            if (needed > MAX_STACK_SLOTS) {
                throw new Trap(TrapKind.CALL_STACK_EXHAUSTED);
            }
            stack = Arrays.copyOf(stack, Math.min(MAX_STACK_SLOTS, Math.max(needed, stack.length * 2)));
            if (high != null) {
                highStack();
            }
        }
        return stack;
    }

    private void pushFrame(int[] code, int pc, int fp, InstanceState instance) {
        if (depth == maxCallDepth - 1) {
            throw new Trap(TrapKind.CALL_STACK_EXHAUSTED);
        }
        if (depth == savedPc.length) {
            int n = Math.max(16, depth * 2);
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
        if (callee.v128Locals()) {
            Arrays.fill(highStack(), fp + callee.params(), fp + callee.locals(), 0L);
        }
        return s;
    }

    /** Calls a host function with its arguments at {@code argBase} and writes its results there. */
    private void callHost(HostFunctionInstance host, int argBase, InstanceState caller) {
        long[] results = host.invoke(caller, flatten(host.type().params(), argBase));
        unflatten(host.type().results(), results, argBase);
    }

    /** Whether a call to {@code w} from this machine's current depth enters the compiled tier. */
    private boolean entersTier(WasmFunctionInstance w) {
        return depth < tierDepth && tier.runs(w);
    }

    /**
     * Runs {@code w}'s compiled code (see {@link #entersTier}) on the arguments at {@code argBase}
     * and writes its results there. Counted one frame deeper even for a tail call, so that a tail
     * call loop through both tiers ends up on this machine's stack rather than growing the JVM's.
     */
    private void callTier(WasmFunctionInstance w, int argBase) {
        long[] results = tier.call(w, flatten(w.type().params(), argBase), outerDepth + depth + 1);
        unflatten(w.type().results(), results, argBase);
    }

    /**
     * A call that leaves this machine, to a host function or to compiled code, from the frame
     * {@code code}/{@code fp} at {@code pc}: true when it returned. A Wasm exception it throws is
     * Wasm's to handle: false when a handler here caught it (the resume fields say where to go
     * on), and thrown on when none did.
     */
    private boolean hostCall(
            FunctionInstance f, long[] s, int argBase, int[] code, int pc, int fp, InstanceState inst, int base) {
        try {
            // The callee (a host function, or compiled code calling back into the interpreter) may
            // allocate, so collect: this frame is stopped at the call.
            atSafepoint(code, pc + Ir.length(code, pc), fp, inst);
            if (f instanceof HostFunctionInstance host) {
                callHost(host, argBase, inst);
            } else {
                callTier((WasmFunctionInstance) f, argBase);
            }
            return true;
        } catch (WasmException e) {
            if (unwind(Internals.exception(e), code, pc, fp, inst, base)) {
                return false;
            }
            throw e;
        }
    }

    /**
     * {@code THROW} or {@code THROW_REF} at {@code pc}: unwinds to the handler (the resume fields
     * say where), or throws the exception on to the host when no frame of this machine has one.
     */
    private void throwAt(int[] code, int pc, long[] s, int fp, InstanceState inst, int base) {
        ExceptionInstance exn = code[pc] == Ir.THROW
                ? Handlers.create(inst, code[pc + 1], s, fp + code[pc + 2], this::highStack)
                : inst.store.exception(s[fp + code[pc + 1]]);
        if (!unwind(exn, code, pc, fp, inst, base)) {
            throw Internals.wasmException(exn);
        }
    }

    /**
     * Finds the handler for {@code exn} thrown at {@code pc} of the frame {@code code}/{@code fp},
     * searching that frame and then its callers down to {@code base} (the frames of this machine;
     * beyond them the exception leaves {@link #run} towards the host). Popped frames are
     * discarded. On success the resume fields say where to continue and the result is true.
     */
    private boolean unwind(ExceptionInstance exn, int[] code, int pc, int fp, InstanceState inst, int base) {
        // A host function reached by a tail call runs after its caller's frame is gone.
        boolean frameGone = Handlers.isTailCall(code, pc);
        while (true) {
            int target = frameGone ? -1 : Handlers.land(code, pc, stack, fp, inst, exn, this::highStack);
            if (target >= 0) {
                resumeCode = code;
                resumePc = target;
                resumeFp = fp;
                resumeInstance = inst;
                return true;
            }
            if (depth == base) {
                return false;
            }
            frameGone = false;
            depth--;
            code = savedCode[depth];
            // The saved pc follows the call; one less lies inside it, and so in its handlers' ranges.
            pc = savedPc[depth] - 1;
            fp = savedFp[depth];
            inst = savedInstance[depth];
            savedInstance[depth] = null;
        }
    }

    static FunctionInstance indirectTarget(InstanceState inst, int typeIndex, int table, long index) {
        var t = inst.tables[table];
        // The reference interpreter names the table index in both messages (spec tests expect it).
        if (index < 0 || index >= t.size()) {
            throw Trap.atIndex(TrapKind.UNDEFINED_ELEMENT, index);
        }
        long ref = t.get(index);
        if (ref == 0) {
            throw Trap.atIndex(TrapKind.UNINITIALIZED_ELEMENT, index);
        }
        FunctionInstance f = inst.store.function(ref);
        // Spec 4.4.x call_indirect: the callee's type must match the expected one, by canonical
        // identity and declared subtyping (an instance built without canonical types compares
        // structurally).
        var expected = inst.canonicalTypes;
        if (expected == null
                ? !f.type().equals(inst.types[typeIndex])
                : !f.canonicalType().isSubtypeOf(expected[typeIndex])) {
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
     * A jump's target. A backward jump is a loop's back-edge, the safepoint of DESIGN.md
     * "Execution" (checked at function entries and loop back-edges): it traps when the store
     * asks to stop and takes one unit of fuel when fuel is metered, so an endless loop stays
     * stoppable without an instruction of its own. Forward jumps cost nothing more.
     */
    private int to(int target, int pc, int[] code, int fp, InstanceState inst) {
        if (target <= pc) {
            if (meterFuel || inst.store.stopRequested()) {
                safepoint(inst.store);
            }
            if (--backEdges == 0) {
                return hotLoop(target, code, fp, inst);
            }
        }
        return target;
    }

    /**
     * Every {@link CompiledTier#backEdgeInterval} back-edges (of any frame: a sample of where the
     * loops run), the loop at {@code target} of the frame {@code code}/{@code fp} is reported to
     * the tier. When the tier runs the rest of the call compiled from there (on-stack replacement)
     * its results go where one of the frame's RETURN instructions reads them, and that RETURN is
     * where the frame continues; else the loop goes on here.
     */
    private int hotLoop(int target, int[] code, int fp, InstanceState inst) {
        backEdges = tier == null ? Integer.MAX_VALUE : tier.backEdgeInterval();
        WasmFunctionInstance w = tier == null ? null : functionOf(code, inst);
        int ret = w == null ? -1 : returnOf(code, FuncType.flatCount(w.type().results()));
        // A Wasm exception leaving the compiled code goes straight out of this machine: only
        // right when no frame below this one has a handler.
        if (ret < 0 || depth >= tierDepth || handlersBelow()) {
            return target;
        }
        CompiledFunction c = compiled(w);
        atSafepoint(code, target, fp, inst);
        long[] results;
        try {
            results = tier.loopHot(w, Arrays.copyOfRange(stack, fp, fp + c.frameSize()), target, outerDepth + depth);
        } catch (Trap trap) {
            // The compiled code recorded this frame already.
            osrTrap = trap;
            throw trap;
        }
        if (results == null) {
            return target;
        }
        System.arraycopy(results, 0, stack, fp + code[ret + 1], results.length);
        return ret;
    }

    /** The function of {@code inst} whose code is {@code code}, or null. */
    private static WasmFunctionInstance functionOf(int[] code, InstanceState inst) {
        for (FunctionInstance f : inst.functions) {
            if (f instanceof WasmFunctionInstance w
                    && w.instance() == inst
                    && w.compiled() instanceof CompiledFunction c
                    && c.code() == code) {
                return w;
            }
        }
        return null;
    }

    /** The pc of a RETURN of {@code n} slots in {@code code}, or -1. */
    private static int returnOf(int[] code, int n) {
        int end = code[code.length - 1];
        for (int pc = 0; pc < end; ) {
            if (code[pc] == Ir.RETURN && code[pc + 2] == n) {
                return pc;
            }
            int length = Ir.length(code, pc);
            if (length <= 0) {
                return -1;
            }
            pc += length;
        }
        return -1;
    }

    /** Whether a caller frame of this machine has exception handlers. */
    private boolean handlersBelow() {
        for (int i = 0; i < depth; i++) {
            int[] code = savedCode[i];
            if (code != null && code[code.length - 1] < code.length - 1) {
                return true;
            }
        }
        return false;
    }

    private static long offset(int[] code, int at) {
        return (code[at] & 0xFFFF_FFFFL) | ((long) code[at + 1] << 32);
    }

    /**
     * The dispatch loop. It must stay under HotSpot's 8000-bytecode HugeMethodLimit (a test checks
     * it), so only hot operators are inline and the rest go through {@link NumericOps} and
     * {@link MemoryOps}; throwing and catching Wasm exceptions happen in {@link #throwAt} and
     * {@link #hostCall}, which leave the frame to continue in in the resume fields.
     */
    private void run(int[] code, InstanceState inst) {
        final int base = depth;
        long[] s = stack;
        int pc = 0;
        int fp = 0;
        try {
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
                    case Ir.JUMP -> pc = to(code[pc + 1], pc, code, fp, inst);
                    case Ir.SAFEPOINT -> {
                        if (meterFuel || inst.store.stopRequested()) {
                            safepoint(inst.store);
                        }
                        pc++;
                    }
                    case Ir.JUMP_IF_ZERO ->
                        pc = (int) s[fp + code[pc + 1]] == 0 ? to(code[pc + 2], pc, code, fp, inst) : pc + 3;
                    case Ir.JUMP_I32_EQ ->
                        pc = (int) s[fp + code[pc + 1]] == (int) s[fp + code[pc + 2]]
                                ? to(code[pc + 3], pc, code, fp, inst)
                                : pc + 4;
                    case Ir.JUMP_I32_NE ->
                        pc = (int) s[fp + code[pc + 1]] != (int) s[fp + code[pc + 2]]
                                ? to(code[pc + 3], pc, code, fp, inst)
                                : pc + 4;
                    case Ir.JUMP_I32_LT_S ->
                        pc = (int) s[fp + code[pc + 1]] < (int) s[fp + code[pc + 2]]
                                ? to(code[pc + 3], pc, code, fp, inst)
                                : pc + 4;
                    case Ir.JUMP_I32_GE_S ->
                        pc = (int) s[fp + code[pc + 1]] >= (int) s[fp + code[pc + 2]]
                                ? to(code[pc + 3], pc, code, fp, inst)
                                : pc + 4;
                    case Ir.JUMP_I32_GT_S ->
                        pc = (int) s[fp + code[pc + 1]] > (int) s[fp + code[pc + 2]]
                                ? to(code[pc + 3], pc, code, fp, inst)
                                : pc + 4;
                    case Ir.JUMP_I32_LE_S ->
                        pc = (int) s[fp + code[pc + 1]] <= (int) s[fp + code[pc + 2]]
                                ? to(code[pc + 3], pc, code, fp, inst)
                                : pc + 4;
                    case Ir.JUMP_I32_LT_U ->
                        pc = Integer.compareUnsigned((int) s[fp + code[pc + 1]], (int) s[fp + code[pc + 2]]) < 0
                                ? to(code[pc + 3], pc, code, fp, inst)
                                : pc + 4;
                    case Ir.JUMP_I32_GE_U ->
                        pc = Integer.compareUnsigned((int) s[fp + code[pc + 1]], (int) s[fp + code[pc + 2]]) >= 0
                                ? to(code[pc + 3], pc, code, fp, inst)
                                : pc + 4;
                    case Ir.JUMP_I32_GT_U ->
                        pc = Integer.compareUnsigned((int) s[fp + code[pc + 1]], (int) s[fp + code[pc + 2]]) > 0
                                ? to(code[pc + 3], pc, code, fp, inst)
                                : pc + 4;
                    case Ir.JUMP_I32_LE_U ->
                        pc = Integer.compareUnsigned((int) s[fp + code[pc + 1]], (int) s[fp + code[pc + 2]]) <= 0
                                ? to(code[pc + 3], pc, code, fp, inst)
                                : pc + 4;
                    case Ir.JUMP_I64_EQ ->
                        pc = s[fp + code[pc + 1]] == s[fp + code[pc + 2]]
                                ? to(code[pc + 3], pc, code, fp, inst)
                                : pc + 4;
                    case Ir.JUMP_I64_NE ->
                        pc = s[fp + code[pc + 1]] != s[fp + code[pc + 2]]
                                ? to(code[pc + 3], pc, code, fp, inst)
                                : pc + 4;
                    case Ir.JUMP_I64_LT_S ->
                        pc = s[fp + code[pc + 1]] < s[fp + code[pc + 2]]
                                ? to(code[pc + 3], pc, code, fp, inst)
                                : pc + 4;
                    case Ir.JUMP_I64_GE_S ->
                        pc = s[fp + code[pc + 1]] >= s[fp + code[pc + 2]]
                                ? to(code[pc + 3], pc, code, fp, inst)
                                : pc + 4;
                    case Ir.JUMP_I64_GT_S ->
                        pc = s[fp + code[pc + 1]] > s[fp + code[pc + 2]]
                                ? to(code[pc + 3], pc, code, fp, inst)
                                : pc + 4;
                    case Ir.JUMP_I64_LE_S ->
                        pc = s[fp + code[pc + 1]] <= s[fp + code[pc + 2]]
                                ? to(code[pc + 3], pc, code, fp, inst)
                                : pc + 4;
                    case Ir.JUMP_I64_LT_U ->
                        pc = Long.compareUnsigned(s[fp + code[pc + 1]], s[fp + code[pc + 2]]) < 0
                                ? to(code[pc + 3], pc, code, fp, inst)
                                : pc + 4;
                    case Ir.JUMP_I64_GE_U ->
                        pc = Long.compareUnsigned(s[fp + code[pc + 1]], s[fp + code[pc + 2]]) >= 0
                                ? to(code[pc + 3], pc, code, fp, inst)
                                : pc + 4;
                    case Ir.JUMP_I64_GT_U ->
                        pc = Long.compareUnsigned(s[fp + code[pc + 1]], s[fp + code[pc + 2]]) > 0
                                ? to(code[pc + 3], pc, code, fp, inst)
                                : pc + 4;
                    case Ir.JUMP_I64_LE_U ->
                        pc = Long.compareUnsigned(s[fp + code[pc + 1]], s[fp + code[pc + 2]]) <= 0
                                ? to(code[pc + 3], pc, code, fp, inst)
                                : pc + 4;
                    case Ir.JUMP_IF_NULL ->
                        pc = s[fp + code[pc + 1]] == 0 ? to(code[pc + 2], pc, code, fp, inst) : pc + 3;
                    case Ir.JUMP_IF_NON_NULL ->
                        pc = s[fp + code[pc + 1]] != 0 ? to(code[pc + 2], pc, code, fp, inst) : pc + 3;
                    case Ir.JUMP_IF_NONZERO ->
                        pc = (int) s[fp + code[pc + 1]] != 0 ? to(code[pc + 2], pc, code, fp, inst) : pc + 3;
                    case Ir.BR_TABLE -> {
                        int n = code[pc + 2];
                        int i = (int) s[fp + code[pc + 1]];
                        pc = to(code[pc + 3 + (Integer.compareUnsigned(i, n) < 0 ? i : n)], pc, code, fp, inst);
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
                        if (meterFuel || inst.store.stopRequested()) {
                            safepoint(inst.store);
                        }
                        if (f instanceof WasmFunctionInstance w && (tier == null || !entersTier(w))) {
                            CompiledFunction callee = compiled(w);
                            if (op == Ir.CALL || op == Ir.CALL_INDIRECT || op == Ir.CALL_REF) {
                                pushFrame(code, next, fp, inst);
                                fp = argBase;
                            } else {
                                // A tail call replaces this frame: the arguments move down to its base.
                                System.arraycopy(s, argBase, s, fp, callee.params());
                                if (high != null) {
                                    System.arraycopy(high, argBase, high, fp, callee.params());
                                }
                            }
                            s = enter(callee, fp);
                            code = callee.code();
                            inst = w.instance();
                            pc = 0;
                        } else if (hostCall(f, s, argBase, code, pc, fp, inst, base)) {
                            // For a tail call the instruction after is the RETURN of the callee's results.
                            pc = next;
                        } else {
                            code = resumeCode;
                            pc = resumePc;
                            fp = resumeFp;
                            inst = resumeInstance;
                            s = stack;
                        }
                    }
                    case Ir.V128_CONST,
                            Ir.V128_COPY,
                            Ir.HIGH_MOVE_N,
                            Ir.V128_SELECT,
                            Ir.V128_GLOBAL_GET,
                            Ir.V128_GLOBAL_SET,
                            Ir.SIMD_UNARY,
                            Ir.SIMD_BINARY,
                            Ir.SIMD_TERNARY,
                            Ir.SIMD_TO_V128,
                            Ir.SIMD_TO_SCALAR,
                            Ir.SHUFFLE,
                            Ir.SIMD_MEM -> pc = simd().execute(code, pc, s, highStack(), fp, inst);
                    case Ir.GC -> {
                        GcExec.execute(this, code, pc, s, fp, inst);
                        pc += GcExec.LENGTH;
                    }
                    case Ir.BULK -> {
                        BulkOps.execute(code[pc + 1], code[pc + 2], code[pc + 3], s, fp + code[pc + 4], inst);
                        pc += 5;
                    }
                    case Ir.ATOMIC -> {
                        AtomicOps.execute(code, pc, s, fp, inst);
                        pc += 6;
                    }
                    case Ir.WIDE -> {
                        WideOps.execute(code[pc + 1], s, fp + code[pc + 2]);
                        pc += 3;
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
                        s[fp + code[pc + 1]] =
                                NumericOps.binary(code[pc + 4], s[fp + code[pc + 2]], s[fp + code[pc + 3]]);
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
                                Integer.compareUnsigned((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]) < 0
                                        ? 1
                                        : 0;
                        pc += 4;
                    }
                    case Ir.I32_GT_S -> {
                        s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] > (int) s[fp + code[pc + 3]] ? 1 : 0;
                        pc += 4;
                    }
                    case Ir.I32_GT_U -> {
                        s[fp + code[pc + 1]] =
                                Integer.compareUnsigned((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]) > 0
                                        ? 1
                                        : 0;
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
                        s[fp + code[pc + 1]] =
                                Integer.rotateLeft((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]);
                        pc += 4;
                    }
                    case Ir.I32_ROTR -> {
                        s[fp + code[pc + 1]] =
                                Integer.rotateRight((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]);
                        pc += 4;
                    }
                    case Ir.I64_NE -> {
                        s[fp + code[pc + 1]] = s[fp + code[pc + 2]] != s[fp + code[pc + 3]] ? 1 : 0;
                        pc += 4;
                    }
                    case Ir.I64_LT_U -> {
                        s[fp + code[pc + 1]] =
                                Long.compareUnsigned(s[fp + code[pc + 2]], s[fp + code[pc + 3]]) < 0 ? 1 : 0;
                        pc += 4;
                    }
                    case Ir.I64_GT_U -> {
                        s[fp + code[pc + 1]] =
                                Long.compareUnsigned(s[fp + code[pc + 2]], s[fp + code[pc + 3]]) > 0 ? 1 : 0;
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
                    case Ir.THROW, Ir.THROW_REF -> {
                        throwAt(code, pc, s, fp, inst, base);
                        code = resumeCode;
                        pc = resumePc;
                        fp = resumeFp;
                        inst = resumeInstance;
                        s = stack;
                    }
                    default -> throw new IllegalStateException("bad IR opcode " + code[pc] + " at " + pc);
                }
            }
        } catch (Trap trap) {
            throw unwind(trap, code, inst, base);
        }
    }
}
