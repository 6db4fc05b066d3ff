package dev.jwasm.bench.micro;

/**
 * {@link MicroModule} instantiated on one runtime, its host import {@code inc} returning its
 * argument plus one.
 */
interface MicroInstance {
    /** Calls {@code add(a, b)} from the host. */
    long add(long a, long b);

    /** Calls {@code callHost(n)}: n calls from Wasm into the host. */
    long callHost(int n);

    /** Calls {@code storeLoad()}. */
    long storeLoad();

    /**
     * Instantiates the module on {@code runtime} (see {@link dev.jwasm.bench.programs.Runtimes}
     * for the names), calling through {@code path}: {@code raw}, the {@code long[]} API every
     * runtime has.
     */
    static MicroInstance create(String runtime, String path) {
        return switch (runtime) {
            case "chicory-interp" -> ChicoryMicro.create(false, path);
            case "chicory-compiler" -> ChicoryMicro.create(true, path);
            default -> {
                String[] parts = runtime.split("-");
                if (parts.length != 3 || !parts[0].equals("jwasm")) {
                    throw new IllegalArgumentException("unknown runtime " + runtime);
                }
                yield JwasmMicro.create(parts[1], parts[2], path);
            }
        };
    }
}
