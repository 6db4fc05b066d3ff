package dev.jwasm.exec.interp.internal;

import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * A lowered function's reference maps: for each point where the collector may run while the
 * function's frame is live (the end of a call or of an allocating GC instruction, the pc a
 * suspended frame resumes at), the frame slots that hold references there. The lowering knows
 * every slot's type from the validator's operand types, so the maps are precise: a slot that
 * holds an i64 that happens to look like a reference is never a root. A point without a map
 * has no reference live across it.
 */
public record GcMaps(int[] pcs, int[][] slots) {
    static final GcMaps NONE = new GcMaps(new int[0], new int[0][]);

    private static final int[] NO_SLOTS = new int[0];

    /** The frame slots holding references at {@code pc} (none where it has no map): what compiled code spills there. */
    public int[] slotsAt(int pc) {
        int i = Arrays.binarySearch(pcs, pc);
        return i < 0 ? NO_SLOTS : slots[i];
    }

    /** Passes the references in the frame at {@code fp} of {@code stack}, stopped at {@code pc}. */
    void forEachRoot(int pc, long[] stack, int fp, LongConsumer visitor) {
        int i = Arrays.binarySearch(pcs, pc);
        if (i < 0) {
            return;
        }
        for (int slot : slots[i]) {
            visitor.accept(stack[fp + slot]);
        }
    }

    /** Collects maps in code order during one lowering pass. */
    static final class Builder {
        private int[] pcs = new int[8];
        private int[][] slots = new int[8][];
        private int count;

        void add(int pc, int[] refSlots) {
            if (refSlots.length == 0) {
                return;
            }
            if (count == pcs.length) {
                pcs = Arrays.copyOf(pcs, count * 2);
                slots = Arrays.copyOf(slots, count * 2);
            }
            pcs[count] = pc;
            slots[count++] = refSlots;
        }

        GcMaps build() {
            return count == 0 ? NONE : new GcMaps(Arrays.copyOf(pcs, count), Arrays.copyOf(slots, count));
        }
    }
}
