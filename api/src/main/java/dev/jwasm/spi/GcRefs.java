package dev.jwasm.spi;

import dev.jwasm.spi.runtime.StoreState;

/**
 * The tagged encoding of the GC proposal's references, beside the store's (DESIGN.md "Values and
 * references"; {@link StoreState} has the other tags). 0 is null for every type. An {@code i31}
 * is inline: {@link #I31_TAG} above its 31 bits. A struct or array is {@link #OBJECT_TAG} above a
 * number the heap chooses (the arena: the object's slot offset). A funcref is a small number
 * without a tag, an externref has {@link StoreState#EXTERN_TAG}, an exnref {@link
 * StoreState#EXN_TAG}: every kind is told apart by its top five bits.
 *
 * <p>{@code any.convert_extern} and {@code extern.convert_any} keep the bits: an externalized
 * struct is still the same 64-bit value, and an internalized host object keeps its extern tag,
 * which no cast to a GC type accepts.
 */
public final class GcRefs {
    /** Set in every i31 reference; its value is in the low 31 bits. */
    public static final long I31_TAG = 1L << 59;
    /** Set in every struct and array reference. */
    public static final long OBJECT_TAG = 1L << 60;

    private static final int KIND_SHIFT = 59;

    private GcRefs() {}

    /** {@code ref.i31}: the low 31 bits of {@code value}. */
    public static long i31(int value) {
        return I31_TAG | (value & 0x7FFF_FFFFL);
    }

    public static boolean isI31(long ref) {
        return ref >>> KIND_SHIFT == 1;
    }

    /** Whether {@code ref} is a struct or array of a GC heap. */
    public static boolean isObject(long ref) {
        return ref >>> KIND_SHIFT == 2;
    }

    /** {@code i31.get_s}: the 31 bits sign-extended. */
    public static int i31Signed(long ref) {
        return ((int) ref << 1) >> 1;
    }

    /** {@code i31.get_u}: the 31 bits zero-extended. */
    public static int i31Unsigned(long ref) {
        return (int) ref & 0x7FFF_FFFF;
    }

    /** The heap's number for an object reference (see {@link #isObject}). */
    public static long objectId(long ref) {
        return ref & ~OBJECT_TAG;
    }

    /** The reference of object number {@code id} (below 2^59). */
    public static long object(long id) {
        return OBJECT_TAG | id;
    }
}
