/**
 * Exact WebAssembly numerics (spec section 4.3) shared by the interpreter and the JIT, so both
 * executors produce bit-identical results.
 *
 * <ul>
 *   <li>{@link dev.jwasm.api.numeric.IntOps}: trapping division, unsigned comparisons, bit counts,
 *       sign extension, wide arithmetic;
 *   <li>{@link dev.jwasm.api.numeric.FloatOps}: min/max, rounding, sqrt, sign-bit operations,
 *       demote/promote, and the NaN rule (every NaN an arithmetic operator produces here is the
 *       positive canonical NaN);
 *   <li>{@link dev.jwasm.api.numeric.Conversions}: trapping and saturating truncation, unsigned
 *       integer to float conversion, reinterpretation;
 *   <li>{@link dev.jwasm.api.numeric.SimdOps}: v128 operators on (lo, hi) long pairs, results
 *       written to {@code out[at]} and {@code out[at + 1]}.
 * </ul>
 *
 * Every method is static, allocation-free on its normal path and small enough for HotSpot to
 * inline; only the trapping paths allocate their {@link dev.jwasm.api.Trap}. Operators the JVM
 * already implements exactly (integer add/sub/mul, shifts, float add/sub/mul/div and comparisons,
 * signed integer to float conversion) are not duplicated here.
 */
package dev.jwasm.api.numeric;
