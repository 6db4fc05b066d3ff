package dev.jwasm.exec.interp.internal;

import java.util.Arrays;

/** A growable {@code int[]} the lowering appends IR to. */
final class IntBuffer {
    private int[] data = new int[64];
    private int size;

    int size() {
        return size;
    }

    void add(int value) {
        if (size == data.length) {
            data = Arrays.copyOf(data, size * 2);
        }
        data[size++] = value;
    }

    void set(int index, int value) {
        data[index] = value;
    }

    int get(int index) {
        return data[index];
    }

    /** Removes {@code length} words at {@code from}, moving later words down. */
    void remove(int from, int length) {
        System.arraycopy(data, from + length, data, from, size - from - length);
        size -= length;
    }

    int[] toArray() {
        return Arrays.copyOf(data, size);
    }
}
