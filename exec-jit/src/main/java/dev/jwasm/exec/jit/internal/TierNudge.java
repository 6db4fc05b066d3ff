package dev.jwasm.exec.jit.internal;

import static net.bytebuddy.jar.asm.Opcodes.H_INVOKESTATIC;

import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.MethodVisitor;

/**
 * Gets a function that C1 cannot compile in its profiling tier on to C2 all the same, by throwing
 * its compiled code away a few times as it runs.
 *
 * <p>C1 inlines all of a segment access's FFM code (see {@link MemoryEmitter}), and at tier 3,
 * where it also profiles, it gives up on a method past a few dozen of them ("out of virtual
 * registers", "Method and/or inlining is too large"). HotSpot then marks the method not
 * C1-compilable and normally lets the interpreter profile it for C2. But if the method was first
 * compiled at tier 2, as HotSpot does while C2's queue is long, it stays in that tier 2 code for
 * good: that code does not profile, and the policy only ever asks it to move on to tier 3, which
 * it cannot (ed25519's biggest functions ran so, three times slower than through accessors).
 *
 * <p>So each method of such a function starts with an {@code invokedynamic} of this class's
 * per-function call site, whose target counts the method's entries. At each of a few counts it
 * sets a new target, which deoptimises every compiled method that linked the site: a function
 * stuck at tier 2 goes back to the interpreter, which, as the method can no longer be compiled
 * by C1, profiles it and hands it to C2. After the last count the target is a no-op that
 * HotSpot inlines to nothing. Code that was already at C2 is compiled again, once per count.
 * Segment accesses stay: through the accessors instead, C2's code was up to five times slower
 * (matrix), as those calls are subject to its inlining budget and the FFM code is not.
 */
final class TierNudge {
    /** Above this many segment accesses, a function's methods count their entries. */
    static final int C1_SEGMENT_ACCESSES = 24;

    /**
     * The entry counts at which the function's compiled code is thrown away: the second in case
     * HotSpot compiled it at tier 2 again after the first. Both come early in a hot function's
     * life; a third at 2^21 entries landed in the middle of xchacha20's measurement (an iteration
     * of 42 ms among ones of 5) for no gain.
     */
    private static final int[] STAGES = {1 << 13, 1 << 16};

    private static final MethodType TYPE = MethodType.methodType(void.class);

    private static final MethodHandle COUNT;

    static {
        try {
            COUNT = MethodHandles.lookup()
                    .findStatic(TierNudge.class, "count", MethodType.methodType(void.class, TierNudge.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final Handle BOOTSTRAP = new Handle(
            H_INVOKESTATIC,
            "dev/jwasm/exec/jit/internal/TierNudge",
            "bootstrap",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;I)"
                    + "Ljava/lang/invoke/CallSite;",
            false);

    /** Per generated class, by function index: the function's counter and site. */
    private static final ClassValue<Map<Integer, TierNudge>> NUDGES = new ClassValue<>() {
        @Override
        protected Map<Integer, TierNudge> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    private final MutableCallSite site = new MutableCallSite(TYPE);

    /** Entries of the function's methods; plain, as a lost increment only delays a stage. */
    private int entries;

    /** How many stages have passed: the next count is {@code STAGES[stage]}. */
    private volatile int stage;

    private TierNudge() {
        site.setTarget(COUNT.bindTo(this));
    }

    /** The entry count of a method of function {@code function}. */
    static void emit(MethodVisitor mv, int function) {
        mv.visitInvokeDynamicInsn("entered", "()V", BOOTSTRAP, function);
    }

    /** The bootstrap of every such entry: one call site per function of the caller's class. */
    static CallSite bootstrap(MethodHandles.Lookup caller, String name, MethodType type, int function) {
        return NUDGES.get(caller.lookupClass()).computeIfAbsent(function, f -> new TierNudge()).site;
    }

    /** How many times this function's code was thrown away so far. */
    static int stage(Class<?> generated, int function) {
        TierNudge n = NUDGES.get(generated).get(function);
        return n == null ? 0 : n.stage;
    }

    private static void count(TierNudge n) {
        int s = n.stage;
        if (s < STAGES.length && ++n.entries >= STAGES[s]) {
            n.next(s);
        }
    }

    private synchronized void next(int passed) {
        if (stage != passed) {
            return;
        }
        stage = passed + 1;
        // A new target, even one that counts on, deoptimises the code that inlined the old one.
        site.setTarget(stage < STAGES.length ? COUNT.bindTo(this) : MethodHandles.empty(TYPE));
    }
}
