package dev.jwasm.spi.runtime;

import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * The per-store (so per-thread: a store runs on one thread) stack where compiled frames keep the
 * references they hold across a point where the collector may run (DESIGN.md "GC heap"). A JVM
 * frame's locals are invisible to the collector, so compiled code spills its live references
 * here before an allocation or a call and reloads them after it ({@link #get}: the collector does
 * not move objects, so a reload sees the same value):
 *
 * <pre>{@code
 * int mark = roots.top();
 * roots.push(a); roots.push(b);   // live across the call
 * long r = heap.structNew(...);   // may collect: a and b are roots
 * roots.popTo(mark);
 * }</pre>
 *
 * A trap or exception that unwinds compiled frames leaves entries above an outer frame's mark;
 * that frame's {@link #popTo} (in a finally, or at the next entry from the host: {@link #clear})
 * drops them, and until then they only keep objects alive a little longer.
 */
public final class GcRootStack {
    private long[] slots = new long[64];
    private int top;

    /** An empty stack; each store has one. */
    public GcRootStack() {}

    /** The current height: what a frame passes to {@link #popTo} when it is done. */
    public int top() {
        return top;
    }

    /** Spills one reference. */
    public void push(long ref) {
        if (top == slots.length) {
            slots = Arrays.copyOf(slots, top * 2);
        }
        slots[top++] = ref;
    }

    /** The reference spilled at {@code index} (from a {@link #top()} taken before pushing). */
    public long get(int index) {
        return slots[index];
    }

    /** Drops every entry from {@code mark} up. */
    public void popTo(int mark) {
        top = mark;
    }

    /** Empties the stack (no compiled frame is running). */
    public void clear() {
        top = 0;
    }

    void forEach(LongConsumer visitor) {
        for (int i = 0; i < top; i++) {
            visitor.accept(slots[i]);
        }
    }
}
