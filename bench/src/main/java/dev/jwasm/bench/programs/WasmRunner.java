package dev.jwasm.bench.programs;

/**
 * One runtime's way to run a WASI command, so that every runtime is measured by the same
 * benchmark method. Output goes nowhere; {@code bench.start}/{@code bench.end} drive a {@link
 * KernelClock}.
 */
public interface WasmRunner {
    /** Parses and prepares the module (and, for ahead-of-time compilers, compiles it); not measured. */
    void prepare(byte[] wasm);

    /** Instantiates the module and runs {@code _start}; returns the exit code. */
    int run();

    /**
     * Why this runtime cannot run {@code program} at all (a GC workload on an engine without the
     * GC proposal, say), or null when it can.
     */
    default String cannotRun(BenchProgram program) {
        return null;
    }
}
