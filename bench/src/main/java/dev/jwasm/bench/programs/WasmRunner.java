package dev.jwasm.bench.programs;

/**
 * One runtime's way to run a WASI command, so that every runtime is measured by the same
 * benchmark method. Output goes nowhere; {@code bench.start}/{@code bench.end} are no-ops.
 */
public interface WasmRunner {
    /** Parses and prepares the module; not measured. */
    void prepare(byte[] wasm);

    /** Instantiates the module and runs {@code _start}; returns the exit code. */
    int run();
}
