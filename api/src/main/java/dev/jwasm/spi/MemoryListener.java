package dev.jwasm.spi;

/** Lets a host watch, and veto, the growth of every memory of an engine. */
@FunctionalInterface
public interface MemoryListener {
    /**
     * Called before a memory commits more bytes. Returning false makes the growth fail as if the
     * memory were at its limit ({@code memory.grow} returns -1).
     *
     * @param oldBytes the memory's committed size before the growth
     * @param newBytes its committed size after
     * @param engineCommitted bytes committed by all memories of the engine before the growth
     */
    boolean beforeGrow(long oldBytes, long newBytes, long engineCommitted);
}
