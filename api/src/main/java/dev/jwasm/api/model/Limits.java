package dev.jwasm.api.model;

/**
 * Size limits of a memory (in pages) or a table (in elements), spec 2.3.11. {@code max} is
 * {@link #UNBOUNDED} when the module declares none.
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

    public static Limits of(long min) {
        return new Limits(min, UNBOUNDED);
    }

    public boolean hasMax() {
        return max != UNBOUNDED;
    }
}
