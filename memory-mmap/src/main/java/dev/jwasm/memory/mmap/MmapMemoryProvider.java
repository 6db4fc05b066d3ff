package dev.jwasm.memory.mmap;

import dev.jwasm.api.ConfigurationException;
import dev.jwasm.api.model.MemoryType;
import dev.jwasm.spi.MemoryBudget;
import dev.jwasm.spi.MemoryProvider;

/**
 * Memories in reserved, guard-paged address space; preferred over heap where the platform allows:
 * 64-bit little-endian Linux or macOS, with native access enabled for this module
 * ({@code --enable-native-access=dev.jwasm.memory.mmap}, or {@code ALL-UNNAMED} on the class path).
 */
public final class MmapMemoryProvider implements MemoryProvider {
    public static final String NAME = "mmap";

    /** Instantiated by {@link java.util.ServiceLoader}. */
    public MmapMemoryProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 200;
    }

    @Override
    public boolean isSupported() {
        return Platform.MMAN != null;
    }

    @Override
    public String unsupportedReason() {
        return Platform.REASON;
    }

    @Override
    public MmapLinearMemory create(MemoryType type, MemoryBudget budget) {
        if (Platform.MMAN == null) {
            throw new ConfigurationException("the mmap memory backend is not supported here: " + Platform.REASON);
        }
        return MmapLinearMemory.create(Platform.MMAN, type, budget);
    }

    /** Probes the platform once, on first use, so constructing the provider stays cheap. */
    private static final class Platform {
        static final Mman MMAN;
        static final String REASON;

        static {
            Mman mman = null;
            String reason = "";
            try {
                mman = Mman.load();
            } catch (RuntimeException | LinkageError e) {
                reason = e.getMessage() == null ? e.toString() : e.getMessage();
            }
            MMAN = mman;
            REASON = reason;
        }

        private Platform() {}
    }
}
