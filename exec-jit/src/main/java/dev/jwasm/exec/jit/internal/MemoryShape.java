package dev.jwasm.exec.jit.internal;

import dev.jwasm.spi.LinearMemory;
import dev.jwasm.spi.runtime.InstanceState;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;

/**
 * The classes of an instance's memories, which its compiled code is specialised on: each memory's
 * accessors are called with {@code invokevirtual} on its provider's concrete class (DESIGN.md,
 * "Linear memory"), held in a JVM local after one {@code checkcast} at function entry, so that
 * HotSpot binds the call statically and inlines it without a type guard. A class the generated
 * code cannot name (not public, its package not exported, or not the class its name resolves to
 * from the JIT's class loader) is called through {@link LinearMemory} instead. A module's
 * generated class serves only instances of the same shape.
 */
final class MemoryShape {
    private static final String SPI = "dev/jwasm/spi/LinearMemory";

    private final List<Class<?>> classes;
    /** Per memory, the JVM internal name its accessors are invoked on. */
    private final String[] owners;
    /**
     * Per memory, whether compiled code accesses its {@link LinearMemory#segment()} itself (a
     * class offers one always or never, so the class decides it).
     */
    private final boolean[] segments;

    private MemoryShape(List<Class<?>> classes, boolean[] segments) {
        this.classes = classes;
        this.segments = segments;
        this.owners = new String[classes.size()];
        for (int m = 0; m < owners.length; m++) {
            Class<?> c = classes.get(m);
            owners[m] = nameable(c) ? c.getName().replace('.', '/') : SPI;
        }
    }

    static MemoryShape of(InstanceState inst) {
        boolean[] segments = new boolean[inst.memories.length];
        for (int m = 0; m < segments.length; m++) {
            segments[m] = inst.memories[m].segment() != null;
        }
        return new MemoryShape(
                Arrays.stream(inst.memories)
                        .<Class<?>>map(LinearMemory::getClass)
                        .toList(),
                segments);
    }

    /**
     * Whether memory {@code memory}'s scalar loads and stores are compiled as accesses of its
     * segment, held in JVM locals, instead of calls of its accessors.
     */
    boolean segment(int memory) {
        return segments[memory];
    }

    /** Whether {@code inst}'s memories have exactly these classes. */
    boolean fits(InstanceState inst) {
        if (inst.memories.length != classes.size()) {
            return false;
        }
        for (int m = 0; m < classes.size(); m++) {
            if (inst.memories[m].getClass() != classes.get(m)) {
                return false;
            }
        }
        return true;
    }

    /** The JVM internal name the accessors of memory {@code memory} are invoked on. */
    String owner(int memory) {
        return owners[memory];
    }

    /** Whether the generated class (a hidden class of this module) can link against {@code c}. */
    private static boolean nameable(Class<?> c) {
        if (!Modifier.isPublic(c.getModifiers()) || c.isHidden() || c.getEnclosingClass() != null) {
            return false;
        }
        Module jit = MemoryShape.class.getModule();
        if (!c.getModule().isExported(c.getPackageName(), jit)) {
            return false;
        }
        try {
            if (Class.forName(c.getName(), false, MemoryShape.class.getClassLoader()) != c) {
                return false;
            }
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
        // The JIT's module does not require the backends: it reads the one it calls at run time.
        jit.addReads(c.getModule());
        return true;
    }
}
