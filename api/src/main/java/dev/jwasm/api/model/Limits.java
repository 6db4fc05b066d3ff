package dev.jwasm.api.model;

/**
 * Size limits of a memory (in pages) or a table (in elements), spec 2.3.11. {@code max} is
 * {@link #UNBOUNDED} when the module declares none.
 *
 * <p>Binary limits are u64. Values from 2^63 up (only i64 tables and memories can declare them)
 * are held saturated to {@link Long#MAX_VALUE}, see {@link #saturate}: no table or memory can
 * ever reach 2^63 elements or pages, so the difference is never observable when instantiating.
 */
public record Limits(long min, long max) {
    public static final long UNBOUNDED = -1;

    public Limits {
        if (min < 0) {
            throw new IllegalArgumentException("limits minimum must not be negative: " + min);
        }
        if (max != UNBOUNDED && Long.compareUnsigned(max, min) < 0) {
            throw new IllegalArgumentException("limits maximum " + max + " is below minimum " + min);
        }
    }

    /** A u64 limit as held here: values of 2^63 and above (negative as a long) become {@link Long#MAX_VALUE}. */
    public static long saturate(long u64) {
        return u64 < 0 ? Long.MAX_VALUE : u64;
    }

    public static Limits of(long min) {
        return new Limits(min, UNBOUNDED);
    }

    public boolean hasMax() {
        return max != UNBOUNDED;
    }
}
