package com.example.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PluginHostTest {
    @Test
    void thePluginRunsInTheSandboxMemory() {
        int before = SandboxMemoryProvider.created();
        var report = PluginHost.run();

        assertTrue(report.engine().contains("memory=sandbox"), report.engine());
        assertEquals(before + 1, SandboxMemoryProvider.created(), "one memory made by this project's provider");
        assertEquals(42, report.sum());
        assertEquals(List.of("adding"), report.logged());
        // 1 page at the start, 3 more fit in the 16-page sandbox; 100 more do not, though the module allows 1000.
        assertEquals(1, report.grewSmall());
        assertEquals(-1, report.grewPastSandbox());
    }

    @Test
    void theProviderIsFoundOnTheModulePath() {
        // Surefire runs this module's tests on the module path: the provider is a service of a named module.
        assertEquals("com.example.sandbox", SandboxMemoryProvider.class.getModule().getName());
    }
}
