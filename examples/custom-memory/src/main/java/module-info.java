/**
 * A plugin host that runs every plugin in its own fixed-size sandbox memory. Its memory provider is
 * found by {@code Engine.builder()} exactly like jwasm's own backends.
 */
module com.example.sandbox {
    requires dev.jwasm.api;
    requires dev.jwasm.wat;
    requires dev.jwasm.memory.heap;

    exports com.example.sandbox;

    provides dev.jwasm.spi.MemoryProvider with
            com.example.sandbox.SandboxMemoryProvider;
}
