package dev.jwasm.it;

import dev.jwasm.api.model.MemoryType;
import dev.jwasm.spi.LinearMemory;
import dev.jwasm.spi.MemoryBudget;
import dev.jwasm.spi.MemoryProvider;

/**
 * A user's own memory backend, registered in this module's META-INF/services: it must be found
 * like the built-in ones. Its priority is low so it never becomes the default for other tests.
 */
public final class CustomMemoryProvider implements MemoryProvider {
    @Override
    public String name() {
        return "custom";
    }

    @Override
    public int priority() {
        return -1000;
    }

    @Override
    public LinearMemory create(MemoryType type, MemoryBudget budget) {
        throw new UnsupportedOperationException("selection test only");
    }
}
