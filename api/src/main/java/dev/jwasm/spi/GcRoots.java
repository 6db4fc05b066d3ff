package dev.jwasm.spi;

import java.util.function.LongConsumer;

/**
 * What a GC heap's collector starts from: every reference the program can still reach without
 * going through the heap. The store supplies it (globals, tables, element segments, exceptions,
 * host-held references, the root stack of compiled frames) and each running executor adds its
 * frames. A visitor may receive any reference value (funcref, externref, null...): the heap
 * ignores what is not one of its objects.
 */
@FunctionalInterface
public interface GcRoots {
    /** Passes every root reference to {@code visitor}; called only during a collection. */
    void forEachRoot(LongConsumer visitor);
}
