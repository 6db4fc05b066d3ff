package dev.jwasm.exec.jit.internal;

import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One module's tiering state, shared by its instances and the threads running them: how often
 * each function was called on the interpreter, whether its compilation was asked for, its code
 * once compiled, and the on-stack-replacement entries compiled for its hot loops.
 *
 * <p>The counts are plain ints updated without synchronization: a lost increment only delays
 * compilation a little, and the counting stays as cheap as the interpreter's own work. The code
 * is published through a volatile field, after the generated class is fully defined, so a
 * thread that sees it sees all of it.
 */
final class ModuleTier {
    private final int[] calls;
    private final AtomicBoolean requested = new AtomicBoolean();
    private volatile ModuleCode code;
    /** OSR entries by function index; empty when the function cannot have one. */
    private final Map<Integer, Optional<MethodHandle>> osr = new ConcurrentHashMap<>();

    private final Map<Integer, Boolean> osrRequested = new ConcurrentHashMap<>();

    ModuleTier(int functions) {
        this.calls = new int[functions];
    }

    /** A module with nothing to compile (no functions of its own). */
    static ModuleTier empty(int functions) {
        var tier = new ModuleTier(functions);
        tier.requested.set(true);
        tier.code = new ModuleCode(null, new boolean[functions], List.of());
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

    /** The module's code, or null until it is compiled. */
    ModuleCode code() {
        return code;
    }

    void install(ModuleCode compiled) {
        this.code = compiled;
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
