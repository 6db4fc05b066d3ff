package dev.jwasm.exec.jit.internal;

import static net.bytebuddy.jar.asm.Opcodes.H_INVOKESTATIC;

import dev.jwasm.spi.runtime.StoreState;
import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.SwitchPoint;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.MethodVisitor;

/**
 * The stop check at function entries and loop back-edges, free while no store has ever been
 * stopped: an {@code invokedynamic (StoreState)Z} guarded by {@link StoreState#noStopYet()}. While
 * that switch point is valid the site is the constant {@code false}, so C2 drops the check, and
 * with it the volatile read that would keep it from hoisting the memories' fields (and their
 * bounds) out of loops; the first stop anywhere deoptimises such code, which from then on reads
 * {@link StoreState#stopRequested()} as before.
 */
final class StopCheck {
    private static final String STORE = "dev/jwasm/spi/runtime/StoreState";

    private static final Handle BOOTSTRAP = new Handle(
            H_INVOKESTATIC,
            "dev/jwasm/exec/jit/internal/StopCheck",
            "bootstrap",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;)"
                    + "Ljava/lang/invoke/CallSite;",
            false);

    private static final MethodHandle READ;

    static {
        try {
            // Not publicLookup(): spi.runtime is exported to jwasm's modules only, and on the module
            // path a public lookup cannot see it (the JIT failed there, on every module).
            READ = MethodHandles.lookup()
                    .findVirtual(StoreState.class, "stopRequested", MethodType.methodType(boolean.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final MethodHandle CHECK = guard(StoreState.noStopYet());

    private StopCheck() {}

    /** {@code (StoreState)Z}: false while {@code noStopYet} is valid, then the store's flag. */
    static MethodHandle guard(SwitchPoint noStopYet) {
        MethodHandle never =
                MethodHandles.dropArguments(MethodHandles.constant(boolean.class, false), 0, StoreState.class);
        return noStopYet.guardWithTest(never, READ);
    }

    /** Replaces the store on the stack by whether it must stop. */
    static void emit(MethodVisitor mv) {
        mv.visitInvokeDynamicInsn("stopRequested", "(L" + STORE + ";)Z", BOOTSTRAP);
    }

    /** The bootstrap of every stop check's call site. */
    static CallSite bootstrap(MethodHandles.Lookup caller, String name, MethodType type) {
        return new ConstantCallSite(CHECK.asType(type));
    }
}
