package dev.jwasm.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.ConfigurationException;
import dev.jwasm.spi.Backend;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackendSelectorTest {
    record Fake(String name, int priority, boolean isSupported) implements Backend {
        @Override
        public String unsupportedReason() {
            return isSupported ? "" : name + " needs another OS";
        }
    }

    private static final Fake LOW = new Fake("low", 10, true);
    private static final Fake HIGH = new Fake("high", 90, true);
    private static final Fake HIGHEST_UNSUPPORTED = new Fake("best", 500, false);
    private static final List<Fake> ALL = List.of(LOW, HIGH, HIGHEST_UNSUPPORTED);

    @Test
    void withoutANameTheHighestPrioritySupportedProviderWins() {
        assertEquals(HIGH, BackendSelector.select("memory", ALL, null, "").orElseThrow());
    }

    @Test
    void aNameOverridesPriority() {
        assertEquals(LOW, BackendSelector.select("memory", ALL, "low", "").orElseThrow());
    }

    @Test
    void nothingSupportedSelectsNothing() {
        assertTrue(BackendSelector.select("memory", List.of(HIGHEST_UNSUPPORTED), null, "")
                .isEmpty());
    }

    @Test
    void equalPrioritiesAreBrokenByNameSoTheChoiceIsStable() {
        var a = new Fake("a", 5, true);
        var b = new Fake("b", 5, true);
        assertEquals(a, BackendSelector.select("gc", List.of(b, a), null, "").orElseThrow());
        assertEquals(a, BackendSelector.select("gc", List.of(a, b), null, "").orElseThrow());
    }

    @Test
    void anUnknownNameIsAnErrorListingTheAvailableOnes() {
        var e = assertThrows(
                ConfigurationException.class,
                () -> BackendSelector.select("memory", ALL, "fast", " (from system property jwasm.memory)"));
        assertEquals(
                "unknown memory backend 'fast' (from system property jwasm.memory); available: best, high, low",
                e.getMessage());
    }

    @Test
    void anUnknownNameWithNoProvidersSaysNone() {
        var e = assertThrows(
                ConfigurationException.class, () -> BackendSelector.select("executor", List.<Fake>of(), "jit", ""));
        assertEquals("unknown executor backend 'jit'; available: none", e.getMessage());
    }

    @Test
    void namingAnUnsupportedBackendExplainsWhy() {
        var e = assertThrows(ConfigurationException.class, () -> BackendSelector.select("memory", ALL, "best", ""));
        assertEquals("memory backend 'best' is not supported on this platform: best needs another OS", e.getMessage());
    }
}
