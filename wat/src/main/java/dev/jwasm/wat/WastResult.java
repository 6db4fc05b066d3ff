package dev.jwasm.wat;

import java.util.List;

/** An expected result of {@code assert_return}: an exact value or a pattern. */
public sealed interface WastResult {
    /** Exactly this value (floats compare bitwise). */
    record Exact(WastValue value) implements WastResult {}

    /** Which NaNs {@code nan:canonical} / {@code nan:arithmetic} accept (spec 4.3.3). */
    enum NanKind {
        CANONICAL,
        ARITHMETIC
    }

    /** Any NaN of the given kind; {@code bits} is 32 or 64. */
    record Nan(int bits, NanKind kind) implements WastResult {}

    /**
     * A v128 compared lane by lane; {@code shape} is e.g. "f32x4" and each lane is an {@link Exact}
     * (integers as I32/I64, floats as F32/F64) or a {@link Nan}.
     */
    record V128Lanes(String shape, List<WastResult> lanes) implements WastResult {
        public V128Lanes {
            lanes = List.copyOf(lanes);
        }
    }

    /** A null reference; {@code heapType} null means any null (written {@code (ref.null)}). */
    record RefNull(String heapType) implements WastResult {}

    /** {@code (ref.extern n)}, or any extern reference when {@code id} is null. */
    record RefExtern(Long id) implements WastResult {}

    /** {@code (ref.host n)}. */
    record RefHost(long id) implements WastResult {}

    /**
     * A non-null reference of a kind: {@code ref.func}, {@code ref.struct}, {@code ref.array},
     * {@code ref.i31}, {@code ref.eq}, {@code ref.any}, {@code ref.exn}... ({@code kind} without
     * the "ref." prefix).
     */
    record RefKind(String kind) implements WastResult {}

    /** {@code (either r1 r2 ...)}: any one of the alternatives. */
    record Either(List<WastResult> alternatives) implements WastResult {
        public Either {
            alternatives = List.copyOf(alternatives);
        }
    }
}
