package dev.jwasm.bench.memory;

import dev.jwasm.api.model.MemoryType;
import dev.jwasm.spi.LinearMemory;
import dev.jwasm.spi.MemoryBudget;
import dev.jwasm.spi.MemoryProvider;
import java.util.ServiceLoader;

/** Finds a memory backend by name the way the engine does, so benchmarks need no backend at compile time. */
final class Backends {
    private Backends() {}

    static LinearMemory create(String name, MemoryType type) {
        var provider = ServiceLoader.load(MemoryProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no memory backend named " + name));
        if (!provider.isSupported()) {
            throw new IllegalStateException(name + " is unsupported here: " + provider.unsupportedReason());
        }
        return provider.create(type, MemoryBudget.unlimited());
    }
}
