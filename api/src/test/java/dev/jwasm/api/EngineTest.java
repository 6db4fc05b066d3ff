package dev.jwasm.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.model.MemoryType;
import dev.jwasm.spi.Executor;
import dev.jwasm.spi.ExecutorProvider;
import dev.jwasm.spi.LinearMemory;
import dev.jwasm.spi.MemoryBudget;
import dev.jwasm.spi.MemoryProvider;
import org.junit.jupiter.api.Test;

/** The api module alone has no backends on its module path: these exercise explicit instances. */
class EngineTest {
    static final class TestMemory implements MemoryProvider {
        @Override
        public String name() {
            return "test-memory";
        }

        @Override
        public int priority() {
            return 1;
        }

        @Override
        public LinearMemory create(MemoryType type, MemoryBudget budget) {
            throw new UnsupportedOperationException();
        }
    }

    static final class TestExecutor implements ExecutorProvider {
        @Override
        public String name() {
            return "test-executor";
        }

        @Override
        public int priority() {
            return 1;
        }

        @Override
        public Executor create(EngineConfig config) {
            return this::name;
        }
    }

    @Test
    void explicitProviderInstancesAreUsedAsGiven() {
        var memory = new TestMemory();
        var executor = new TestExecutor();
        var engine = Engine.builder().memory(memory).executor(executor).build();
        assertSame(memory, engine.memoryProvider());
        assertSame(executor, engine.executorProvider());
        assertTrue(engine.gcHeapProvider().isEmpty(), "no GC backend is on the api module's own path");
        assertEquals("Engine[memory=test-memory, executor=test-executor, gc=none]", engine.toString());
    }

    @Test
    void everyStoreOfAnEngineRunsOnTheEnginesOneExecutor() {
        // Compiled code is cached per executor: a store of its own would compile every module again.
        var engine = Engine.builder()
                .memory(new TestMemory())
                .executor(new TestExecutor())
                .build();
        try (var first = new Store(engine);
                var second = new Store(engine)) {
            assertSame(engine.executor(), first.executor());
            assertSame(first.executor(), second.executor());
        }
        var other = Engine.builder()
                .memory(new TestMemory())
                .executor(new TestExecutor())
                .build();
        assertNotSame(engine.executor(), other.executor());
    }

    @Test
    void withNoBackendOnThePathTheErrorSaysWhatToAdd() {
        var e = assertThrows(ConfigurationException.class, Engine::create);
        assertEquals(
                "no memory backend is on the module path that supports this platform;"
                        + " add one of the jwasm memory modules",
                e.getMessage());
    }

    @Test
    void limitsAreCarriedIntoTheConfigAndTheBudget() {
        var engine = Engine.builder()
                .memory(new TestMemory())
                .executor(new TestExecutor())
                .maxMemoryBytes(1 << 20)
                .maxCallDepth(500)
                .build();
        assertEquals(1 << 20, engine.config().maxMemoryBytes());
        assertEquals(1 << 20, engine.memoryBudget().limit());
        assertEquals(500, engine.config().maxCallDepth());
    }

    @Test
    void nonPositiveLimitsAreConfigurationErrors() {
        var builder = Engine.builder().memory(new TestMemory()).executor(new TestExecutor());
        var e = assertThrows(
                ConfigurationException.class, () -> builder.maxCallDepth(0).build());
        assertEquals("maxCallDepth must be positive, not 0", e.getMessage());
    }
}
