package dev.jwasm.api;

/**
 * A WebAssembly feature the decoder and validator can accept or reject, named as on the command
 * line ({@code -W custom-page-sizes}). Wasm 3.0 features are on by default and may be turned off
 * to run older code or older test scripts; proposals beyond 3.0 are off by default, except
 * threads, which jwasm treats as standard.
 */
public enum Feature {
    /** Threads proposal: shared memories (limits flag bit 1) and the 0xFE atomic instructions. */
    THREADS("threads", true),
    /** Wasm 3.0 multiple memories: more than one memory in a module ("multiple memories"). */
    MULTI_MEMORY("multi-memory", true),
    /** Wasm 2.0 reference types' multiple tables: more than one table in a module ("multiple tables"). */
    MULTI_TABLE("multi-table", true),
    /**
     * Wasm 3.0 memory64: 64-bit memories (limits flag bit 2); off, the text format reads a
     * memory's limits as u32, as before memory64.
     */
    MEMORY64("memory64", true),
    /** Custom-page-sizes proposal: a memory's limits flag bit 3 and its page size. */
    CUSTOM_PAGE_SIZES("custom-page-sizes", false),
    /** Wide-arithmetic proposal: {@code i64.add128}, {@code i64.sub128}, {@code i64.mul_wide_s/u}. */
    WIDE_ARITHMETIC("wide-arithmetic", false),
    /** Custom-descriptors proposal: exact types and descriptor types. */
    CUSTOM_DESCRIPTORS("custom-descriptors", false);

    private final String flagName;
    private final boolean standard;

    Feature(String flagName, boolean standard) {
        this.flagName = flagName;
        this.standard = standard;
    }

    /** The name on the command line and in messages, e.g. {@code multi-memory}. */
    public String flagName() {
        return flagName;
    }

    /** Whether {@link Features#defaults()} enables it. */
    public boolean enabledByDefault() {
        return standard;
    }

    /**
     * The feature with this command-line name.
     *
     * @throws ConfigurationException naming the known features if there is none
     */
    public static Feature forName(String name) {
        for (Feature f : values()) {
            if (f.flagName.equals(name)) {
                return f;
            }
        }
        var known = new StringBuilder();
        for (Feature f : values()) {
            known.append(known.isEmpty() ? "" : ", ").append(f.flagName);
        }
        throw new ConfigurationException("unknown WebAssembly feature '" + name + "' (known: " + known + ")");
    }
}
