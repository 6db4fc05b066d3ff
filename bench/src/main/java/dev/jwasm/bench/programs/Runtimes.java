package dev.jwasm.bench.programs;

/**
 * The runtimes a benchmark's {@code runtime} parameter names: {@code chicory-interp}, {@code
 * chicory-compiler}, {@code graalwasm-jit}, {@code graalwasm-interp}, or jwasm as {@code jwasm-EXECUTOR-MEMORY} ({@code
 * jwasm-jit-mmap}, {@code jwasm-interp-heap}, …).
 */
public final class Runtimes {
    private Runtimes() {}

    public static WasmRunner create(String runtime, KernelClock clock) {
        return switch (runtime) {
            case "chicory-interp" -> new ChicoryRunner(false, clock);
            case "chicory-compiler" -> new ChicoryRunner(true, clock);
            case "graalwasm-jit" -> new GraalWasmRunner(true, clock);
            case "graalwasm-interp" -> new GraalWasmRunner(false, clock);
            default -> {
                String[] parts = runtime.split("-");
                if (parts.length != 3 || !parts[0].equals("jwasm")) {
                    throw new IllegalArgumentException("unknown runtime " + runtime
                            + " (chicory-interp, chicory-compiler, graalwasm-jit, graalwasm-interp,"
                            + " jwasm-EXECUTOR-MEMORY)");
                }
                yield new JwasmRunner(parts[1], parts[2], clock);
            }
        };
    }
}
