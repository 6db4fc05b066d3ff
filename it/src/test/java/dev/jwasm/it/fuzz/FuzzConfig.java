package dev.jwasm.it.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * Feature sets the generator is run with (wasm-opt's flags). Relaxed SIMD is left out on purpose:
 * its results are implementation-defined (spec 4.4.3.8 "relaxed"), so binaryen's choice is not a
 * reference for jwasm's.
 */
enum FuzzConfig {
    MVP(List.of()),
    POST_MVP(List.of(
            "--enable-sign-ext",
            "--enable-mutable-globals",
            "--enable-nontrapping-float-to-int",
            "--enable-simd",
            "--enable-bulk-memory",
            "--enable-bulk-memory-opt",
            "--enable-reference-types",
            "--enable-multivalue",
            "--enable-tail-call",
            "--enable-exception-handling",
            "--enable-extended-const",
            "--enable-multimemory",
            "--enable-memory64")),
    GC(concat(POST_MVP.flags, List.of("--enable-gc")));

    final List<String> flags;

    FuzzConfig(List<String> flags) {
        this.flags = flags;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        var all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
