package dev.jwasm.it.fuzz;

import java.util.List;

/**
 * One observable step of running a module the way binaryen's {@code --fuzz-exec} does (its {@code
 * ExecutionResults}): each export called in order, what the fuzzing-support imports logged, each
 * result, trap and escaping exception. {@code V} is a value: binaryen's printed token on its side,
 * a typed {@link FuzzValue} on jwasm's.
 */
sealed interface FuzzEvent<V> {
    /** An exported function about to be called, or an exported global about to be logged. */
    record Export<V>(String name) implements FuzzEvent<V> {}

    /** A {@code log-*} import called, or an exported global's value. */
    record Logged<V>(List<V> values) implements FuzzEvent<V> {}

    /** An export's results (only for exports that have results and returned). */
    record Result<V>(List<V> values) implements FuzzEvent<V> {}

    /** A trap, in an export or while instantiating. The message differs by engine. */
    record Trapped<V>(String message) implements FuzzEvent<V> {}

    /**
     * A Wasm exception that reached the caller of an export. Tags are named only when they are the
     * harness's own ({@code imported-wasm-tag}, {@code imported-js-tag}): other names are binaryen's
     * internal ones.
     */
    record Thrown<V>(String tag, List<V> payload) implements FuzzEvent<V> {}

    /** An exception escaped the start function. */
    record InstantiationThrew<V>() implements FuzzEvent<V> {}

    /**
     * binaryen's interpreter stopped at one of its own limits (recursion depth, allocation): what
     * follows is not comparable.
     */
    record HostLimit<V>(String what) implements FuzzEvent<V> {}
}
