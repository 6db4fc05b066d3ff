package dev.jwasm.exec.jit.internal;

import static net.bytebuddy.jar.asm.Opcodes.ALOAD;
import static net.bytebuddy.jar.asm.Opcodes.DUP;
import static net.bytebuddy.jar.asm.Opcodes.GETFIELD;
import static net.bytebuddy.jar.asm.Opcodes.ILOAD;
import static net.bytebuddy.jar.asm.Opcodes.INVOKESTATIC;
import static net.bytebuddy.jar.asm.Opcodes.INVOKEVIRTUAL;
import static net.bytebuddy.jar.asm.Opcodes.ISTORE;
import static net.bytebuddy.jar.asm.Opcodes.POP;

import dev.jwasm.exec.interp.internal.GcOps;
import dev.jwasm.exec.interp.internal.IrOp;
import dev.jwasm.spi.runtime.GcRootStack;
import dev.jwasm.spi.runtime.InstanceState;

/**
 * Makes the references a compiled frame holds visible to the collector (DESIGN.md "GC heap"). JVM
 * locals are no GC roots, so at each point where the collector may run while the frame is live --
 * a call of any kind, or an allocating GC instruction -- the code pushes the slots the lowering's
 * reference map names for that point ({@code Lowered.gcMaps}, the interpreter's own maps) to the
 * store's {@link GcRootStack}, runs the instruction, and drops them again. The collector does not
 * move objects, so nothing is reloaded.
 *
 * <p>A callee returns with the stack as it found it, so a frame drops exactly what it pushed.
 * An exception leaves the pushes of the frames it unwinds behind: a frame with Wasm handlers
 * records the height at its entry and restores it where a handler lands ({@link #landing}), and
 * every entry into compiled code from the host or the interpreter restores the height it found
 * when it is left (JitExecutor).
 */
final class GcSpill extends Emitter {
    private static final String ROOTS = "dev/jwasm/spi/runtime/GcRootStack";

    private static final String SELF = "dev/jwasm/exec/jit/internal/GcSpill";

    /** The JVM local of the entry height, above everything a method or chunk of it uses. */
    private final int markLocal;

    GcSpill(Emitter method, int markLocal) {
        super(method);
        this.markLocal = markLocal;
    }

    /** The locals past the frame layout a spilling method needs: the entry height. */
    static final int LOCALS = 1;

    /**
     * The slots to spill around the instruction {@code op} at {@code pc} ending at {@code next}:
     * those of its reference map for a call or an allocation, else none.
     */
    int[] roots(IrOp op, int pc, int next) {
        boolean safepoint =
                switch (op) {
                    case CALL, CALL_INDIRECT, CALL_REF -> true;
                    case GC -> GcOps.allocates(GcEmitter.operator(code, pc));
                    default -> false;
                };
        return safepoint ? fn.gcMaps().slotsAt(next) : NONE;
    }

    private static final int[] NONE = new int[0];

    /** Pushes the slots {@code roots} to the root stack. */
    void before(int[] roots) {
        if (roots.length == 0) {
            return;
        }
        rootStack();
        for (int slot : roots) {
            mv.visitInsn(DUP);
            loadL(slot);
            mv.visitMethodInsn(INVOKEVIRTUAL, ROOTS, "push", "(J)V", false);
        }
        mv.visitInsn(POP);
    }

    /** Drops what {@link #before} pushed, after the instruction returned normally. */
    void after(int[] roots) {
        if (roots.length == 0) {
            return;
        }
        mv.visitVarInsn(ALOAD, 0);
        push(roots.length);
        mv.visitMethodInsn(INVOKESTATIC, SELF, "drop", "(L" + INST + ";I)V", false);
    }

    /** At the entry of a method with Wasm handlers: records the root stack's height. */
    void entry() {
        if (fn.handlers().isEmpty()) {
            return;
        }
        rootStack();
        mv.visitMethodInsn(INVOKEVIRTUAL, ROOTS, "top", "()I", false);
        mv.visitVarInsn(ISTORE, markLocal);
    }

    /** Where a Wasm handler lands: drops what frames the exception unwound left on the stack. */
    void landing() {
        rootStack();
        mv.visitVarInsn(ILOAD, markLocal);
        mv.visitMethodInsn(INVOKEVIRTUAL, ROOTS, "popTo", "(I)V", false);
    }

    private void rootStack() {
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, INST, "store", "L" + STORE + ";");
        mv.visitMethodInsn(INVOKEVIRTUAL, STORE, "rootStack", "()L" + ROOTS + ";", false);
    }

    /** Drops the top {@code count} entries of {@code inst}'s root stack. */
    public static void drop(InstanceState inst, int count) {
        GcRootStack roots = inst.store.rootStack();
        roots.popTo(roots.top() - count);
    }
}
