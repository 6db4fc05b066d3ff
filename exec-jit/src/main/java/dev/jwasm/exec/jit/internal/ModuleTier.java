package dev.jwasm.exec.jit.internal;

import dev.jwasm.api.model.FuncType;
import dev.jwasm.spi.runtime.InstanceState;
import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One module's tiering state, shared by its instances and the threads running them: how often
 * each function was called on the interpreter, whether its compilation was asked for, the class
 * holding each compiled function, the call sites through which functions in classes of their own
 * call each other, and the on-stack-replacement entries compiled for hot loops.
 *
 * <p>The module is compiled either as one class ({@link #install(ModuleCode)}: eager mode,
 * threshold 0) or function by function, each hot function into a class of its own ({@link
 * #installFunction}). In the second case each function has one {@link MutableCallSite} here,
 * which every generated class of the module calls it through ({@link #site}): it starts at the
 * runtime's call (the interpreter, until the function is compiled) and is set to the function's
 * compiled entry when there is one, so that HotSpot inlines across the classes as within one,
 * and recompiles the callers that inlined the old target.
 *
 * <p>The counts are plain ints updated without synchronization: a lost increment only delays
 * compilation a little, and the counting stays as cheap as the interpreter's own work. Code is
 * published through volatile reads and writes, after the generated class is fully defined, so a
 * thread that sees it sees all of it.
 */
final class ModuleTier {
    private final int[] calls;
    /** The whole module's compilation (one class) was asked for. */
    private final AtomicBoolean requested = new AtomicBoolean();
    /** The module's one class, or null until compiled (and always, when compiled per function). */
    private volatile ModuleCode code;
    /** Per function, the class with its compiled code, or null while it runs interpreted. */
    private final AtomicReferenceArray<JitCode> functions;
    /** Per function, 1 once its compilation (per function) was asked for. */
    private final AtomicIntegerArray claims;
    /** Per function, the call site generated classes call it through; made on first link. */
    private final MutableCallSite[] sites;
    /** Per function, its compiled entry (the call sites' target), once compiled per function. */
    private final MethodHandle[] entries;
    /** OSR entries by function index; empty when the function cannot have one. */
    private final Map<Integer, Optional<MethodHandle>> osr = new ConcurrentHashMap<>();

    private final Map<Integer, Boolean> osrRequested = new ConcurrentHashMap<>();

    /** The module's function types, by function index (its call sites' slow paths need them). */
    private final FuncType[] types;

    ModuleTier(InstanceState inst) {
        int functions = inst.functions.length;
        this.types = new FuncType[functions];
        for (int i = 0; i < functions; i++) {
            types[i] = inst.functions[i].type();
        }
        this.calls = new int[functions];
        this.functions = new AtomicReferenceArray<>(functions);
        this.claims = new AtomicIntegerArray(functions);
        this.sites = new MutableCallSite[functions];
        this.entries = new MethodHandle[functions];
    }

    /** A module with nothing to compile (no functions of its own). */
    static ModuleTier empty(InstanceState inst) {
        int functions = inst.functions.length;
        var tier = new ModuleTier(inst);
        tier.requested.set(true);
        tier.code = new ModuleCode(null, new boolean[functions], List.of());
        for (int i = 0; i < functions; i++) {
            tier.claims.set(i, 1);
        }
        return tier;
    }

    /** Counts a call of function {@code index}; whether it has reached {@code threshold} calls. */
    boolean called(int index, int threshold) {
        return ++calls[index] >= threshold;
    }

    /** Claims the module's compilation: true for the one caller that should compile it. */
    boolean claim() {
        // Read first: while the module compiles, every hot call asks again, and a failed
        // compare-and-set costs a locked instruction.
        return !requested.get() && requested.compareAndSet(false, true);
    }

    /** Gives the claim back (the compilation could not be queued, or strict mode failed it). */
    void unclaim() {
        requested.set(false);
    }

    /** Claims function {@code index}'s compilation: true for the one caller that should compile it. */
    boolean claim(int index) {
        return claims.get(index) == 0 && claims.compareAndSet(index, 0, 1);
    }

    /** Gives the claim of function {@code index} back (its compilation could not be queued). */
    void unclaim(int index) {
        claims.set(index, 0);
    }

    /** The module's one class, or null until it is compiled (or when it is compiled per function). */
    ModuleCode code() {
        return code;
    }

    /** The class holding function {@code index}'s compiled code, or null while it has none. */
    JitCode code(int index) {
        return functions.get(index);
    }

    /** Publishes the module's one class: the code of every function it holds. */
    void install(ModuleCode compiled) {
        if (compiled.code() != null) {
            for (int i = 0; i < calls.length; i++) {
                if (compiled.compiled()[i]) {
                    functions.set(i, compiled.code());
                }
            }
        }
        this.code = compiled;
    }

    /**
     * Publishes function {@code index}'s own class: the interpreter enters it from the next call
     * on, and its call site (if any class links it yet) targets {@code entry}.
     */
    synchronized void installFunction(int index, JitCode compiled, MethodHandle entry) {
        entries[index] = entry;
        functions.set(index, compiled);
        if (sites[index] != null) {
            sites[index].setTarget(entry.asType(sites[index].type()));
        }
    }

    /**
     * Function {@code index}'s call site, of {@code type} (its compiled method's): its compiled
     * entry if it has one, else a call through the runtime ({@link JitRuntime#slowCall}).
     */
    synchronized CallSite site(int index, MethodType type) {
        MutableCallSite site = sites[index];
        if (site == null) {
            MethodHandle target = entries[index] != null
                    ? entries[index].asType(type)
                    : JitRuntime.slowCall(index, type, types[index]);
            site = new MutableCallSite(target);
            sites[index] = site;
        }
        return site;
    }

    /** Function {@code index}'s OSR entry: null while not compiled, empty if it has none. */
    Optional<MethodHandle> osr(int index) {
        return osr.get(index);
    }

    void installOsr(int index, Optional<MethodHandle> entry) {
        osr.put(index, entry);
    }

    /** Claims the compilation of function {@code index}'s OSR entry. */
    boolean claimOsr(int index) {
        return osrRequested.putIfAbsent(index, Boolean.TRUE) == null;
    }

    void unclaimOsr(int index) {
        osrRequested.remove(index);
    }
}
