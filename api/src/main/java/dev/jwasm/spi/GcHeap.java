package dev.jwasm.spi;

/**
 * A store's heap of GC objects, addressed by tagged 64-bit references (DESIGN.md "Values and
 * references"). Allocation and field access grow with the GC proposal's implementation.
 */
public interface GcHeap extends AutoCloseable {
    /** The name of the backend that made this heap. */
    String name();

    /** Bytes the heap currently holds for live and not yet collected objects. */
    long usedBytes();

    @Override
    default void close() {}
}
