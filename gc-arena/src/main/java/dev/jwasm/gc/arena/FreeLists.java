package dev.jwasm.gc.arena;

import java.util.Arrays;

/**
 * The arena's free blocks by size class: one exact-size stack per small size (most objects: a
 * pop is the whole allocation), and one list of larger blocks taken first-fit and split. Rebuilt
 * by every sweep, which has merged neighbouring free blocks first, so the lists hold no two
 * adjacent blocks right after a collection.
 */
final class FreeLists {
    /** Blocks of up to this many slots have an exact-size class. */
    static final int SMALL = 64;

    private final int[][] small = new int[SMALL + 1][];
    private final int[] smallCount = new int[SMALL + 1];
    private int[] large = new int[16];
    private int largeCount;

    /** Forgets every block. */
    void clear() {
        Arrays.fill(smallCount, 0);
        largeCount = 0;
    }

    /** Adds the free block at {@code at} of {@code size} slots (its header already written). */
    void add(int at, int size) {
        if (size <= SMALL) {
            int[] list = small[size];
            int n = smallCount[size];
            if (list == null || n == list.length) {
                list = small[size] = list == null ? new int[16] : Arrays.copyOf(list, n * 2);
            }
            list[n] = at;
            smallCount[size] = n + 1;
            return;
        }
        if (largeCount == large.length) {
            large = Arrays.copyOf(large, largeCount * 2);
        }
        large[largeCount++] = at;
    }

    /**
     * A block of exactly {@code n} slots, or -1: an exact small block, else the first large block
     * big enough, whose remainder (if any) becomes a free block of its own.
     */
    int take(int n, long[] slots) {
        if (n <= SMALL && smallCount[n] > 0) {
            return small[n][--smallCount[n]];
        }
        for (int i = 0; i < largeCount; i++) {
            int at = large[i];
            int size = (int) (slots[at] >>> 32);
            if (size >= n) {
                large[i] = large[--largeCount];
                int rest = size - n;
                if (rest > 0) {
                    slots[at + n] = (long) rest << 32;
                    add(at + n, rest);
                }
                return at;
            }
        }
        return -1;
    }
}
