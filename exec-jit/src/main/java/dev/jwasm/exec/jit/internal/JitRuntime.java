package dev.jwasm.exec.jit.internal;

import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.api.WasmException;
import dev.jwasm.api.WasmFrame;
import dev.jwasm.api.model.AddressType;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.ValType;
import dev.jwasm.exec.interp.internal.TierSupport;
import dev.jwasm.internal.access.Internals;
import dev.jwasm.spi.LinearMemory;
import dev.jwasm.spi.runtime.ExceptionInstance;
import dev.jwasm.spi.runtime.FunctionInstance;
import dev.jwasm.spi.runtime.HostFunctionInstance;
import dev.jwasm.spi.runtime.InstanceState;
import dev.jwasm.spi.runtime.StoreState;
import dev.jwasm.spi.runtime.WasmFunctionInstance;
import java.lang.constant.ConstantDescs;
import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.Optional;

/**
 * The static helpers generated code calls for everything that is not a few JVM instructions:
 * traps, safepoints, calls that leave the class, and the operators it shares with the
 * interpreter. Public because the generated class, a hidden class of this package, links to it.
 */
public final class JitRuntime {
    private static final long[] NO_VALUES = {};

    private JitRuntime() {}

    /**
     * Bootstraps a call of function {@code index} from a class of the module's (a function's own,
     * or an OSR entry's): the function's call site in its {@link ModuleTier}, the caller's class
     * data, which targets its compiled code once there is some (see {@link ModuleTier#site}).
     */
    public static CallSite linkFunction(MethodHandles.Lookup caller, String name, MethodType type, int index)
            throws IllegalAccessException {
        ModuleTier tier = MethodHandles.classData(caller, ConstantDescs.DEFAULT_NAME, ModuleTier.class);
        return tier.site(index, type);
    }

    private static final MethodHandle CALL_LINKED;
    private static final MethodHandle FIRST;

    static {
        try {
            var lookup = MethodHandles.lookup();
            CALL_LINKED = lookup.findStatic(
                    JitRuntime.class,
                    "callLinked",
                    MethodType.methodType(
                            long[].class, InstanceState.class, int.class, long[].class, int.class, int[].class));
            FIRST = lookup.findStatic(JitRuntime.class, "first", MethodType.methodType(long.class, long[].class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * A call site's target while function {@code index} (of type {@code function}) has no
     * compiled code: {@code type} (the compiled method's, see {@link Abi}) adapted to {@link
     * #call}, which enters the interpreter, or compiled code that appeared meanwhile.
     */
    static MethodHandle slowCall(int index, MethodType type, FuncType function) {
        List<ValType> params = function.params();
        int[] flat = null;
        if (params.contains(ValType.V128)) {
            // The JVM arguments are the low halves, then the v128s' high halves: where each goes flat.
            flat = new int[Abi.jvmParams(function)];
            int at = 0;
            int high = params.size();
            for (int i = 0; i < params.size(); i++) {
                flat[i] = at++;
                if (params.get(i) == ValType.V128) {
                    flat[high++] = at++;
                }
            }
        }
        MethodHandle h = MethodHandles.insertArguments(CALL_LINKED, 3, index, flat)
                .asCollector(long[].class, type.parameterCount() - 2);
        h = switch (Abi.flat(function.results())) {
            case 0 -> MethodHandles.dropReturn(h);
            case 1 -> MethodHandles.filterReturnValue(h, FIRST);
            default -> h;
        };
        return h.asType(type);
    }

    /** {@link #slowCall}'s call: the arguments from the JVM order into the flat one, if they differ. */
    private static long[] callLinked(InstanceState inst, int depth, long[] args, int index, int[] flat) {
        long[] a = args;
        if (flat != null) {
            a = new long[args.length];
            for (int i = 0; i < args.length; i++) {
                a[flat[i]] = args[i];
            }
        }
        return call(inst, index, a, depth);
    }

    private static long first(long[] results) {
        return results[0];
    }

    /** Records function {@code index}'s frame on a trap leaving it; returns the trap to rethrow. */
    public static Trap frame(Trap trap, InstanceState inst, int index) {
        trap.addWasmFrame(
                new WasmFrame(index, Optional.ofNullable(inst.functionNames().get(index))));
        return trap;
    }

    /** The trap for a JVM stack overflow in function {@code index}, with its frame. */
    public static Trap exhausted(InstanceState inst, int index) {
        return frame(new Trap(TrapKind.CALL_STACK_EXHAUSTED), inst, index);
    }

    /** The trap of compiled code's own bounds check (MemoryEmitter.outOfBoundsBlocks). */
    public static Trap outOfBounds() {
        return new Trap(TrapKind.OUT_OF_BOUNDS_MEMORY);
    }

    public static Trap unreachable() {
        return new Trap(TrapKind.UNREACHABLE);
    }

    /**
     * The slow side of a function entry or loop back-edge (the generated code calls it only when
     * fuel is metered or a stop was requested), exactly as the interpreter's safepoint.
     */
    public static void safepoint(StoreState store, boolean meterFuel) {
        store.checkStop();
        if (meterFuel && !store.consumeFuel()) {
            throw new Trap(TrapKind.OUT_OF_FUEL);
        }
    }

    /**
     * Runs compiled function {@code index} of {@code inst}, {@code depth} frames deep, on the
     * interpreter: calls nested too deep for the JVM stack continue on the interpreter's own.
     */
    public static long[] interpret(InstanceState inst, int index, long[] args, int depth) {
        return CompiledModule.of(inst).executor().interpret((WasmFunctionInstance) inst.functions[index], args, depth);
    }

    /**
     * Calls function {@code index} of {@code inst} when it is not compiled into the caller's
     * class; {@code depth} is the callee's (the frames outside it).
     */
    public static long[] call(InstanceState inst, int index, long[] args, int depth) {
        return invoke(CompiledModule.of(inst).executor(), inst, inst.functions[index], args, depth);
    }

    /**
     * The callee of a {@code call_indirect} (spec 4.4.8.7), with the interpreter's checks and
     * messages; {@code index} is already the low 32 bits, as the interpreter takes them.
     */
    public static FunctionInstance indirectTarget(InstanceState inst, int typeIndex, int table, long index) {
        return TierSupport.indirectTarget(inst, typeIndex, table, index);
    }

    /** Calls {@code f}, whatever it is, from code of {@code inst}: the flat calling convention. */
    public static long[] callFunction(InstanceState inst, FunctionInstance f, long[] args, int depth) {
        return invoke(CompiledModule.of(inst).executor(), inst, f, args, depth);
    }

    /** {@code call_ref}: traps on a null reference. */
    public static long[] callRef(InstanceState inst, long ref, long[] args, int depth) {
        if (ref == 0) {
            throw new Trap(TrapKind.NULL_FUNCTION_REFERENCE);
        }
        return invoke(CompiledModule.of(inst).executor(), inst, inst.store.function(ref), args, depth);
    }

    /** Calls {@code f} from code of {@code caller}, which a host callee receives. */
    private static long[] invoke(
            JitExecutor executor, InstanceState caller, FunctionInstance f, long[] args, int depth) {
        StoreState store = caller.store;
        if (f instanceof WasmFunctionInstance w) {
            return executor.enter(w, args, depth);
        }
        HostFunctionInstance host = (HostFunctionInstance) f;
        // A call is a function entry for fuel and interrupts, host callee or not (as interpreted).
        if (executor.meterFuel() || store.stopRequested()) {
            safepoint(store, executor.meterFuel());
        }
        return host.invoke(caller, args);
    }

    /** A fresh frame for split function {@code index}: its slots, with the frame image in place. */
    public static long[] newFrame(InstanceState inst, int index) {
        return TierSupport.newFrame((WasmFunctionInstance) inst.functions[index]);
    }

    /**
     * The target of the {@code br_table} at {@code pc} of function {@code index} for table index
     * {@code i} (the last target for any out of range), read from the IR, after the back-edge
     * check when it jumps backward, as the interpreter's jump does.
     */
    public static int brTableTarget(InstanceState inst, int index, int pc, int i) {
        int[] code = TierSupport.code((WasmFunctionInstance) inst.functions[index]);
        int n = code[pc + 2];
        int target = code[pc + 3 + (Integer.compareUnsigned(i, n) < 0 ? i : n)];
        boolean meterFuel = CompiledModule.of(inst).executor().meterFuel();
        if (target <= pc && (meterFuel || inst.store.stopRequested())) {
            safepoint(inst.store, meterFuel);
        }
        return target;
    }

    /** A chunk of a split function was entered at a pc it has no entry for: a JIT bug. */
    public static IllegalStateException noEntry(int pc) {
        return new IllegalStateException("JIT: no chunk entry at IR pc " + pc);
    }

    public static RuntimeException notCompiled(int index) {
        return new IllegalStateException("function " + index + " is not compiled in this class");
    }

    public static long[] one(long value) {
        return new long[] {value};
    }

    public static long[] none() {
        return NO_VALUES;
    }

    public static long memoryGrow(LinearMemory m, long delta) {
        if (m.type().addressType() == AddressType.I32) {
            delta &= 0xFFFF_FFFFL;
        }
        return m.grow(delta);
    }

    public static long refFunc(InstanceState inst, int index) {
        return inst.store.register(inst.functions[index]);
    }

    /** {@code return_call} of function {@code index} (not the caller itself): made by the caller's wrapper. */
    public static TailCall tailCall(InstanceState inst, int index, long[] args) {
        return new TailCall(inst.functions[index], args);
    }

    /** {@code return_call_indirect}: the callee is checked here, in the caller's frame (spec 4.4.8.7). */
    public static TailCall tailCallIndirect(InstanceState inst, int typeIndex, int table, long index, long[] args) {
        return new TailCall(TierSupport.indirectTarget(inst, typeIndex, table, index), args);
    }

    /** {@code return_call_ref}: traps on a null reference, in the caller's frame. */
    public static TailCall tailCallRef(InstanceState inst, long ref, long[] args) {
        if (ref == 0) {
            throw new Trap(TrapKind.NULL_FUNCTION_REFERENCE);
        }
        return new TailCall(inst.store.function(ref), args);
    }

    /** {@code throw}: a new exception of the instance's tag {@code tag} (spec 4.4.8). */
    public static WasmException throwNew(InstanceState inst, int tag, long[] payload) {
        return Internals.wasmException(new ExceptionInstance(inst.tags[tag], payload));
    }

    /** {@code throw_ref} (and legacy rethrow): the exception an exnref names; null traps. */
    public static WasmException throwRef(InstanceState inst, long ref) {
        return Internals.wasmException(inst.store.exception(ref));
    }

    /** Whether a handler for tag {@code tag} of {@code inst} catches {@code e}, as interpreted. */
    public static boolean catches(WasmException e, InstanceState inst, int tag) {
        return inst.tags[tag] == Internals.exception(e).tag();
    }

    /** The caught exception's payload, flat. */
    public static long[] payload(WasmException e) {
        return Internals.exception(e).payload();
    }

    /** The exnref of a caught exception, for catch_ref and catch_all_ref. */
    public static long exnRef(InstanceState inst, WasmException e) {
        return inst.store.exnRef(Internals.exception(e));
    }

    /** The address of a v128's high half; a memory64 sum that wraps is out of bounds. */
    public static long plus8(long ea) {
        long e = ea + 8;
        if (Long.compareUnsigned(e, ea) < 0) {
            throw new Trap(TrapKind.OUT_OF_BOUNDS_MEMORY);
        }
        return e;
    }

    /** {@code ref.as_non_null}: traps on null. */
    public static long refAsNonNull(long ref) {
        if (ref == 0) {
            throw new Trap(TrapKind.NULL_REFERENCE);
        }
        return ref;
    }

    /**
     * {@code memory.atomic.wait32/64}: the timeout is in nanoseconds; negative waits forever, but
     * an interrupt or a deadline still ends it (as interpreted).
     */
    public static long atomicWait(LinearMemory m, long ea, int width, long expected, long timeout, InstanceState inst) {
        return m.atomicWait(width, ea, expected, timeout, inst.store::checkStop);
    }

    public static long address(long operand, int memFlags, long offset) {
        return TierSupport.address(operand, memFlags, offset);
    }
}
