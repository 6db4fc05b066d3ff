package dev.jwasm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.ConfigurationException;
import dev.jwasm.api.Engine;
import dev.jwasm.spi.Backend;
import dev.jwasm.spi.ExecutorProvider;
import dev.jwasm.spi.GcHeapProvider;
import dev.jwasm.spi.MemoryProvider;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/** Every backend module is found through ServiceLoader, and selection honours builder > property > priority. */
@ResourceLock(Resources.SYSTEM_PROPERTIES)
class BackendDiscoveryTest {
    @AfterEach
    void clearProperties() {
        System.clearProperty(Engine.MEMORY_PROPERTY);
        System.clearProperty(Engine.EXECUTOR_PROPERTY);
    }

    private static <T extends Backend> Set<String> names(Class<T> spi) {
        return ServiceLoader.load(spi).stream().map(p -> p.get().name()).collect(Collectors.toSet());
    }

    @Test
    void everyBuiltInBackendAndTheCustomOneAreDiscovered() {
        assertEquals(Set.of("mmap", "heap", "custom"), names(MemoryProvider.class));
        assertEquals(Set.of("interp", "jit"), names(ExecutorProvider.class));
        assertEquals(Set.of("arena"), names(GcHeapProvider.class));
    }

    @Test
    void theDefaultIsTheHighestPrioritySupportedProvider() {
        var engine = Engine.create();
        var expectedMemory = ServiceLoader.load(MemoryProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(Backend::isSupported)
                .max((a, b) -> Integer.compare(a.priority(), b.priority()))
                .orElseThrow();
        assertEquals(expectedMemory.name(), engine.memoryProvider().name());
        assertTrue(engine.memoryProvider().priority() > new CustomMemoryProvider().priority());
        assertEquals("arena", engine.gcHeapProvider().orElseThrow().name());
    }

    @Test
    void aCustomProviderIsSelectableByName() {
        var engine = Engine.builder().memory("custom").build();
        assertInstanceOf(CustomMemoryProvider.class, engine.memoryProvider());
    }

    @Test
    void theSystemPropertyChoosesWhenTheBuilderDoesNot() {
        System.setProperty(Engine.MEMORY_PROPERTY, "custom");
        assertEquals("custom", Engine.create().memoryProvider().name());
    }

    @Test
    void theBuilderBeatsTheSystemProperty() {
        System.setProperty(Engine.MEMORY_PROPERTY, "custom");
        assertEquals(
                "heap", Engine.builder().memory("heap").build().memoryProvider().name());
    }

    @Test
    void anUnknownNameInThePropertyNamesTheAvailableBackends() {
        System.setProperty(Engine.EXECUTOR_PROPERTY, "turbo");
        var e = assertThrows(ConfigurationException.class, Engine::create);
        assertEquals(
                "unknown executor backend 'turbo' (from system property jwasm.executor); available: interp, jit",
                e.getMessage());
    }

    @Test
    void anUnknownNameFromTheBuilderNamesTheAvailableBackends() {
        var e = assertThrows(
                ConfigurationException.class,
                () -> Engine.builder().gc("shenandoah").build());
        assertEquals("unknown gc backend 'shenandoah'; available: arena", e.getMessage());
    }
}
